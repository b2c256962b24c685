import type { Translate } from '../i18n';
import { waitingCount } from '../outbox';
import { SaveNotes } from './SaveNotes';
import type { CaptureState } from '../use-capture';

/** Every screen that is not joining or capturing: connecting, waiting, removed, ended, refused. */
export const StatusScreen = ({
  t,
  state,
  onJoinAgain,
  onSaveNotes,
}: {
  t: Translate;
  state: CaptureState;
  onJoinAgain: () => void;
  onSaveNotes: () => Promise<number>;
}) => {
  const unsent = waitingCount(state.entries);
  const isolated = state.failedAttempts >= 3;
  switch (state.stage) {
    case 'connecting':
    case 'waiting':
    case 'approved':
      return (
        <main className="screen status" aria-busy="true">
          {state.stage === 'waiting' ? (
            <>
              <h2>{t('waitingHeading')}</h2>
              <p className="big" role="status">{t('waitingText', { name: state.session?.deviceName ?? '' })}</p>
            </>
          ) : (
            <p className="big" role="status">{t('connecting')}</p>
          )}
          {isolated && (
            <div className="error" role="alert">
              <p>{t('errorUnreachable')}</p>
              <p>{t('errorUnreachableHint')}</p>
            </div>
          )}
        </main>
      );
    default: {
      const [heading, text] =
        state.stage === 'removed'
          ? (['removedHeading', 'removedText'] as const)
          : state.stage === 'ended'
            ? (['endedHeading', 'endedText'] as const)
            : (['refusedHeading', 'refusedText'] as const);
      return (
        <main className="screen status">
          <h2>{t(heading)}</h2>
          <p>{t(text)}</p>
          <SaveNotes t={t} count={unsent + state.stranded} save={onSaveNotes} />
          <button type="button" className="primary" onClick={onJoinAgain}>
            {t('joinAgain')}
          </button>
        </main>
      );
    }
  }
};
