import { ESLint } from 'eslint';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders say where code may run. These probes prove the lint rules that guard
 * the boundaries are active: each forbidden import must produce an error.
 */
const lint = async (file: string, code: string) => {
  const eslint = new ESLint({ cwd: path.resolve('.') });
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals');
};

describe('process boundaries', () => {
  const forbidden: Array<[string, string]> = [
    ['shared/probe.ts', "import { app } from 'electron'; export const a = app;"],
    ['shared/probe.ts', "import * as fs from 'node:fs'; export const a = fs;"],
    ['shared/probe.ts', "import { useState } from 'react'; export const a = useState;"],
    ['shared/probe.ts', 'export const a = () => document.title;'],
    ['shared/probe.ts', "import { createBackend } from '../electron/backend'; export const a = createBackend;"],
    ['renderer/probe.ts', "import { ipcRenderer } from 'electron'; export const a = ipcRenderer;"],
    ['renderer/probe.ts', "import { readFile } from 'node:fs/promises'; export const a = readFile;"],
    ['renderer/probe.ts', "import { dispatch } from '../electron/dispatch'; export const a = dispatch;"],
  ];
  for (const [file, code] of forbidden) {
    it(`rejects in ${file}: ${code.split(';')[0]}`, async () => {
      expect((await lint(file, code)).length).toBeGreaterThan(0);
    });
  }

  it('allows what each side may use', async () => {
    expect(await lint('shared/probe.ts', "import { z } from 'zod'; export const a = z;")).toEqual([]);
    expect(await lint('renderer/probe.ts', "import { contract } from '../shared/contract'; export const a = contract;")).toEqual([]);
  });
});
