import { expect, test } from './support/harness';

const groupFields = (name: string) => ({ name, schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });

test('a screen whose code fails to arrive is fetched again; when it never arrives the window says so and stays usable', async ({ app }) => {
  const { page } = app;
  const first = await app.service.createGroup(groupFields('Grade 5 fractions'));
  await app.open('/');
  // The start screen has not fetched the group screen's code: it comes when first opened.
  const groupScreen = /\/assets\/GroupPage-[^/]+\.js$/;
  expect(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))).not.toContainEqual(expect.stringMatching(groupScreen));

  // Twice refused (a server restarting under the tab), then served: the screen opens.
  let refused = 0;
  await page.route(groupScreen, (route) => (refused++ < 2 ? route.abort('connectionrefused') : route.continue()));
  await page.getByRole('link', { name: 'Grade 5 fractions' }).click();
  await expect(page.getByRole('heading', { name: 'Grade 5 fractions', level: 1 })).toBeVisible();
  expect(refused).toBe(3);
  await page.unroute(groupScreen);

  // The research theme's code never arrives: after its retries the screen says so, and the rest of the window still works.
  app.allowPageErrors(/dynamically imported module/);
  const themeScreen = /\/assets\/ResearchThemePage-[^/]+\.js$/;
  let themeFetches = 0;
  await page.route(themeScreen, (route) => {
    themeFetches++;
    return route.abort('connectionrefused');
  });
  await page.evaluate((id) => void (location.hash = `/groups/${id}/research-theme`), first.id);
  const alert = page.getByRole('alert').filter({ hasText: 'This screen could not be loaded' });
  await expect(alert).toContainText('is Lesson Study still running?', { timeout: 15_000 });
  // The first fetch and one after each of the three waits (Chromium may also preload it once).
  expect(themeFetches).toBeGreaterThanOrEqual(4);
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  await app.screenshot('screen-load-failed');
  // Going elsewhere clears the message.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
  await expect(page.getByRole('link', { name: 'Grade 5 fractions' })).toBeVisible();
  await expect(alert).toBeHidden();

  // A failure is not remembered: once the code is served again, the screen opens when shown again…
  await page.unroute(themeScreen);
  await page.evaluate((id) => void (location.hash = `/groups/${id}/research-theme`), first.id);
  await expect(page.getByRole('heading', { level: 1, name: 'Research theme' })).toBeVisible();
  await expect(alert).toBeHidden();

  // …and Try again opens it in place.
  const designsScreen = /\/assets\/DesignPage-[^/]+\.js$/;
  await page.route(designsScreen, (route) => route.abort('connectionrefused'));
  const design = await app.service.createDesign({ groupId: first.id, title: 'Comparing fractions' });
  await page.evaluate((id) => void (location.hash = `/designs/${id}`), design.id);
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await page.unroute(designsScreen);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Comparing fractions');
});
