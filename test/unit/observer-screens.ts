/**
 * Screenshots of the observer's device page, to look at by eye (not a test: run with
 * `npm run build:renderer && npx tsx test/unit/observer-screens.ts [outDir]`). A tiny stub
 * stands in for the capture door: it serves dist/renderer with a strict CSP, answers
 * POST /join and approves the device over /ws with a sample lesson.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { devices } from 'playwright-core';
import sharp from 'sharp';
import { WebSocketServer } from 'ws';
import type { DeviceLesson } from '../../shared/capture/protocol';
import { launchChromium } from '../e2e/support/chromium';
import { HOST_T0, lesson } from './observer-fixtures';

const outDir = path.resolve(process.argv[2] ?? '/tmp/observer-shots');
const root = path.resolve('dist/renderer');
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const id = (n: number, prefix = 'f6f6f6f6') => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

const sampleLesson = (): DeviceLesson => {
  const l = lesson();
  const names = ['Aiko', 'Ben', 'Chika', 'Daichi', 'Emi', 'Fumi', 'Goro', 'Hana', 'Isamu', 'Jun', 'Kana', 'Mei'];
  const students = names.map((pseudonym, i) => ({ id: id(i + 1, 'b2b2b2b2'), pseudonym }));
  return {
    ...l,
    focusStudentIds: [students[1].id, students[6].id],
    steps: l.steps.map((s, i) =>
      i === 1
        ? {
            ...s,
            title: 'Solve alone: how many dots in the array?',
            anticipatedResponses: [
              { id: id(1), text: 'Counts every dot one by one' },
              { id: id(2), text: 'Skip-counts by rows: 4, 8, 12' },
              { id: id(3), text: 'Multiplies 3 × 4' },
            ],
            pointsToNotice: [
              { id: id(4), text: 'Does the student use the rows or columns as units?' },
              { id: id(5), text: 'How does the student justify the total to a partner?' },
            ],
          }
        : s,
    ),
    codebook: [
      { id: id(10), label: 'Strategy', color: '#2563eb', retired: false },
      { id: id(11), label: 'Misconception', color: '#dc2626', retired: false },
      { id: id(12), label: 'Question', color: '#16a34a', retired: false },
      { id: id(13), label: 'Justification', color: '#9333ea', retired: false },
    ],
    students,
    seatingChart: {
      cols: 6,
      rows: 3,
      seats: [
        ...students.slice(0, 11).map((s, i) => ({ id: id(i + 1, 'e5e5e5e5'), col: i % 6, row: Math.floor(i / 6), studentId: s.id, label: '' })),
        { id: id(20, 'e5e5e5e5'), col: 5, row: 2, label: 'Table 3' },
      ],
    },
    // The lesson started 7 minutes ago on the host: step 2.
    clock: { clock: { accumulatedMs: 0, runningSince: Date.now() - 420_000 }, anchor: { index: 0, atMs: 0 }, hostNowMs: Date.now() },
  };
};

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** The stub's switches: hold devices in the waiting room, or drop every connection. */
const stub = { approve: false, down: false, saved: [] as string[], photos: [] as Buffer[] };
const lessonFor = sampleLesson();

const server = createServer(async (req, res) => {
  if (req.method === 'POST' && (req.url === '/stub/approve' || req.url === '/stub/down' || req.url === '/stub/up')) {
    req.resume();
    if (req.url === '/stub/approve') {
      stub.approve = true;
      for (const ws of sockets.clients) ws.send(JSON.stringify({ type: 'status', status: { status: 'approved', lesson: lessonFor } }));
    }
    if (req.url === '/stub/down') {
      stub.down = true;
      for (const ws of sockets.clients) ws.terminate();
    }
    if (req.url === '/stub/up') stub.down = false;
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'POST' && req.url === '/join') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, value: { deviceId: id(99), deviceToken: 'D'.repeat(40) } }));
    return;
  }
  const file = req.url === '/' || req.url?.startsWith('/#') ? 'observer.html' : (req.url ?? '').replace(/^\/+/, '').split('?')[0];
  if (!/^(observer\.html|assets\/[\w.-]+)$/.test(file)) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(path.join(root, file));
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
const sockets = new WebSocketServer({ server, path: '/ws', verifyClient: () => !stub.down });
sockets.on('connection', (ws) => {
  ws.on('message', (raw) => {
    if (stub.down) return;
    const message = JSON.parse(String(raw)) as {
      type: string;
      id?: string;
      channel?: string;
      request?: { note?: { id: string }; id?: string; name?: string; dataBase64?: string };
    };
    if (message.type === 'call' && message.channel === 'attachPhoto') {
      const bytes = Buffer.from(message.request?.dataBase64 ?? '', 'base64');
      stub.photos.push(bytes);
      const ref = { hash: createHash('sha256').update(bytes).digest('hex'), ext: 'jpg', name: message.request?.name ?? '', bytes: bytes.length };
      ws.send(JSON.stringify({ type: 'reply', id: message.id, result: { ok: true, value: ref } }));
      return;
    }
    if (message.type === 'hello')
      ws.send(JSON.stringify({ type: 'status', status: stub.approve ? { status: 'approved', lesson: lessonFor } : { status: 'waiting' } }));
    if (message.type === 'call') {
      const noteId = message.request?.note?.id ?? message.request?.id;
      if (message.channel === 'saveNote' && noteId) stub.saved.push(noteId);
      ws.send(JSON.stringify({ type: 'reply', id: message.id, result: { ok: true, value: { id: noteId, updatedAt: new Date().toISOString() } } }));
    }
  });
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
void HOST_T0;

const browser = await launchChromium();
const problems: string[] = [];
try {
  for (const [name, device] of [
    ['iphone13', devices['iPhone 13']],
    ['ipad', devices['iPad (gen 7)']],
  ] as const) {
    for (const locale of ['en-US', 'ja-JP']) {
      const context = await browser.newContext({ ...device, locale, defaultBrowserType: undefined } as Parameters<typeof browser.newContext>[0]);
      const page = await context.newPage();
      page.on('console', (m) => {
        // While the stub is down, the refused WebSocket handshakes are expected.
        if (m.type() === 'error' && !(stub.down && m.text().includes('WebSocket'))) problems.push(`${name}/${locale}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${name}/${locale}: ${e.message}`));
      const tag = `${name}-${locale.slice(0, 2)}`;
      await page.goto(`${base}/`);
      await page.locator('input').first().waitFor();
      await page.screenshot({ path: path.join(outDir, `${tag}-join.png`), fullPage: true });
      await page.goto(`${base}/#join=AbCdEfGhIjKlMnOpQr`);
      await page.reload();
      await page.locator('input').first().fill(locale.startsWith('ja') ? 'あいこのiPad' : 'Aiko’s iPad');
      stub.approve = false;
      await page.locator('button[type=submit]').click();
      await page.getByRole('status').filter({ hasText: /approve|承認/ }).waitFor();
      await page.screenshot({ path: path.join(outDir, `${tag}-waiting.png`) });
      await page.request.post(`${base}/stub/approve`);
      await page.locator('textarea').waitFor();
      if (page.url().includes('join=')) problems.push(`${tag}: the join secret stayed in the address bar`);
      await page.locator('.seat').nth(1).click();
      await page.locator('.seat').nth(2).click();
      await page.locator('.chip.code').first().click();
      await page.locator('.point').first().click();
      await page.locator('textarea').fill(locale.startsWith('ja') ? '「3のまとまりが4つ」と説明した' : 'Ben: “four rows of three, so 12”');
      if (tag === 'iphone13-en') {
        // A 4000×3000 camera photo stored sideways (EXIF orientation 6) with the owner's name in it.
        const original = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3366aa' } })
          .jpeg()
          .withExif({ IFD0: { Artist: 'Aiko Tanaka', Copyright: 'Aiko Tanaka' } })
          .withMetadata({ orientation: 6 })
          .toBuffer();
        await page.locator('input[type=file]').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: original });
        await page.locator('.thumbs img').waitFor();
      }
      // Touch targets: every visible control at least 44 px each way.
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('button, input:not([type=file]), textarea, summary')]
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
          .map(({ el, box }) => `${el.tagName} "${el.textContent?.trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
      );
      if (small.length) problems.push(`${tag}: touch targets under 44 px: ${small.join('; ')}`);
      await page.screenshot({ path: path.join(outDir, `${tag}-draft.png`), fullPage: true });
      await page.locator('.composer .primary').click();
      await page.locator('.note-item').first().waitFor();
      await page.locator('.badge').filter({ hasText: /All notes sent|すべて/ }).waitFor();
      await page.screenshot({ path: path.join(outDir, `${tag}-saved.png`), fullPage: false });
      if (tag === 'iphone13-en') {
        await page.locator('.badge').filter({ hasText: 'All notes sent' }).waitFor();
        const sent = stub.photos.at(-1);
        const meta = sent ? await sharp(sent).metadata() : undefined;
        const shape = meta ? `${meta.format} ${meta.width}×${meta.height} orientation=${meta.orientation ?? 'none'} exif=${meta.exif ? 'present' : 'none'}` : 'no photo';
        console.log(`Photo as sent: ${shape}`);
        if (shape !== 'jpeg 1200×1600 orientation=none exif=none') problems.push(`${tag}: photo sent as ${shape}`);
      }

      // Wi-Fi drops: the note waits on the device, the banner and the badge say so, and it
      // arrives once the connection is back.
      const before = stub.saved.length;
      await page.request.post(`${base}/stub/down`);
      await page.locator('.offline').waitFor();
      const offlineText = locale.startsWith('ja') ? 'オフライン中の記録' : 'Written while offline';
      await page.locator('textarea').fill(offlineText);
      // The draft survives a reload (a locked phone may discard the tab), then is saved.
      // Wait until the draft is in IndexedDB (the page polls its own database for it).
      // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
      const kept = (await page.evaluate(`(async (text) => {
        for (let i = 0; i < 100; i += 1) {
          const found = await new Promise((resolve) => {
            const open = indexedDB.open('lesson-study-capture');
            open.onsuccess = () => {
              const all = open.result.transaction('draft').objectStore('draft').getAll();
              all.onsuccess = () => {
                open.result.close();
                resolve(all.result.some((d) => d.text === text));
              };
            };
          });
          if (found) return true;
          await new Promise((r) => requestAnimationFrame(r));
        }
        return false;
      })(${JSON.stringify(offlineText)})`)) as boolean;
      if (!kept) problems.push(`${tag}: the draft never reached IndexedDB`);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('.composer textarea').waitFor();
      await page.waitForFunction((text) => document.querySelector<HTMLTextAreaElement>('.composer textarea')?.value === text, offlineText);
      await page.locator('.composer .primary').click();
      await page.locator('.badge.waiting').waitFor();
      await page.screenshot({ path: path.join(outDir, `${tag}-offline.png`) });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('.badge.waiting').waitFor();
      await page.request.post(`${base}/stub/up`);
      await page.locator('.badge').filter({ hasText: /All notes sent|すべて/ }).waitFor({ timeout: 30_000 });
      if (stub.saved.length !== before + 1) problems.push(`${tag}: expected one more saved note after the reconnect, got ${stub.saved.length - before}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  sockets.close();
  server.close();
}
console.log(problems.length ? `Problems:\n${problems.join('\n')}` : `Screenshots in ${outDir}, no console errors.`);
