import { useState } from 'react';
import { classModes } from '../../../shared/domain/observation';
import type { Translate } from '../i18n';

export type ClassMode = (typeof classModes)[number];

/** How the class works from now on (whole class, pairs…): one tap, stamped on the lesson clock. */
export const ClassModeBar = ({ t, onMode }: { t: Translate; onMode: (mode: ClassMode) => Promise<void> }) => {
  const [current, setCurrent] = useState<ClassMode | null>(null);
  return (
    <section className="panel" aria-labelledby="class-mode-title">
      <h3 id="class-mode-title">{t('classMode')}</h3>
      <div className="points" role="group" aria-labelledby="class-mode-title">
        {classModes.map((mode) => (
          <button
            key={mode}
            type="button"
            className="point"
            aria-pressed={current === mode}
            onClick={() => {
              setCurrent(mode);
              void onMode(mode);
            }}
          >
            {t(`mode.${mode}`)}
          </button>
        ))}
      </div>
    </section>
  );
};
