import { useTranslation } from 'react-i18next';
import type { TextDiff, TextPart } from '../../../shared/diff';

/**
 * One side of a word diff. The old side shows common and removed words, the new side
 * common and inserted ones, as <del>/<ins>: struck through / underlined with a visible
 * −/+ marker and a hidden spoken label, so colour is never the only signal.
 */
export const DiffParts = ({ parts, side }: { parts: TextPart[]; side: 'from' | 'to' }) => {
  const { t } = useTranslation('plan');
  return (
    <>
      {parts.map((part, i) => {
        if (part.added && side === 'from') return null;
        if (part.removed && side === 'to') return null;
        if (part.added)
          return (
            <ins key={i} className="plan-ins">
              <span className="visually-hidden">{t('compare.inserted')} </span>
              {part.value}
            </ins>
          );
        if (part.removed)
          return (
            <del key={i} className="plan-del">
              <span className="visually-hidden">{t('compare.deleted')} </span>
              {part.value}
            </del>
          );
        return <span key={i}>{part.value}</span>;
      })}
    </>
  );
};

export const DiffText = ({ diff, side, className = '' }: { diff: TextDiff; side: 'from' | 'to'; className?: string }) => (
  <div className={`prose ${className} ${diff.changed ? 'is-changed' : 'is-same'}`}>
    <DiffParts parts={diff.parts} side={side} />
  </div>
);
