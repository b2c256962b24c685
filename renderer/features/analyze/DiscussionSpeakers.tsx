import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import type { DiscussionSegment } from '../../../shared/domain/analysis';
import { Button } from '../../ui/Button';
import { speakerOptions } from './discussion-queries';

/**
 * The speakers of one part, in the order they spoke: the observers' reports are given by
 * every observer in turn. Add, move up or down, remove — each a plain button, so the
 * recorder can do it from the keyboard.
 */
export const DiscussionSpeakers = ({
  segment,
  bundle,
  onChange,
}: {
  segment: DiscussionSegment;
  bundle: CycleEvidenceBundle;
  onChange: (speakerIds: string[]) => void;
}) => {
  const { t } = useTranslation('analyze');
  const options = speakerOptions(bundle);
  const nameOf = (id: string) => options.find((o) => o.id === id)?.name ?? t('labels.unknownMember');
  const addable = options.filter((o) => !segment.speakerIds.includes(o.id));
  const [choice, setChoice] = useState('');
  const ids = segment.speakerIds;
  const move = (index: number, by: number) => {
    const next = [...ids];
    const [id] = next.splice(index, 1);
    next.splice(index + by, 0, id);
    onChange(next);
  };
  return (
    <fieldset className="discussion-speakers">
      <legend>{t('discussion.speakers')}</legend>
      {ids.length === 0 ? <p className="muted">{t('discussion.noSpeakers')}</p> : null}
      <ol className="discussion-speaker-list" aria-label={t('discussion.speakers')}>
        {ids.map((id, index) => (
          <li key={id}>
            <span className="discussion-speaker-name">{nameOf(id)}</span>
            <Button variant="ghost" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('discussion.speakerUp', { name: nameOf(id) })}>
              ↑
            </Button>
            <Button variant="ghost" disabled={index === ids.length - 1} onClick={() => move(index, 1)} aria-label={t('discussion.speakerDown', { name: nameOf(id) })}>
              ↓
            </Button>
            <Button variant="ghost" onClick={() => onChange(ids.filter((other) => other !== id))} aria-label={t('discussion.speakerRemove', { name: nameOf(id) })}>
              {t('common:remove')}
            </Button>
          </li>
        ))}
      </ol>
      <div className="discussion-inline-add">
        <label>
          <span className="visually-hidden">{t('discussion.addSpeakerWho')}</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label={t('discussion.addSpeakerWho')}>
            <option value="">{t('discussion.choosePerson')}</option>
            {addable.map((o) => (
              <option key={o.id} value={o.id}>
                {o.role ? `${o.name} (${t(`roles.${o.role}`)})` : `${o.name} (${t('discussion.guest')})`}
              </option>
            ))}
          </select>
        </label>
        <Button
          disabled={!choice}
          onClick={() => {
            onChange([...ids, choice]);
            setChoice('');
          }}
        >
          {t('discussion.addSpeaker')}
        </Button>
      </div>
    </fieldset>
  );
};
