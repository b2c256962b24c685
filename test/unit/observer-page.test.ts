import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The observer's device page is served to phones by the capture door under a strict CSP:
 * no inline script or style, nothing from another origin. It is its own Vite entry, so a
 * phone never downloads the app's features.
 */

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

const built = path.resolve('dist/renderer/observer.html');

describe('observer page', () => {
  for (const file of ['renderer/observer.html', 'dist/renderer/observer.html']) {
    it(`${file}: a strict CSP, no inline script, nothing from another origin`, () => {
      // dist/ exists after `npm run build`, which `npm test` runs before the unit tests: missing, it is a failure, not a skip.
      expect(existsSync(path.resolve(file)), `${file} is missing: run "npm run build" first`).toBe(true);
      const html = readFileSync(path.resolve(file), 'utf8');
      const csp = cspOf(html);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== '');
      expect(inline).toEqual([]);
      expect(html).not.toMatch(/\bstyle=/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    });
  }

  it('the built page loads its own entry, not the app’s', () => {
    expect(existsSync(built), 'dist/renderer/observer.html is missing: run "npm run build" first').toBe(true);
    const html = readFileSync(built, 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.some((s) => /^observer-[\w-]+\.js$/.test(s))).toBe(true);
    expect(scripts.some((s) => /^index-/.test(s))).toBe(false);
    const assets = readdirSync(path.resolve('dist/renderer/assets'));
    const loaded = scripts.filter((s) => s.endsWith('.js')).map((s) => readFileSync(path.resolve('dist/renderer/assets', s), 'utf8'));
    expect(assets.length).toBeGreaterThan(0);
    for (const code of loaded) {
      expect(code).not.toContain('i18next');
      expect(code).not.toContain('QueryClient');
    }
  });
});
