import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The per-observer count beside the notes list (InviteDevices' writers) read "1 notes":
 * the catalogue's plural keys, through i18next as the app loads them.
 */
const catalogue = (language: string) => JSON.parse(readFileSync(path.resolve(`renderer/i18n/locales/${language}/invite.json`), 'utf8'));
const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({ resources: { en: { invite: catalogue('en') }, ja: { invite: catalogue('ja') } }, lng: 'en', ns: ['invite'], defaultNS: 'invite', interpolation: { escapeValue: false } });
});

describe('the count of notes per observer', () => {
  it('says "1 note" and "2 notes" in English, connected or not', () => {
    const t = i18n.getFixedT('en', 'invite');
    expect(t('writers.connected', { name: 'Prof. Kato', count: 1 })).toBe('Prof. Kato: 1 note, connected');
    expect(t('writers.connected', { name: 'Prof. Kato', count: 2 })).toBe('Prof. Kato: 2 notes, connected');
    expect(t('writers.disconnected', { name: 'Aiko', count: 1 })).toBe('Aiko: 1 note, not connected');
    expect(t('writers.disconnected', { name: 'Aiko', count: 0 })).toBe('Aiko: 0 notes, not connected');
  });

  it('counts with 件 in Japanese, which has one form', () => {
    const t = i18n.getFixedT('ja', 'invite');
    expect(t('writers.connected', { name: '加藤', count: 1 })).toBe('加藤：1件、接続中');
    expect(t('writers.disconnected', { name: '加藤', count: 3 })).toBe('加藤：3件、未接続');
  });
});
