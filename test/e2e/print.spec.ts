import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { sampleContent } from '../unit/design-fixtures';
import { expect, test, type AppHarness } from './support/harness';

/**
 * Printing: the lesson plan, the observer packets and the seating chart come out of
 * Chromium's own PDF printer (page.pdf, the engine behind "Save as PDF") on A4 and
 * Letter. The PDFs are read back with poppler (pdftotext, pdfinfo) and turned into PNGs
 * (/tmp/s6-print-*) to be looked at. window.print() is replaced in the page by a
 * recorder: a real print dialog would block the browser.
 */

test.use({ locale: 'en-US' });

const recordPrints = (page: Page) =>
  page.addInitScript(() => {
    (window as unknown as { __prints: number }).__prints = 0;
    window.print = () => {
      (window as unknown as { __prints: number }).__prints += 1;
    };
  });
const prints = (page: Page) => page.evaluate(() => (window as unknown as { __prints: number }).__prints);

interface Pdf {
  pages: number;
  /** The text, whitespace folded to single spaces. */
  text: string;
}

/** Prints the page to PDF as "Save as PDF" does, reads it back and leaves PNGs of its pages for a look. */
const pdfOf = async (page: Page, name: string, format: 'A4' | 'Letter'): Promise<Pdf> => {
  await page.emulateMedia({ media: 'print' });
  const file = `/tmp/s6-print-${name}-${format}.pdf`;
  writeFileSync(file, await page.pdf({ format }));
  await page.emulateMedia({ media: 'screen' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  // A4 is 210 × 297 mm (595.3 × 841.9 points; Chromium rounds it to 8.27 × 11.7 in), Letter 612 × 792.
  const [width, height] = format === 'A4' ? [595.3, 841.9] : [612, 792];
  expect(Math.abs(Number(size?.[1]) - width), `width of ${format}`).toBeLessThan(1.5);
  expect(Math.abs(Number(size?.[2]) - height), `height of ${format}`).toBeLessThan(1.5);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, `/tmp/s6-print-${name}-${format}`]);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
  };
};

/** Words of the app around a document, which must not reach paper. */
const chrome = ['Print…', 'Back', 'Paper', 'Packet for', 'Save as PDF', 'Lesson Study Desktop', 'Export lesson plan', 'Preferences', 'Command palette'];
const expectNoChrome = (pdf: Pdf) => {
  for (const word of chrome) expect(pdf.text, `"${word}" on paper`).not.toMatch(new RegExp(`(^|\\W)${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\W|$)`));
};

/** A group of four with a class roster, a seating chart, the built-in codebook and a planned lesson in which Ben and Chika observe. */
const seed = async (app: AppHarness) => {
  const ids = { aiko: randomUUID(), ben: randomUUID(), chika: randomUUID(), dan: randomUUID() };
  let group = await app.service.createGroup({
    name: 'Maple Math',
    schools: [],
    subject: 'Mathematics',
    gradeBand: '4',
    researchTheme: 'Students justify their reasoning to peers',
    norms: [],
    members: [
      { id: ids.aiko, name: 'Aiko Tanaka', role: 'teacher' },
      { id: ids.ben, name: 'Ben Okafor', role: 'observer' },
      { id: ids.chika, name: 'Chika Mori', role: 'observer' },
      { id: ids.dan, name: 'Dan Reyes', role: 'facilitator' },
    ],
  });
  for (const [pseudonym, focus] of [
    ['Leo', true],
    ['Mia', true],
    ['Sora', false],
    ['Noor', false],
  ] as const) {
    group = await app.service.saveFocusStudent({
      groupId: group.id,
      student: { pseudonym, focus, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false },
    });
  }
  const student = (name: string) => group.focusStudents.find((s) => s.pseudonym === name)!.id;
  await app.service.saveSeatingChart({
    groupId: group.id,
    seatingChart: {
      cols: 6,
      rows: 4,
      seats: [
        { id: randomUUID(), col: 0, row: 0, studentId: student('Leo'), label: '' },
        { id: randomUUID(), col: 1, row: 0, studentId: student('Sora'), label: '' },
        { id: randomUUID(), col: 4, row: 1, studentId: student('Mia'), label: '' },
        { id: randomUUID(), col: 5, row: 1, studentId: student('Noor'), label: '' },
        { id: randomUUID(), col: 2, row: 3, label: 'Table 3' },
      ],
    },
  });
  const design = await app.service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
  const content = sampleContent();
  content.observationPlan = [
    { id: randomUUID(), observerId: ids.ben, studentId: student('Leo'), groupLabel: '', lookFor: 'Does Leo use the area model to justify?' },
    { id: randomUUID(), observerId: ids.chika, studentId: student('Mia'), groupLabel: '', lookFor: 'Which strategy Mia tries first' },
  ];
  await app.service.saveDraft({ designId: design.id, content, changeNotes: [] });
  const saved = await app.service.saveVersion({ designId: design.id, summary: 'First plan', authors: [] });
  return { group, design: saved, version: saved.versions[0], ids };
};

test('the lesson plan prints from Ctrl+P on the design screen, on A4 and Letter, without the app around it', async ({ app }) => {
  const { page } = app;
  const { design } = await seed(app);
  await recordPrints(page);
  await app.open(`/designs/${design.id}`);
  await expect(page.getByRole('heading', { name: 'Comparing fractions with different denominators', level: 1 })).toBeVisible();

  await page.keyboard.press('Control+P');
  await expect(page.getByRole('toolbar', { name: 'Print options' })).toBeVisible();
  await expect.poll(() => prints(page)).toBe(1);
  // The flag that printed is gone: coming back to this view does not print again.
  await expect.poll(() => new URL(page.url()).hash).toBe(`#/print/designs/${design.id}?doc=plan`);
  // en-US: Letter unless chosen otherwise.
  await expect(page.getByRole('radio', { name: 'Letter' })).toBeChecked();
  await page.screenshot({ path: '/tmp/s6-print-plan-screen.png' });

  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await pdfOf(page, 'plan', format);
    expect(pdf.text).toContain('Comparing fractions with different denominators');
    expect(pdf.text).toContain('3. Pair sharing');
    expect(pdf.text).toContain('Whole-class discussion — a student groups in tens');
    expect(pdf.text).toContain('Students justify their reasoning to peers');
    // The observation plan by name: observers and students.
    expect(pdf.text).toContain('Ben Okafor');
    expect(pdf.text).toContain('Does Leo use the area model to justify?');
    expectNoChrome(pdf);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.pages).toBeLessThanOrEqual(4);
  }
  expect(await prints(page)).toBe(1);
});

test('observer packets: one per observer with their focus students, or one observer chosen; A4 and Letter', async ({ app }) => {
  const { page } = app;
  const { design } = await seed(app);
  await recordPrints(page);
  await app.open(`/designs/${design.id}`);
  // File → Print… from the menu bar does what Ctrl+P does.
  await app.menuAction({ type: 'print' });
  await expect.poll(() => prints(page)).toBe(1);

  await page.getByLabel('Document').selectOption({ label: 'Observer packet' });
  await expect(page.getByRole('heading', { name: 'Your focus students' })).toHaveCount(2);
  await page.screenshot({ path: '/tmp/s6-print-packet-screen.png', fullPage: true });
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await pdfOf(page, 'packets', format);
    expect(pdf.text).toContain('For Ben Okafor');
    expect(pdf.text).toContain('For Chika Mori');
    expect(pdf.text).toContain('Does Leo use the area model to justify?');
    expect(pdf.text).toContain('Which strategy Mia tries first');
    expect(pdf.text).toContain('Individual work — a student counts one by one');
    expect(pdf.text).toContain('Do students justify with the diagram in Summary?');
    // The codebook with the capture keys, the seating chart with its front.
    expect(pdf.text).toContain('Alt+2 Misconception');
    expect(pdf.text).toContain('Front of the room (board)');
    expect(pdf.text).toContain('Table 3');
    // No teacher support in an observer's packet, and nothing of the screen.
    expect(pdf.text).not.toContain('Ask a pair to explain');
    expectNoChrome(pdf);
    // Each packet starts on its own sheet: two packets of one to three pages.
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.pages).toBeLessThanOrEqual(6);
  }

  await page.getByLabel('Packet for').selectOption({ label: 'Ben Okafor' });
  await expect(page.getByRole('heading', { name: 'Your focus students' })).toHaveCount(1);
  const ben = await pdfOf(page, 'packet-ben', 'A4');
  expect(ben.text).toContain('For Ben Okafor');
  expect(ben.text).not.toContain('For Chika Mori');
  expect(ben.text).toContain('★ Leo');
  expect(ben.text).not.toContain('★ Mia');
  expect(ben.text).not.toContain('Which strategy Mia tries first');
  expect(ben.pages).toBeGreaterThanOrEqual(1);
  expect(ben.pages).toBeLessThanOrEqual(3);
  expect(await prints(page)).toBe(1);
});

test('the seating chart prints alone from its tab; the observe screen prints the packet of the version taught', async ({ app }) => {
  const { page } = app;
  const { group, design, version } = await seed(app);
  const cycle = await app.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });
  await app.service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: version.id });
  await recordPrints(page);
  await app.open(`/groups/${group.id}/seating`);
  await page.getByRole('button', { name: 'Print seating chart…' }).click();
  await expect.poll(() => prints(page)).toBe(1);
  await expect(page.getByRole('heading', { name: 'Seating chart', level: 1 })).toBeVisible();
  // Printing once takes `auto` off the address; a paper choice made before that lands could be lost with it.
  await expect(page).not.toHaveURL(/auto=1/);
  await page.getByRole('radio', { name: 'A4' }).click();
  await expect(page.getByRole('radio', { name: 'A4' })).toBeChecked();
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await pdfOf(page, 'seating', format);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('Group: Maple Math');
    expect(pdf.text).toContain('★ Leo');
    expect(pdf.text).toContain('Sora');
    expect(pdf.text).toContain('Noor');
    expectNoChrome(pdf);
  }

  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.getByRole('button', { name: 'Print seating chart…' })).toBeVisible();
  await app.open(`/cycles/${cycle.id}/observe`);
  // The screen is up (its keys are in place) before the shortcut is pressed.
  await expect(page.getByRole('heading', { level: 1, name: 'Observe the lesson' })).toBeVisible();
  await page.keyboard.press('Control+P');
  await expect(page.getByLabel('Document')).toHaveValue('packet');
  await expect.poll(() => prints(page)).toBe(2);
  const packet = await pdfOf(page, 'cycle-packet', 'Letter');
  expect(packet.text).toContain('For Ben Okafor');
  expect(packet.text).toContain('Comparing fractions with different denominators');
});

test('in Japanese the documents print in Japanese', async ({ app }) => {
  const { page } = app;
  const { design } = await seed(app);
  await app.service.updatePreferences({ uiLanguage: 'ja' });
  await recordPrints(page);
  await app.open(`/designs/${design.id}`);
  await page.getByRole('button', { name: '印刷…' }).click();
  await expect.poll(() => prints(page)).toBe(1);
  const plan = await pdfOf(page, 'plan-ja', 'A4');
  expect(plan.text).toContain('本時の展開');
  expect(plan.text).toContain('留意点・評価');
  expect(plan.text).toContain('Pair sharing');
  await page.getByLabel('印刷するもの').selectOption({ label: '観察者用資料' });
  await expect(page.getByRole('heading', { name: 'あなたが見る抽出児' }).first()).toBeAttached();
  const packet = await pdfOf(page, 'packet-ja', 'A4');
  expect(packet.text).toContain('あなたが見る抽出児');
  // Latin and Japanese are separate runs of text in the PDF: pdftotext may order them apart.
  expect(packet.text).toContain('Ben Okafor');
  expect(packet.text).toContain('さん用');
  expect(packet.text).not.toContain('印刷…');
});
