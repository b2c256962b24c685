import { describe, expect, it } from 'vitest';
import { i18n, showLanguage } from '../../renderer/i18n';

describe('the app’s languages (showLanguage)', () => {
  it('starts with English only, and fetches Japanese when it is first shown', async () => {
    expect(i18n.hasResourceBundle('en', 'common')).toBe(true);
    expect(i18n.hasResourceBundle('ja', 'common')).toBe(false);
    await showLanguage('ja');
    expect(i18n.language).toBe('ja');
    expect(i18n.t('common:appName')).toBe('授業研究デスクトップ');
    await showLanguage('en');
    expect(i18n.t('common:appName')).toBe('Lesson Study Desktop');
  });

  it('a switch back to English while Japanese is on its way ends in English', async () => {
    // As in a window that has not shown Japanese yet: its catalogue is still to be fetched.
    for (const namespace of Object.keys(i18n.getDataByLanguage('ja') ?? {})) i18n.removeResourceBundle('ja', namespace);
    expect(i18n.hasResourceBundle('ja', 'common')).toBe(false);
    const toJapanese = showLanguage('ja');
    const back = showLanguage('en');
    await Promise.all([toJapanese, back]);
    expect(i18n.language).toBe('en');
  });
});
