import { expect, test } from './support/harness';

const steps = ['Launch the problem', 'Individual work', 'Whole-class discussion'];

test.describe('the flow table on a projector', () => {
  test('at 1024×768 and 150 % zoom each step is a card with every part readable, no sideways scrolling', async ({ app }) => {
    const { page } = app;
    const group = await app.service.createGroup({ name: 'Projector group', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });
    const design = await app.service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
    const content = design.draft!.content;
    await app.service.saveDraft({
      designId: design.id,
      changeNotes: [],
      content: {
        ...content,
        steps: steps.map((title, i) => ({
          ...content.steps[0],
          id: crypto.randomUUID(),
          title,
          minutes: 10,
          activities: `Activities of step ${i + 1}: which is larger, 2/3 or 3/4?`,
          anticipatedResponses: [{ id: crypto.randomUUID(), text: `Response of step ${i + 1}` }],
          teacherSupport: `Support of step ${i + 1}`,
          pointsToNotice: [{ id: crypto.randomUUID(), text: `Point of step ${i + 1}` }],
        })),
      },
    });
    await app.service.saveVersion({ designId: design.id, summary: 'First plan', authors: [] });
    // 1024×768 at 150 %: the page lays out in 683×512 CSS pixels.
    await page.setViewportSize({ width: 683, height: 512 });
    await app.open(`/designs/${design.id}`);
    const table = page.locator('.plan-flow-table');
    await expect(table.getByText('Activities of step 3: which is larger, 2/3 or 3/4?')).toBeVisible();
    const fits = await page.locator('.plan-flow-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits).toBe(true);
    // Every part of a step is inside the window and names its column.
    for (const text of ['Activities of step 2', 'Response of step 2', 'Support of step 2', 'Point of step 2']) {
      const box = await table.getByText(text).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(683);
    }
    const row = table.getByRole('row').filter({ hasText: 'Individual work' });
    const labels = await row.getByRole('cell').evaluateAll((cells) => cells.map((c) => getComputedStyle(c, '::before').content));
    expect(labels).toEqual(['"Learning activities and key questions"', '"Anticipated student responses"', '"Teacher support"', '"Points to notice and evaluation"']);
    await page.evaluate(() => window.scrollTo(0, document.querySelector('.plan-flow-table')!.getBoundingClientRect().top + window.scrollY - 10));
    await page.screenshot({ path: 'test-results/screens/projector-flow-683.png' });

    // Wider, the table comes back; scrolled sideways, the step column stays pinned.
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(table.locator('thead')).toBeVisible();
    const scroller = page.locator('.plan-flow-scroll');
    await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    const stepCell = await row.locator('.plan-col-step').boundingBox();
    const scrollBox = await scroller.boundingBox();
    expect(Math.abs(stepCell!.x - scrollBox!.x)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: 'test-results/screens/projector-flow-1024-scrolled.png' });
  });
});
