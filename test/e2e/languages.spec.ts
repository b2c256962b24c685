import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/harness';
import { mainScreens, openSample, showScreen } from './support/main-screens';

const localeDir = path.resolve('renderer/i18n/locales');

const flatten = (value: unknown, prefix = ''): Record<string, string> =>
  typeof value === 'string'
    ? { [prefix]: value }
    : Object.assign({}, ...Object.entries(value as Record<string, unknown>).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));

/**
 * Every English catalogue string whose Japanese differs, as a whole-text pattern
 * (`{{name}}` matches anything). Finding one on a Japanese screen means a string was
 * hard-coded, a key is missing in Japanese, or a component ignores the language.
 */
const englishPatterns = (): string[] => {
  const patterns = new Set<string>();
  for (const file of readdirSync(path.join(localeDir, 'en'))) {
    const en = flatten(JSON.parse(readFileSync(path.join(localeDir, 'en', file), 'utf8')));
    const ja = flatten(JSON.parse(readFileSync(path.join(localeDir, 'ja', file), 'utf8')));
    for (const [key, text] of Object.entries(en)) {
      if (ja[key] === text || !/[A-Za-z]{2,}/.test(text.replace(/\{\{[^}]+\}\}/g, ''))) continue;
      // A placeholder stands for one token (a number, a name): wider, it would match user titles.
      const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{[^}]+\\\}\\\}/g, '\\S+?');
      patterns.add(`^${escaped}$`);
    }
  }
  return [...patterns];
};

/** Every string the workspace's files hold: user data (names, notes, code labels), never a leftover. */
const userStrings = (dir: string): string[] => {
  const found = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.jsonl?$/.test(entry.name)) {
        for (const match of readFileSync(full, 'utf8').matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
          const value = JSON.parse(`"${match[1]}"`) as string;
          if (/[A-Za-z]/.test(value)) found.add(value.replace(/\s+/g, ' ').trim());
        }
      }
    }
  };
  walk(dir);
  return [...found];
};

/** Visible text nodes and accessible-name attributes that read as an English catalogue string. */
const englishLeft = (page: Page, patterns: string[], data: string[] = []) =>
  page.evaluate(({ sources, data }) => {
    const regexes = sources.map((s) => new RegExp(s));
    const userData = new Set(data);
    const visible = (el: Element | null): boolean => {
      if (!el) return false;
      // Text marked as English on purpose (a language's own name) is not a leftover; <html lang> is the UI's.
      const marked = el.closest('[lang]');
      if (marked && marked !== document.documentElement && marked.getAttribute('lang') === 'en') return false;
      // Key caps name keys as printed on the keyboard; ins/del and .prose show (pieces of) the user's own text.
      if (el.closest('[aria-hidden="true"], kbd, ins, del, .prose')) return false;
      const box = (el as HTMLElement).getBoundingClientRect?.();
      const style = getComputedStyle(el);
      return Boolean(box) && style.visibility !== 'hidden' && style.display !== 'none' && (box.width > 0 || box.height > 0 || el.closest('.visually-hidden') !== null);
    };
    const found = new Set<string>();
    const check = (text: string | null, where: string) => {
      const trimmed = (text ?? '').replace(/\s+/g, ' ').trim();
      if (!trimmed || userData.has(trimmed)) return;
      if (regexes.some((r) => r.test(trimmed))) found.add(`${where}: ${trimmed}`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (visible(node.parentElement)) check(node.textContent, node.parentElement!.tagName.toLowerCase());
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!visible(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title']) check(el.getAttribute(attr), `@${attr}`);
    }
    return [...found];
  }, { sources: patterns, data });

test.describe.configure({ timeout: 360_000 });

test('switching to Japanese in Preferences applies at once, persists, and leaves no English on the main screens', async ({ app }) => {
  const { page } = app;
  const ids = await openSample(app);
  const patterns = englishPatterns();
  const data = userStrings(await app.workspaceDir());
  expect(patterns.length).toBeGreaterThan(200);

  // Sanity check of the scan itself: in English it does find catalogue strings.
  expect(await englishLeft(page, patterns, data)).toContain('a: Groups');

  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Preferences' })).toBeVisible();
  // click, not check(): the language change re-renders the dialog, so the element clicked
  // is not the one whose state check() would read back.
  await page.getByRole('radio', { name: '日本語' }).click();
  await expect(page.getByRole('radio', { name: '日本語' })).toBeChecked();
  // Applied instantly: the open dialog itself is now Japanese.
  const dialog = page.getByRole('dialog', { name: '環境設定' });
  await expect(dialog).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect.poll(() => app.settings.get('uiLanguage')).toBe('ja');
  expect(await englishLeft(page, patterns, data)).toEqual([]);
  await dialog.getByRole('button', { name: '閉じる' }).last().click();

  const leftovers: Record<string, string[]> = {};
  for (const screen of mainScreens(ids)) {
    await showScreen(page, screen.path);
    const list = await englishLeft(page, patterns, data);
    if (list.length) leftovers[screen.name] = list;
  }
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox')).toBeFocused();
  leftovers.palette = await englishLeft(page, patterns, data);
  await page.keyboard.press('Escape');
  await page.locator('main h1').first().click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'キーボードショートカット' })).toBeVisible();
  leftovers.shortcuts = await englishLeft(page, patterns, data);
  await page.keyboard.press('Escape');

  expect(Object.fromEntries(Object.entries(leftovers).filter(([, list]) => list.length))).toEqual({});

  // Kept for the next start.
  await app.restart();
  await expect(page.getByRole('link', { name: '研究グループ', exact: true })).toBeVisible();
});
