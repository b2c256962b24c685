import { readFile, writeFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { OBSERVATION_PACK_FORMAT, type Observation } from '../../shared/domain/observation';
import { stampClassMode, stampObservation } from '../../shared/observe/stamp';
import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';

// A small PNG (4×4, teal).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGNgkGtAICgHmQMAgMcG4GEt3PEAAAAASUVORK5CYII=',
  'base64',
);

test('a lesson observed by keyboard only: clock, steps, codes, targets, photo, class mode, undo — all there after a restart', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  await app.open(`/cycles/${cycleId}/observe`);
  await expect(page.getByRole('heading', { level: 1, name: 'Observe the lesson' })).toBeVisible();
  await page.getByLabel('I am').selectOption({ label: 'Aiko Tanaka' });

  const field = page.getByLabel('Note (what students say and do)');
  await field.focus();
  await page.keyboard.press('Alt+S');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByTestId('current-step')).toContainText('Step 1 of 3: Introduce the problem');
  await expect(page.getByText('Anticipated response for step 1')).toBeVisible();
  await expect(page.getByText('Point to notice for step 1', { exact: true })).toBeVisible();

  for (let i = 0; i < 20; i++) {
    if (i === 7 || i === 14) await page.keyboard.press('PageDown');
    if (i % 4 === 1) {
      // Alt+T: pick a focus student from the target picker by typing and Enter.
      await page.keyboard.press('Alt+T');
      const picker = page.getByRole('dialog', { name: 'Who is this note about?' });
      await expect(picker).toBeVisible();
      await page.keyboard.type(i % 8 === 1 ? 'Student B' : 'Table');
      await page.keyboard.press('Enter');
      await expect(picker).toBeHidden();
      await expect(field).toBeFocused();
    }
    if (i % 4 === 3) await page.keyboard.press('Alt+C');
    if (i % 3 === 0) await page.keyboard.press('Alt+2'); // Misconception
    if (i % 5 === 0) await page.keyboard.press('Alt+7'); // Claim (mathematical argument)
    await page.keyboard.type(i === 4 ? '=2+3 is the same as 3+2' : `Note ${i + 1}: “${i + 2} parts”`);
    await page.keyboard.press('Enter');
    await expect(field).toHaveValue('');
    await expect(field).toBeFocused();
  }
  await expect(page.getByRole('heading', { name: 'Notes so far (20)' })).toBeVisible();
  await expect(page.getByTestId('current-step')).toContainText('Step 3 of 3');

  // A photo from the browser's file picker, then a note carrying it.
  const pngPath = test.info().outputPath('board.png');
  await writeFile(pngPath, PNG);
  const photoChooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Alt+A');
  const chooser = await photoChooser;
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles([pngPath]);
  await expect(page.getByRole('group', { name: 'Photos for this note' }).getByRole('img')).toBeVisible();
  await field.focus();
  await page.keyboard.type('Board: three fraction strips');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Notes so far (21)' })).toBeVisible();

  // Class mode by key and by button, on the same clock.
  await page.keyboard.press('Alt+Shift+P');
  await expect(page.getByRole('button', { name: 'Pairs', pressed: true })).toBeVisible();
  await page.getByRole('button', { name: 'Small groups' }).click();
  await expect(page.getByRole('button', { name: 'Small groups', pressed: true })).toBeVisible();

  // Delete the newest note and undo with Ctrl+Z; delete another and undo with the toast.
  const list = page.getByRole('feed', { name: 'Notes so far (21)' });
  await list.getByRole('button', { name: 'Delete' }).first().click();
  await expect(page.getByRole('heading', { name: 'Notes so far (20)' })).toBeVisible();
  await field.focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('heading', { name: 'Notes so far (21)' })).toBeVisible();
  await list.getByRole('button', { name: 'Delete' }).nth(1).click();
  await expect(page.getByRole('heading', { name: 'Notes so far (20)' })).toBeVisible();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'Notes so far (21)' })).toBeVisible();

  // Undo and redo an added note: Ctrl+Z in the empty field takes it back (soft-deleted), Ctrl+Shift+Z brings it back.
  await field.focus();
  await page.keyboard.type('A note written by mistake');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Notes so far (22)' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('heading', { name: 'Notes so far (21)' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Note taken back' })).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('heading', { name: 'Notes so far (22)' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('heading', { name: 'Notes so far (21)' })).toBeVisible();

  // Undo and redo an edit: ↑ edits my last note; Ctrl+Z (field empty) restores the old text, Ctrl+Y the new.
  const feed = page.getByRole('feed', { name: 'Notes so far (21)' });
  await page.keyboard.press('ArrowUp');
  await expect(field).toHaveValue('Board: three fraction strips');
  await page.keyboard.press('End');
  await page.keyboard.type(', labelled 1/2, 1/3, 1/4');
  await page.keyboard.press('Enter');
  await expect(feed.getByText('Board: three fraction strips, labelled 1/2, 1/3, 1/4')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Note changed.' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(feed.getByText('Board: three fraction strips', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Change to the note undone.' })).toBeVisible();
  await page.keyboard.press('Control+y');
  await expect(feed.getByText('Board: three fraction strips, labelled 1/2, 1/3, 1/4')).toBeVisible();
  // Edit → Undo in the menu, with focus outside the field, goes to the same history.
  await page.getByRole('heading', { level: 1 }).click();
  await app.menuAction({ type: 'undo' });
  await expect(feed.getByText('Board: three fraction strips', { exact: true })).toBeVisible();
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
  await app.screenshot('observe-capture');

  await app.restart();
  await expect(page.getByRole('heading', { name: 'Notes so far (21)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Small groups', pressed: true })).toBeVisible();
  await expect(page.getByText('Board: three fraction strips')).toBeVisible();
  await expect(page.getByRole('feed', { name: 'Notes so far (21)' }).getByRole('img', { name: /Photo/ })).toBeVisible();

  const session = await app.service.getObservationSession({ cycleId });
  const notes = session.observations.filter((n) => !n.deletedAt);
  expect(notes).toHaveLength(21);
  expect(new Set(notes.map((n) => n.stepId))).toEqual(new Set(seed.steps.map((s) => s.id)));
  expect(notes.filter((n) => n.stepId === seed.steps[0].id)).toHaveLength(7);
  const misconception = seed.group.codebook.find((c) => c.label === 'Misconception')!.id;
  const claim = seed.group.codebook.find((c) => c.label === 'Claim')!.id;
  expect(notes.filter((n) => n.codeIds.includes(misconception))).toHaveLength(7);
  expect(notes.filter((n) => n.codeIds.includes(claim))).toHaveLength(4);
  expect(notes.filter((n) => n.target.kind === 'student' && n.target.studentId === seed.students[1].id).length).toBeGreaterThan(0);
  expect(notes.filter((n) => n.target.kind === 'group' && n.target.label === 'Table 3').length).toBeGreaterThan(0);
  expect(notes.every((n) => n.observerId === seed.group.members[0].id)).toBe(true);
  expect(notes.find((n) => n.text.startsWith('Board'))?.photos).toHaveLength(1);
  expect(notes.find((n) => n.text.startsWith('Board'))?.text).toBe('Board: three fraction strips');
  // The note taken back by undo is kept, soft-deleted.
  expect(session.observations.find((n) => n.text === 'A note written by mistake')?.deletedAt).toBeDefined();
  expect(session.classModes.filter((m) => !m.deletedAt).map((m) => m.mode)).toEqual(['pairs', 'small-groups']);
});

test('packs from two observers import idempotently; CSV export parses; seating chart and timeline', async ({ app }) => {
  const { page } = app;
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  const service = app.service;
  // Three notes of my own, recorded here.
  for (const [i, text] of ['=SUM(A1) said aloud', 'Counts on fingers', 'Asks, "why halves?"\nthen draws'].entries()) {
    await service.saveObservation({
      observation: stampObservation(
        { text, target: { kind: 'student', studentId: seed.students[0].id }, codeIds: [seed.group.codebook[i].id], photos: [] },
        { id: crypto.randomUUID(), cycleId, observerId: seed.group.members[0].id, clockMs: (i + 1) * 120_000, now: new Date(), stepId: seed.steps[i].id },
      ),
    });
  }
  for (const [mode, clockMs] of [['whole-class', 0], ['individual', 300_000], ['small-groups', 900_000], ['whole-class', 1_500_000]] as const) {
    await service.saveClassMode({
      change: stampClassMode(mode, { id: crypto.randomUUID(), cycleId, observerId: seed.group.members[0].id, clockMs, now: new Date() }),
    });
  }
  // Two packs from Ben's laptop: 4 notes and 3 notes (one pack repeats a note of the other).
  const benNote = (i: number): Observation =>
    stampObservation(
      { text: `Ben's note ${i}`, target: { kind: 'group', label: 'Table 3' }, codeIds: [], photos: [] },
      { id: crypto.randomUUID(), cycleId, observerId: seed.group.members[1].id, clockMs: i * 200_000, now: new Date(), stepId: seed.steps[i % 3].id },
    );
  const ben = [1, 2, 3, 4, 5, 6].map(benNote);
  const pack = (observations: Observation[]) =>
    JSON.stringify({ format: OBSERVATION_PACK_FORMAT, formatVersion: 1, cycleId, exportedAt: new Date().toISOString(), observations, classModes: [], photos: [] });
  const benPacks = [test.info().outputPath('ben1.lsobs.json'), test.info().outputPath('ben2.lsobs.json')];
  await writeFile(benPacks[0], pack(ben.slice(0, 4)));
  await writeFile(benPacks[1], pack(ben.slice(3)));
  /** Import through the browser's file picker, choosing these files. */
  const importPacks = async (files: string[]) => {
    const chosen = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import observation packs' }).click();
    await (await chosen).setFiles(files);
  };

  await app.open(`/cycles/${cycleId}/observe/timeline`);
  await expect(page.getByRole('heading', { name: 'Showing 3 of 3 notes' })).toBeVisible();
  await importPacks(benPacks);
  await expect(page.getByText('Imported: 6 added, 0 updated, 1 unchanged.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Showing 9 of 9 notes' })).toBeVisible();
  await importPacks(benPacks);
  await expect(page.getByText('Imported: 0 added, 0 updated, 7 unchanged.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Showing 9 of 9 notes' })).toBeVisible();

  // A pack for another cycle is refused and changes nothing.
  const otherPack = test.info().outputPath('other.lsobs.json');
  await writeFile(otherPack, pack(ben.slice(0, 1)).replaceAll(cycleId, crypto.randomUUID()));
  await importPacks([otherPack]);
  await expect(page.getByRole('alert').filter({ hasText: 'another cycle' })).toBeVisible();
  const { observations } = await service.getObservationSession({ cycleId });
  expect(observations.filter((n) => !n.deletedAt)).toHaveLength(9);

  // Filters.
  await page.getByRole('combobox', { name: 'Observer' }).selectOption({ label: 'Ben Ortiz' });
  await expect(page.getByRole('heading', { name: 'Showing 6 of 9 notes' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Step' }).selectOption({ index: 1 });
  await expect(page.getByRole('heading', { name: 'Showing 2 of 9 notes' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Observer' }).selectOption({ label: 'All' });
  await page.getByRole('combobox', { name: 'Step' }).selectOption({ label: 'All' });
  await expect(page.getByRole('heading', { name: 'Showing 9 of 9 notes' })).toBeVisible();
  await expect(page.locator('.timeline-band')).toHaveCount(4);
  await app.screenshot('observe-timeline');

  // CSV, downloaded. The title's colon cannot be in a file name on Windows: it becomes a space.
  const csvName = 'Cycle 1  fractions - observations.csv';
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe(csvName);
  await expect(page.getByText(`Saved “${csvName}”.`)).toBeVisible();
  const csvFile = test.info().outputPath(csvName);
  await csv.saveAs(csvFile);
  const text = await readFile(csvFile, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(rows.errors).toEqual([]);
  expect(rows.data).toHaveLength(10);
  expect(rows.data[0]).toEqual(['Cycle', 'Step', 'Clock time', 'Wall time', 'Observer', 'Target', 'Codes', 'Text', 'Photos']);
  const byText = new Map(rows.data.map((r) => [r[7], r]));
  expect(byText.get("'=SUM(A1) said aloud")).toEqual([
    seed.cycle.title, seed.steps[0].title, '2:00', expect.any(String), 'Aiko Tanaka', 'Student A', 'Student strategy', "'=SUM(A1) said aloud", '',
  ]);
  expect(byText.get('Asks, "why halves?"\nthen draws')?.[6]).toBe('Question');
  expect(rows.data.filter((r) => r[4] === 'Ben Ortiz' && r[5] === 'Table 3')).toHaveLength(6);

  // The seating chart: move Student A one seat right by keyboard, and the codebook.
  await page.goto(page.url().replace(/#.*/, `#/groups/${seed.group.id}/seating`));
  const seat = page.getByRole('button', { name: 'Student A, column 1, row 1' });
  await seat.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Student A, column 1, row 2' })).toBeFocused();
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
  await expect
    .poll(async () => (await service.getGroup({ groupId: seed.group.id })).seatingChart.seats.find((s) => s.studentId === seed.students[0].id))
    .toMatchObject({ col: 0, row: 1 });
  await app.screenshot('observe-seating');

  await page.getByRole('tab', { name: /Codebook/i }).click();
  await page.getByLabel('Label', { exact: true }).fill('Representation');
  await page.getByRole('button', { name: 'Add code' }).click();
  await expect(page.getByLabel('Label of “Representation”')).toBeVisible();
  await page.getByRole('button', { name: 'Retire “Misconception”' }).click();
  await expect(page.getByRole('button', { name: 'Bring back “Misconception”' })).toBeVisible();
  await app.screenshot('observe-codebook');
});
