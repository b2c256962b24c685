import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUserDataDir } from '../../electron/backend/server-main';
import { LOCK_FILE } from '../../electron/storage/lock';
import { tempDir } from './support/temp';

const bundle = path.resolve('dist-server/lesson-study-server.mjs');

describe('the browser server entry', () => {
  it('uses the desktop app’s user-data folder on each system unless told otherwise', () => {
    const home = '/home/aiko';
    expect(defaultUserDataDir({}, 'linux', home)).toBe('/home/aiko/.config/Lesson Study Desktop');
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', home)).toBe('/cfg/Lesson Study Desktop');
    expect(defaultUserDataDir({}, 'darwin', home)).toBe('/home/aiko/Library/Application Support/Lesson Study Desktop');
    expect(defaultUserDataDir({ APPDATA: 'C:/Users/aiko/AppData/Roaming' }, 'win32', home)).toBe(path.join('C:/Users/aiko/AppData/Roaming', 'Lesson Study Desktop'));
    expect(defaultUserDataDir({ LESSON_STUDY_USER_DATA: '/tmp/profile' }, 'linux', home)).toBe('/tmp/profile');
  });

  it('prints exactly one line with the link, and Ctrl+C closes the workspace and exits 0', async () => {
    if (!existsSync(bundle)) throw new Error('dist-server is missing: run `npm run build` first (npm test does).');
    const userData = await tempDir('ls-server-');
    const child = spawn(process.execPath, [bundle], {
      env: { ...process.env, LESSON_STUDY_USER_DATA: userData, LESSON_STUDY_NO_BROWSER: '1', LESSON_STUDY_PORT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before printing: ${stderr}`)));
    });
    expect(line).toMatch(/^Lesson Study is running at http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
    expect(await readdir(path.join(userData, 'workspace'))).toContain(LOCK_FILE);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toBe(`${line}\n`);
    expect(stderr).toBe('');
    expect(await readdir(path.join(userData, 'workspace'))).not.toContain(LOCK_FILE);
  }, 30_000);
});
