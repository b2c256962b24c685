import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A static audit of every window the main process can create. It reads the TypeScript
 * source (not the running app), so it works without the Electron binary, and it is run
 * against a deliberately insecure fixture to prove it catches what it claims to.
 */
const required: Record<string, boolean> = { contextIsolation: true, sandbox: true, nodeIntegration: false };
const forbidden: Record<string, boolean> = {
  webSecurity: false,
  allowRunningInsecureContent: true,
  experimentalFeatures: true,
  nodeIntegrationInSubFrames: true,
  nodeIntegrationInWorker: true,
  webviewTag: true,
};

export const auditSource = (fileName: string, text: string): string[] => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const problems: string[] = [];
  const where = (node: ts.Node) => `${path.basename(fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const literal = (node: ts.Expression): boolean | string | undefined => {
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isStringLiteralLike(node)) return node.text;
    return undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'webPreferences' && ts.isObjectLiteralExpression(node.initializer)) {
      const props = new Map<string, boolean | string | undefined>();
      for (const prop of node.initializer.properties) {
        if (ts.isPropertyAssignment(prop)) props.set(prop.name.getText(source), literal(prop.initializer));
        else problems.push(`${where(prop)}: webPreferences must be written out literally (no spreads or shorthands)`);
      }
      for (const [key, value] of Object.entries(required)) {
        if (props.get(key) !== value) problems.push(`${where(node)}: webPreferences.${key} must be ${value}`);
      }
      for (const [key, value] of Object.entries(forbidden)) {
        if (props.has(key) && props.get(key) === value) problems.push(`${where(node)}: webPreferences.${key} = ${value} is insecure`);
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'loadURL') {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg) && /^http:/i.test(arg.text)) problems.push(`${where(node)}: loads ${arg.text} over plain http`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|mts|mjs|js)$/.test(name) ? [full] : [];
  });

describe('security audit of the main process', () => {
  it('catches every insecure setting in a deliberately insecure fixture', () => {
    const file = path.resolve('test/fixtures/security/insecure-window.ts.txt');
    const problems = auditSource(file, readFileSync(file, 'utf8'));
    const expected = readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('// BAD')).length;
    expect(problems.length).toBe(expected);
    expect(problems.join('\n')).toMatch(/contextIsolation/);
    expect(problems.join('\n')).toMatch(/http:\/\/example\.com/);
  });

  it('finds every window in electron/ secure', () => {
    const files = sourceFiles(path.resolve('electron'));
    const windows = files.filter((file) => readFileSync(file, 'utf8').includes('webPreferences'));
    expect(windows.length, 'the audit must see at least the main window').toBeGreaterThan(0);
    const problems = files.flatMap((file) => auditSource(file, readFileSync(file, 'utf8')));
    expect(problems).toEqual([]);
  });
});

describe('Content-Security-Policy of the renderer', () => {
  const cspOf = (html: string) => {
    const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    if (!match) throw new Error('no CSP meta tag');
    return new Map(
      match[1]
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name, values]),
    );
  };

  for (const file of ['renderer/index.html', 'dist/renderer/index.html']) {
    it(`${file}: no unsafe-eval, no inline script, object-src none`, () => {
      let html: string;
      try {
        html = readFileSync(path.resolve(file), 'utf8');
      } catch {
        // dist/ exists after `npm run build`, which `npm test` runs before the unit tests.
        expect(file.startsWith('dist/'), `${file} is missing`).toBe(true);
        return;
      }
      const csp = cspOf(html);
      const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
      expect(scripts).toContain("'self'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts.some((s) => s.startsWith('http:') || s === '*')).toBe(false);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      // No inline <script> bodies: every script has a src.
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs) && body.trim() !== '');
      expect(inline).toEqual([]);
    });
  }
});
