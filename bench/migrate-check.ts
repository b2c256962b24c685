/**
 * Migration check for a shared workspace (issue #16): copies a workspace (e.g. one from
 * `npm run gen -- --size district --out DIR`) to `<DIR>-shared`, reads every group,
 * design, cycle and lesson's notes through the channels, turns sharing on (migration
 * with a backup), reads everything again, reopens and reads once more, and prints
 * whether the three readings are identical and how long the migration and the reopen took.
 *
 *   npx tsx bench/migrate-check.ts /tmp/district
 */
import { cp, rm } from 'node:fs/promises';
import { createBackend, type Backend } from '../electron/backend';
const src = process.argv[2];
if (!src) {
  console.error('Usage: npx tsx bench/migrate-check.ts <workspace folder>');
  process.exit(2);
}
const dir = `${src}-shared`;
const everything = async (backend: Backend) => {
  const groups = await backend.service.listGroups({});
  let docs = 0; let notes = 0; const digest: string[] = [];
  for (const g of groups) {
    digest.push(JSON.stringify(await backend.service.getGroup({ groupId: g.id })));
    for (const d of await backend.service.listDesigns({ groupId: g.id })) { digest.push(JSON.stringify(await backend.service.getDesign({ designId: d.id }))); docs++; }
    for (const c of await backend.service.listCycles({ groupId: g.id })) {
      digest.push(JSON.stringify(await backend.service.getCycle({ cycleId: c.id })));
      const s = await backend.service.getObservationSession({ cycleId: c.id });
      notes += s.observations.length; digest.push(JSON.stringify(s.observations));
      docs++;
    }
  }
  return { groups: groups.length, docs, notes, digest: digest.join('\n') };
};
const main = async () => {
  await rm(dir, { recursive: true, force: true });
  await cp(src, dir, { recursive: true });
  const single = await createBackend({ workspaceDir: dir });
  const before = await everything(single);
  await single.close();
  const t = performance.now();
  const shared = await createBackend({ workspaceDir: dir, device: { settingsDir: `${dir}-settings`, label: 'Ana', host: 'a', newDeviceId: () => 'aaaaaaaaaaaaaaaa', share: true } });
  const migrateMs = performance.now() - t;
  const after = await everything(shared);
  await shared.close();
  const t2 = performance.now();
  const again = await createBackend({ workspaceDir: dir, device: { settingsDir: `${dir}-settings`, label: 'Ana', host: 'a', newDeviceId: () => 'aaaaaaaaaaaaaaaa' } });
  const reopenMs = performance.now() - t2;
  const third = await everything(again);
  await again.close();
  console.log({ groups: before.groups, docs: before.docs, notes: before.notes, identical: before.digest === after.digest && after.digest === third.digest, migrateMs: Math.round(migrateMs), reopenMs: Math.round(reopenMs) });
};
void main();
