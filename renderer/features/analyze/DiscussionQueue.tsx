import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { speakerOptions, useSpeakingQueue } from './discussion-queries';

/**
 * The speaking queue the facilitator runs: a raised hand joins the end of the line,
 * "Next speaker" gives the floor to the first (who joins the current part's speakers).
 */
export const DiscussionQueue = ({ cycleId, bundle }: { cycleId: string; bundle: CycleEvidenceBundle }) => {
  const { t } = useTranslation('analyze');
  const queue = useSpeakingQueue(cycleId);
  const { discussion } = bundle.analysis;
  const options = speakerOptions(bundle);
  const nameOf = (id: string) => options.find((o) => o.id === id)?.name ?? t('labels.unknownMember');
  const waiting = new Set(discussion.queue.map((q) => q.speakerId));
  const [choice, setChoice] = useState('');
  const closed = Boolean(discussion.endedAt);
  return (
    <section className="discussion-queue" aria-labelledby="queue-heading">
      <h3 id="queue-heading">{t('queue.heading')}</h3>
      <p className="discussion-floor" role="status">
        {discussion.speakingId ? t('queue.speaking', { name: nameOf(discussion.speakingId) }) : t('queue.floorFree')}
      </p>
      {discussion.queue.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        <ol className="discussion-queue-list" aria-label={t('queue.waiting')}>
          {discussion.queue.map((entry) => (
            <li key={entry.id}>
              <span>{nameOf(entry.speakerId)}</span>
              <Button
                variant="ghost"
                disabled={closed}
                onClick={() => queue.mutate({ action: 'remove', entryId: entry.id })}
                aria-label={t('queue.remove', { name: nameOf(entry.speakerId) })}
              >
                {t('common:remove')}
              </Button>
            </li>
          ))}
        </ol>
      )}
      <div className="discussion-inline-add">
        <label>
          <span className="visually-hidden">{t('queue.who')}</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label={t('queue.who')} disabled={closed}>
            <option value="">{t('discussion.choosePerson')}</option>
            {options
              .filter((o) => !waiting.has(o.id))
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </select>
        </label>
        <Button
          disabled={!choice || closed}
          onClick={() => {
            queue.mutate({ action: 'raise', speakerId: choice });
            setChoice('');
          }}
        >
          {t('queue.raise')}
        </Button>
        <Button variant="primary" disabled={closed || discussion.queue.length === 0} onClick={() => queue.mutate({ action: 'next' })}>
          {t('queue.next')}
        </Button>
      </div>
      {queue.isError ? <p role="alert">{errorMessage(queue.error)}</p> : null}
    </section>
  );
};
