import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentDisposition, createBrowserFiles, safeUploadName } from '../../electron/backend/doors/browser-effects';
import { startHttpDoor, type HttpDoor } from '../../electron/backend/doors/http-door';
import { createHost, type Host } from '../../electron/backend/host';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { tempDir } from './support/temp';

const TOKEN = 'test-token-files-7d1e';
const group = { name: '4年 算数', schools: [], subject: 'Mathematics', gradeBand: '4', researchTheme: '', norms: [], members: [] };

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let running: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of running) await stop();
  running = [];
});

const setUp = async ({ maxUploadBytes }: { maxUploadBytes?: number } = {}) => {
  const userData = await tempDir('ls-http-files-');
  const rendererDir = path.join(userData, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const files = createBrowserFiles({ userDataDir: userData });
  const host: Host = await createHost({
    settings: createSettings(createMemoryStore()),
    effects: files.effects,
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
  });
  const door: HttpDoor = await startHttpDoor({ getService: () => host.service, rendererDir, token: TOKEN, files, maxUploadBytes });
  running.push(async () => {
    await door.close();
    await host.close();
    await files.close();
  });
  const origin = `http://127.0.0.1:${door.port}`;

  const send = (method: string, urlPath: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: door.port, method, path: urlPath, headers: { host: `127.0.0.1:${door.port}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const signIn = async (): Promise<string> => {
    const reply = await send('POST', '/session', { 'content-type': 'application/json', origin }, JSON.stringify({ token: TOKEN }));
    expect(reply.status).toBe(200);
    return String(reply.headers['set-cookie']?.[0]).split(';')[0];
  };
  const api = async (cookie: string, name: string, request: unknown, headers: Record<string, string> = {}) => {
    const reply = await send('POST', `/api/${name}`, { 'content-type': 'application/json', origin, cookie, ...headers }, JSON.stringify(request));
    expect(reply.status).toBe(200);
    return JSON.parse(reply.body.toString('utf8')) as { ok: boolean; value?: Record<string, unknown> | null; error?: { code: string; message: string }; downloads?: Array<{ id: string; name: string }> };
  };
  const upload = (cookie: string, name: string, bytes: Buffer | string, headers: Record<string, string> = {}) =>
    send('POST', '/upload', { 'content-type': 'application/octet-stream', origin, cookie, 'x-file-name': encodeURIComponent(name), ...headers }, bytes);
  const uploadId = async (cookie: string, name: string, bytes: Buffer | string) => {
    const reply = await upload(cookie, name, bytes);
    expect(reply.status).toBe(200);
    return (JSON.parse(reply.body.toString('utf8')) as { value: { id: string } }).value.id;
  };
  return { userData, origin, send, signIn, api, upload, uploadId };
};

/** A design in a new group, exported: the answer and the design. */
const exportedDesign = async (door: Awaited<ReturnType<typeof setUp>>, cookie: string, title: string) => {
  const created = await door.api(cookie, 'createGroup', group);
  const design = await door.api(cookie, 'createDesign', { groupId: created.value!.id, title });
  const exported = await door.api(cookie, 'exportDesignFile', { designId: design.value!.id });
  return { groupId: String(created.value!.id), designId: String(design.value!.id), exported };
};

describe('browser effects: pure parts', () => {
  it('names the download for every browser: an ASCII fallback and the RFC 5987 filename*', () => {
    expect(contentDisposition('授業案 v2.docx')).toBe(`attachment; filename="___ v2.docx"; filename*=UTF-8''%E6%8E%88%E6%A5%AD%E6%A1%88%20v2.docx`);
    expect(contentDisposition('report "final" 100%.docx')).toBe(`attachment; filename="report _final_ 100_.docx"; filename*=UTF-8''report%20%22final%22%20100%25.docx`);
  });

  it('keeps an uploaded name to one safe path segment', () => {
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('C:\\Users\\a\\観察.json')).toBe('観察.json');
    expect(safeUploadName('..')).toBe('upload');
    expect(safeUploadName('a:b?.json')).toBe('a_b_.json');
  });

  it('answers dialogs as cancelled outside a request', async () => {
    const files = createBrowserFiles({ userDataDir: await tempDir('ls-files-') });
    expect(await files.effects.chooseSavePath({ title: 'Export', defaultName: 'a.docx', filters: [] })).toBeNull();
    expect(await files.effects.chooseOpenPaths({ title: 'Import', filters: [], multiple: true })).toEqual([]);
    expect(await files.effects.chooseFolder({ title: 'Folder' })).toBeNull();
  });
});

describe('HTTP door: downloads', () => {
  it('offers a saved export once, to its own session, with the Japanese name intact', async () => {
    const door = await setUp();
    const cookie = await door.signIn();
    const { exported } = await exportedDesign(door, cookie, '分数のわり算');
    expect(exported.ok).toBe(true);
    expect(exported.value).toMatchObject({ fileName: '分数のわり算.lessonstudy.json' });
    expect(exported.downloads).toEqual([{ id: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/), name: '分数のわり算.lessonstudy.json' }]);
    const id = exported.downloads![0].id;

    // Without the cookie, or with another tab's session: refused, and the download is not used up.
    expect((await door.send('GET', `/download/${id}`)).status).toBe(401);
    const other = await door.signIn();
    expect((await door.send('GET', `/download/${id}`, { cookie: other })).status).toBe(404);
    expect((await door.send('GET', `/download/${id}`, { cookie, host: 'evil.example:80' })).status).toBe(421);

    const fetched = await door.send('GET', `/download/${id}`, { cookie });
    expect(fetched.status).toBe(200);
    expect(fetched.headers['content-disposition']).toBe(
      `attachment; filename="______.lessonstudy.json"; filename*=UTF-8''%E5%88%86%E6%95%B0%E3%81%AE%E3%82%8F%E3%82%8A%E7%AE%97.lessonstudy.json`,
    );
    expect(fetched.body.toString('utf8')).toContain('分数のわり算');
    expect(JSON.parse(fetched.body.toString('utf8'))).toMatchObject({ design: { versions: expect.any(Array) } });

    expect((await door.send('GET', `/download/${id}`, { cookie })).status).toBe(404);
  });

  it('offers nothing when the call fails, and openExportedFile offers the file again', async () => {
    const door = await setUp();
    const cookie = await door.signIn();
    const missing = await door.api(cookie, 'exportDesignFile', { designId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok).toBe(false);
    expect(missing.downloads).toBeUndefined();

    const { exported } = await exportedDesign(door, cookie, 'Fractions');
    const exportId = (exported.value as { exportId: string }).exportId;
    const opened = await door.api(cookie, 'openExportedFile', { exportId });
    expect(opened).toMatchObject({ ok: true, value: null, downloads: [{ name: 'Fractions.lessonstudy.json' }] });
    const shown = await door.api(cookie, 'showExportedFile', { exportId });
    expect(shown).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('keeps each saved file in a folder of its own under <userData>/downloads', async () => {
    const door = await setUp();
    const cookie = await door.signIn();
    await exportedDesign(door, cookie, 'One');
    await exportedDesign(door, cookie, 'Two');
    const folders = await readdir(path.join(door.userData, 'downloads'));
    expect(folders).toHaveLength(2);
    const names = await Promise.all(folders.map((folder) => readdir(path.join(door.userData, 'downloads', folder))));
    expect(names.flat().sort()).toEqual(['One.lessonstudy.json', 'Two.lessonstudy.json']);
  });
});

describe('HTTP door: uploads', () => {
  it('refuses uploads without a session, from another origin, or past the size limit', async () => {
    const door = await setUp({ maxUploadBytes: 1024 });
    const cookie = await door.signIn();
    expect((await door.upload('', 'a.json', '{}')).status).toBe(401);
    expect((await door.upload(cookie, 'a.json', '{}', { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await door.upload(cookie, 'a.json', Buffer.alloc(2048, 'x'))).status).toBe(413);
    expect((await door.send('GET', '/upload', { cookie })).status).toBe(405);
    expect((await door.upload(cookie, 'a.json', Buffer.alloc(1024, 'x'))).status).toBe(200);
    // Nothing of the refused upload is left on disk.
    const kept = await readdir(path.join(door.userData, 'uploads'));
    expect(kept).toHaveLength(1);
  });

  it('imports the uploaded file for the call that names it, and only for that call', async () => {
    const door = await setUp();
    const cookie = await door.signIn();
    const { groupId, exported } = await exportedDesign(door, cookie, '分数のわり算');
    const file = await door.send('GET', `/download/${exported.downloads![0].id}`, { cookie });
    const id = await door.uploadId(cookie, '分数のわり算.lessonstudy.json', file.body);

    // A call that names no upload is a cancelled dialog: null, nothing imported.
    expect(await door.api(cookie, 'importDesignFile', { groupId })).toEqual({ ok: true, value: null });
    // Another session cannot use this session's upload.
    const other = await door.signIn();
    expect(await door.api(other, 'importDesignFile', { groupId }, { 'x-lesson-study-uploads': id })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const imported = await door.api(cookie, 'importDesignFile', { groupId }, { 'x-lesson-study-uploads': id });
    expect(imported.ok).toBe(true);
    expect(imported.value).toMatchObject({ groupId, draft: { content: { title: '分数のわり算' } } });
    expect((await door.api(cookie, 'listDesigns', { groupId })).value).toHaveLength(2);

    // Used once: the same id again finds nothing, and the file is gone from disk.
    expect(await door.api(cookie, 'importDesignFile', { groupId }, { 'x-lesson-study-uploads': id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await readdir(path.join(door.userData, 'uploads'))).toEqual([]);
  });

  it('refuses an upload header that is not a list of ids', async () => {
    const door = await setUp();
    const cookie = await door.signIn();
    const reply = await door.send('POST', '/api/listGroups', { 'content-type': 'application/json', origin: door.origin, cookie, 'x-lesson-study-uploads': '../../etc/passwd' }, '{}');
    expect(reply.status).toBe(400);
  });
});

describe('HTTP door: the typed workspace folder', () => {
  it('opens an absolute folder, refuses a relative one clearly, and treats no folder as cancelled', async () => {
    const door = await setUp();
    const cookie = await door.signIn();
    const folder = path.join(door.userData, '授業研究 2026');
    expect(await door.api(cookie, 'chooseWorkspaceFolder', {})).toEqual({ ok: true, value: null });

    const relative = await door.api(cookie, 'chooseWorkspaceFolder', {}, { 'x-lesson-study-folder': encodeURIComponent('授業研究') });
    expect(relative.ok).toBe(false);
    expect(relative.error?.code).toBe('invalid-request');
    expect(relative.error?.message).toContain('“授業研究” is not a full folder path');

    const opened = await door.api(cookie, 'chooseWorkspaceFolder', {}, { 'x-lesson-study-folder': encodeURIComponent(folder) });
    expect(opened).toMatchObject({ ok: true, value: { path: folder, name: '授業研究 2026' } });
    expect((await door.api(cookie, 'getWorkspace', {})).value).toMatchObject({ path: folder });
  });
});
