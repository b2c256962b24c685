import AxeBuilder from '@axe-core/playwright';
import { cp, mkdir, readdir } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createBackend } from '../../electron/backend';
import { expect, test } from './support/harness';

/**
 * Issue #16 from the group's side: Ana turns sharing on in the app; Ben's laptop (a
 * second backend in this test, with its own copy of the synced folder) edits the same
 * group offline; the sync tool (here: a copy of Ben's device folder) brings his files.
 * Within about a second Ana's start screen says Ben's laptop was active, what he changed,
 * and that both changed the group's name — she keeps his, and the list shows it.
 */

const BEN = 'bbbbbbbbbbbbbbbb';

test('sharing a workspace: another laptop\'s changes arrive while the app is open, and a clash is settled in the app', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup({ name: 'Maple Grove', schools: [], subject: 'Math', gradeBand: '5', researchTheme: '', norms: [], members: [] });
  await app.open();
  const panel = page.getByRole('region', { name: 'Shared with your group' });
  await expect(panel).toContainText('This workspace is kept on this computer only.');
  await panel.getByRole('button', { name: 'Share with your group' }).click();
  await expect(panel).toContainText(/Shared\. This computer is “.+”\./);
  await expect(panel).toContainText('No other laptop has opened this workspace yet.');
  await panel.getByRole('button', { name: 'Rename this computer…' }).click();
  await panel.getByLabel('What should your group call this computer?').fill("Ana's laptop");
  await panel.getByRole('button', { name: 'Save name' }).click();
  await expect(panel).toContainText("Shared. This computer is “Ana's laptop”.");

  // Ben's laptop: its own copy of the synced folder, with what Ana's laptop has written so far.
  const dir = await app.workspaceDir();
  const benDir = await mkdtemp(path.join(tmpdir(), 'lesson-study-ben-'));
  await cp(path.join(dir, 'devices'), path.join(benDir, 'devices'), { recursive: true });
  const ben = await createBackend({
    workspaceDir: benDir,
    device: { settingsDir: await mkdtemp(path.join(tmpdir(), 'lesson-study-ben-settings-')), label: "Ben's laptop", host: 'ben', newDeviceId: () => BEN },
  });
  const fieldsOf = async (service: typeof ben.service) => {
    const { name, schools, subject, gradeBand, researchTheme, norms, members } = await service.getGroup({ groupId: group.id });
    return { name, schools, subject, gradeBand, researchTheme, norms, members };
  };
  await ben.service.updateGroup({ groupId: group.id, fields: { ...(await fieldsOf(ben.service)), name: 'Maple Grove (Ben)', researchTheme: 'Explaining with fraction strips' } });
  await ben.close();
  // Meanwhile Ana renames the group too, without having seen Ben's change.
  await app.service.updateGroup({ groupId: group.id, fields: { ...(await fieldsOf(app.service)), name: 'Maple Grove (Ana)' } });

  // The sync tool brings Ben's folder.
  await mkdir(path.join(dir, 'devices'), { recursive: true });
  await cp(path.join(benDir, 'devices', BEN), path.join(dir, 'devices', BEN), { recursive: true });
  expect(await readdir(path.join(dir, 'devices'))).toContain(BEN);

  await expect(panel.getByRole('list', { name: 'Other laptops' })).toContainText("Ben's laptop was active just now");
  await expect(panel).toContainText("Ben's laptop changed the group “Maple Grove (Ana)”");
  await expect(panel.getByRole('heading', { name: '1 change to settle' })).toBeVisible();
  await expect(panel).toContainText('Two members changed the name of the group “Maple Grove');
  // Ben's theme merged without a question: a different field.
  expect((await app.service.getGroup({ groupId: group.id })).researchTheme).toBe('Explaining with fraction strips');
  await app.screenshot('sharing-conflict');

  await panel.getByRole('button', { name: "Keep this: Maple Grove (Ben) (Ben's laptop)" }).click();
  await expect(panel.getByRole('heading', { name: /to settle/ })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Maple Grove (Ben)' })).toBeVisible();
  expect((await app.service.getGroup({ groupId: group.id })).name).toBe('Maple Grove (Ben)');
  await app.screenshot('sharing-settled');
  // The group's own page says what changed in it.
  await page.getByRole('link', { name: 'Maple Grove (Ben)' }).click();
  await expect(page.getByRole('region', { name: 'What changed since you were last here' })).toContainText("Ben's laptop changed the group “Maple Grove (Ben)”");
  await app.screenshot('sharing-group-page');
});

test('the sharing panel in Japanese and the dark theme: turning sharing on, and no serious accessibility problem', async ({ app }) => {
  const { page } = app;
  app.settings.set('uiLanguage', 'ja');
  app.settings.set('theme', 'dark');
  app.settings.set('tourDismissed', true);
  await app.service.createGroup({ name: '桜グループ', schools: [], subject: '算数', gradeBand: '5', researchTheme: '', norms: [], members: [] });
  await app.open();
  const panel = page.getByRole('region', { name: 'グループと共有' });
  await expect(panel).toContainText('このワークスペースはこのコンピューターだけに保存されています。');
  await panel.getByRole('button', { name: 'グループと共有する' }).click();
  await expect(panel).toContainText('共有中です。');
  await expect(panel).toContainText('ほかのパソコンはまだこのワークスペースを開いていません。');
  const results = await new AxeBuilder({ page }).include('.sharing-panel').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await app.screenshot('sharing-ja-dark');
});
