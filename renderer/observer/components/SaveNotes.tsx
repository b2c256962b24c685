import { useState } from 'react';
import type { Translate } from '../i18n';

/**
 * Notes the facilitator does not have and this pass can no longer send: how many, what
 * happens to them, and a button that saves them as an observation pack file.
 */
export const SaveNotes = ({ t, count, save }: { t: Translate; count: number; save: () => Promise<number> }) => {
  const [saved, setSaved] = useState<number | null>(null);
  if (count === 0 && saved === null) return null;
  return (
    <section className="stranded" aria-labelledby="stranded-title">
      <p id="stranded-title" className="warning">
        {count === 1 ? t('strandedOne') : t('strandedMany', { count })}
      </p>
      <p className="hint">{t('strandedHint')}</p>
      <button type="button" onClick={() => void save().then(setSaved)}>
        {t('saveNotes')}
      </button>
      {saved !== null && <p role="status">{saved === 1 ? t('savedNotesOne') : t('savedNotes', { count: saved })}</p>}
    </section>
  );
};
