import type { Locator, Page } from '@playwright/test';
import { stampObservation } from '../../shared/observe/stamp';
import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';

/**
 * Whether the element is wholly inside the window and not clipped or covered: its box
 * is in the viewport, and what is drawn at its top and bottom edges is the element.
 */
const inView = async (page: Page, locator: Locator) => {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  if (!box || box.y < 0 || box.x < 0 || box.y + box.height > size.height || box.x + box.width > size.width) return false;
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + Math.min(12, r.width / 2);
    return [r.top + 2, r.bottom - 2].every((y) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (el === hit || el.contains(hit));
    });
  });
};

/**
 * The capture screen on a laptop: the note field is above the fold, and while the notes
 * list scrolls (by keyboard or wheel) the clock, the step and the note field stay where
 * they are — only the list moves.
 */
for (const { width, height, scheme } of [
  { width: 1280, height: 800, scheme: 'light' },
  { width: 1280, height: 800, scheme: 'dark' },
  { width: 1024, height: 768, scheme: 'light' },
  { width: 1024, height: 768, scheme: 'dark' },
] as const) {
  test(`capture at ${width}×${height} (${scheme}): field, clock and step in view while 60 notes scroll`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    const seed = await seedLesson(app.backend());
    const cycleId = seed.cycle.id;
    for (let i = 0; i < 60; i++) {
      await app.service.saveObservation({
        observation: stampObservation(
          {
            text: `Note ${i + 1}: ${i % 3 === 0 ? 'draws a number line from 0 to 1 and marks thirds, then says the halves are bigger because there are fewer of them' : 'counts the parts'}`,
            target: { kind: 'student', studentId: seed.students[i % 3].id },
            codeIds: i % 2 ? [seed.group.codebook[i % 4].id] : [],
            photos: [],
          },
          { id: crypto.randomUUID(), cycleId, observerId: seed.group.members[i % 2].id, clockMs: i * 30_000, now: new Date(), stepId: seed.steps[Math.min(2, Math.floor(i / 20))].id },
        ),
      });
    }
    await app.open(`/cycles/${cycleId}/observe`);
    await page.getByLabel('I am').selectOption({ label: 'Aiko Tanaka' });
    const field = page.getByLabel('Note (what students say and do)');
    const clock = page.getByRole('timer', { name: 'Lesson clock' });
    const step = page.getByTestId('current-step');
    const list = page.getByRole('feed', { name: 'Notes so far (60)' });
    await expect(list.getByRole('article').first()).toBeVisible();

    // Above the fold from the start.
    await page.screenshot({ path: test.info().outputPath(`capture-${width}x${height}-${scheme}.png`) });
    expect(await inView(page, field)).toBe(true);
    expect(await inView(page, clock)).toBe(true);
    expect(await inView(page, step)).toBe(true);

    // The list is its own scroll region, reached and scrolled by keyboard.
    await list.focus();
    await expect(list).toBeFocused();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('End');
      const atEnd = await list.evaluate((el) => el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 2);
      if (atEnd) break;
    }
    await expect(list.getByRole('article').filter({ hasText: 'Note 1:' })).toBeVisible();
    expect(await list.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await inView(page, field)).toBe(true);
    expect(await inView(page, clock)).toBe(true);
    expect(await inView(page, step)).toBe(true);
    await page.screenshot({ path: test.info().outputPath(`capture-${width}x${height}-${scheme}-scrolled.png`) });

    // The wheel over the list past its end does not drag the page along.
    await list.hover();
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await inView(page, field)).toBe(true);

    // And a note can be written at once, with the list where it was left.
    await field.focus();
    await page.keyboard.type('Still in view');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Notes so far (61)' })).toBeVisible();
    expect(await inView(page, field)).toBe(true);
  });
}
