import { cp, mkdir, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LessonStudyError } from '../shared/result';

/**
 * The sample workspace shipped with the app (resources/sample-workspace): a complete
 * lesson study cycle to explore. It is always opened as a copy, so the original stays
 * pristine and a user who edits the sample never changes what the next user sees.
 */

/**
 * Where the shipped sample lives. In a checkout and in the bundles (dist-electron/,
 * dist-cli/) it is `resources/sample-workspace` next to them; a packaged app passes
 * `process.resourcesPath`-based paths as `sourceDir` instead.
 */
export const defaultSampleDir = (): string => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', 'resources', 'sample-workspace');
};

/**
 * Copy the sample workspace into `targetDir` (created if missing). Refuses a folder that
 * already holds files, so a copy never overwrites someone's workspace.
 */
export const copySampleWorkspace = async (targetDir: string, sourceDir: string = defaultSampleDir()): Promise<string> => {
  let entries: string[] = [];
  try {
    entries = await readdir(targetDir);
  } catch {
    // A folder that does not exist yet is created below.
  }
  if (entries.length) throw new LessonStudyError('conflict', `“${targetDir}” is not empty; the sample is copied only into an empty folder.`);
  try {
    await readdir(sourceDir);
  } catch {
    throw new LessonStudyError('not-found', 'The sample workspace is missing from this installation.');
  }
  await mkdir(targetDir, { recursive: true });
  await cp(sourceDir, targetDir, { recursive: true, errorOnExist: true, force: false });
  return targetDir;
};
