import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';

const steps = ['group', 'plan', 'observe', 'analyze', 'revise'] as const;

/**
 * A short guided tour of the lesson study cycle. Not modal: it sits in a corner and the
 * app stays usable behind it. Closing it at any step counts as "seen" — it is never shown
 * again on its own; Help ▸ Show tour, Preferences and the palette bring it back.
 */
export const Tour = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation('app');
  const [index, setIndex] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = steps[index];
  const last = index === steps.length - 1;

  useEffect(() => {
    heading.current?.focus();
  }, [index]);

  return (
    <aside
      className="tour"
      aria-labelledby="tour-title"
      aria-describedby="tour-body"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <p className="tour-progress">{t('tour.progress', { current: index + 1, total: steps.length })}</p>
      <h2 id="tour-title" ref={heading} tabIndex={-1}>
        {t(`tour.steps.${step}.title`)}
      </h2>
      <p id="tour-body">{t(`tour.steps.${step}.body`)}</p>
      <ol className="tour-dots" aria-hidden="true">
        {steps.map((s, i) => (
          <li key={s} className={i === index ? 'is-current' : i < index ? 'is-done' : ''} />
        ))}
      </ol>
      <div className="button-row">
        <Button onClick={onClose}>{t('tour.skip')}</Button>
        <span className="spacer" />
        {index > 0 ? <Button onClick={() => setIndex(index - 1)}>{t('tour.back')}</Button> : null}
        {last ? (
          <Button variant="primary" onClick={onClose}>
            {t('tour.finish')}
          </Button>
        ) : (
          <Button variant="primary" onClick={() => setIndex(index + 1)}>
            {t('tour.next')}
          </Button>
        )}
      </div>
    </aside>
  );
};
