import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/harness';

/**
 * Press Tab (never click) until `target` has focus, checking on the way that it shows a
 * visible focus indicator when it arrives.
 */
const tabTo = async (page: Page, target: Locator, { max = 120, backwards = false } = {}) => {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      const ring = await target.evaluate((el) => {
        const style = getComputedStyle(el);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
      });
      expect(ring, `visible focus on ${await target.evaluate((el) => el.outerHTML.slice(0, 120))}`).toBe(true);
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
};

test('the palette (Ctrl+K) jumps to a group, cycle or design with arrows and Enter; ? lists every shortcut', async ({ app }) => {
  const { page } = app;
  const service = app.service;
  const group = await service.createGroup({ name: 'Maple Math', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });
  await service.createGroup({ name: 'Cedar Science', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });
  const design = await service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
  await service.createCycle({ groupId: group.id, title: 'Autumn research lesson', researchQuestion: '' });
  await app.open();

  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Go to a group, cycle, lesson design or command' });
  await expect(input).toBeFocused();
  const listbox = page.getByRole('listbox', { name: 'Results' });
  await page.keyboard.type('cmpfrac');
  await expect(listbox.getByRole('option').first()).toContainText('Comparing fractions');
  await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(input).toHaveAttribute('aria-activedescendant', (await listbox.getByRole('option').first().getAttribute('id'))!);
  await app.screenshot('palette');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/designs/${design.id}$`));

  await page.keyboard.press('Control+k');
  await page.keyboard.type('a');
  const options = listbox.getByRole('option');
  await expect(options.nth(1)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('autumn');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn research lesson' })).toBeVisible();

  // Nothing matches: says so, Enter does nothing.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('zzzzqqq');
  await expect(page.getByText('Nothing matches.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(input).toBeHidden();

  // `?` outside a text field: every shortcut, the capture screen's keys included.
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  for (const text of ['Go to a group, cycle, lesson design or command', 'Toggle code 1–10 (the numbers on the code buttons)', 'Alt+T', 'Alt+Shift+W / P / G / I', 'Move the focused step of the lesson flow up or down']) {
    await expect(overlay.getByText(text, { exact: true }).first()).toBeVisible();
  }
  await app.screenshot('shortcuts');
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  // ...but `?` typed into a field is just a question mark.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('why?');
  await expect(input).toHaveValue('why?');
  await expect(overlay).toBeHidden();
});

test('keyboard only: create a group, write and save a lesson design, start a cycle, choose the version and capture a note', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await app.open();

  // Group
  await tabTo(page, page.getByRole('button', { name: 'New group' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Group name'));
  await page.keyboard.type('Keyboard Group');
  await tabTo(page, page.getByLabel('Member 1 name'));
  await page.keyboard.type('Aiko Tanaka');
  await tabTo(page, page.getByRole('button', { name: 'Create group' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard Group' })).toBeVisible();

  // Lesson design: the tab list is reached with Tab, tabs are switched with the arrows.
  await tabTo(page, page.getByRole('tab', { name: 'Overview' }));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Lesson designs', selected: true })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'New lesson design' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Comparing fractions');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Comparing fractions' })).toBeVisible();
  await tabTo(page, page.getByLabel('Goal of this lesson'));
  await page.keyboard.type('Students explain which fraction is larger.');
  await tabTo(page, page.getByRole('button', { name: 'Add step' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Step 1 title')).toBeVisible();
  // The new step's title takes the focus in the next frame; tabbing back starts from there
  // (checked earlier, the button could lose the focus between the check and its ring).
  await expect(page.getByLabel('Step 1 title')).toBeFocused();
  // Undo/redo outside a text field: the added step goes, and comes back.
  await tabTo(page, page.getByRole('button', { name: 'Add step' }), { backwards: true });
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Step 1 title')).toHaveCount(0);
  await expect(page.getByLabel('Goal of this lesson')).toHaveValue('Students explain which fraction is larger.');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByLabel('Step 1 title')).toBeVisible();
  // The Edit menu's Undo and Redo reach the same history (focus is on a button, not in a field).
  await app.menuAction({ type: 'undo' });
  await expect(page.getByLabel('Step 1 title')).toHaveCount(0);
  await app.menuAction({ type: 'redo' });
  await expect(page.getByLabel('Step 1 title')).toBeVisible();
  await tabTo(page, page.getByLabel('Step 1 title'), { backwards: true });
  await page.keyboard.type('Introduce the problem');
  await tabTo(page, page.getByRole('button', { name: 'Save version…' }), { backwards: true });
  await page.keyboard.press('Enter');
  const save = page.getByRole('dialog', { name: 'Save as version 1' });
  await tabTo(page, save.getByLabel('What changed (short summary)'));
  await page.keyboard.type('First plan');
  await tabTo(page, save.getByRole('button', { name: 'Save version' }));
  await page.keyboard.press('Enter');
  await expect(save).toBeHidden();

  // Cycle: File ▸ New cycle is in the palette too.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('new cycle');
  await page.keyboard.press('Enter');
  const newCycle = page.getByRole('dialog', { name: 'New cycle' });
  await expect(newCycle).toBeVisible();
  await tabTo(page, newCycle.getByLabel('Cycle title'));
  await page.keyboard.type('Autumn research lesson');
  await tabTo(page, newCycle.getByRole('button', { name: 'Create cycle' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn research lesson' })).toBeVisible();
  await tabTo(page, page.getByLabel('Version to teach'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, page.getByRole('button', { name: 'Teach this version' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Teaching: Comparing fractions, version 1')).toBeVisible();

  // Capture: through the palette, then the capture screen's own keys.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('capture');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Observe the lesson' })).toBeVisible();
  await tabTo(page, page.getByLabel('I am'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, page.getByLabel('Note (what students say and do)'));
  await page.keyboard.type('Compares numerators only: “3 is more than 2”');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Notes so far (1)' })).toBeVisible();
  await app.screenshot('keyboard-capture');

  const [cycle] = await app.service.listCycles({ groupId: (await app.service.listGroups({}))[0].id });
  // The list shows the note at once; the backend has it when its save is done.
  await expect
    .poll(async () => (await app.service.getObservationSession({ cycleId: cycle.id })).observations.map((o) => o.text))
    .toEqual(['Compares numerators only: “3 is more than 2”']);
});
