import { createBackend } from '../electron/backend';
import { noEffects } from '../electron/backend/context';

/**
 * Run by the report benchmark in a fresh process: open the workspace, load the cycle,
 * then export its report once and print how far the process's peak RSS rose above its
 * level just before the export. A fresh process, because a long-running one keeps the
 * high-water mark (and the pages) of everything it did before.
 */
const [workspaceDir, cycleId, out] = process.argv.slice(2);
const backend = await createBackend({ workspaceDir, effects: { ...noEffects, chooseSavePath: async () => out } });
await backend.service.getObservationSession({ cycleId });
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage().rss;
const saved = await backend.service.exportCycleReport({ cycleId, anonymize: false, includeAppendix: true, includePhotos: true, language: 'en' });
if (!saved) throw new Error('the report was not saved');
// maxRSS is in kilobytes.
const peak = process.resourceUsage().maxRSS * 1024;
await backend.close();
console.log(JSON.stringify({ growthBytes: Math.max(0, peak - before) }));
