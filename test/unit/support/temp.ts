import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temporary folder per test, removed afterwards. */
export const tempDir = async (prefix = 'ls-unit-'): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

afterEach(async () => {
  while (made.length) await rm(made.pop()!, { recursive: true, force: true });
});
