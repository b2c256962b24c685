import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const localesDir = path.resolve('renderer/i18n/locales');
const languages = readdirSync(localesDir);

const flatten = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key))
    : [prefix];

/** i18next plural suffixes differ by language (Japanese has only _other), so compare base keys. */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('message catalogue', () => {
  it('has English and Japanese', () => {
    expect(languages.sort()).toEqual(['en', 'ja']);
  });

  const namespaces = readdirSync(path.join(localesDir, 'en')).filter((f) => f.endsWith('.json'));
  for (const file of namespaces) {
    it(`${file}: every key exists in every language and no value is empty`, () => {
      const keysOf = (language: string) => {
        const json = JSON.parse(readFileSync(path.join(localesDir, language, file), 'utf8'));
        const keys = flatten(json).filter(Boolean);
        for (const key of keys) {
          const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], json);
          expect(typeof value === 'string' && value.trim() !== '', `${language}/${file}: ${key} is empty`).toBe(true);
        }
        return new Set(keys.map(baseKey));
      };
      const [en, ja] = [keysOf('en'), keysOf('ja')];
      expect([...en].filter((k) => !ja.has(k)), `keys missing in ja/${file}`).toEqual([]);
      expect([...ja].filter((k) => !en.has(k)), `keys missing in en/${file}`).toEqual([]);
    });
  }
});
