import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureStatus } from '../../../shared/contract/capture';
import type { Group } from '../../../shared/domain/group';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import type { useLiveCapture } from './capture-session';
import { InviteDevices } from './InviteDevices';
import { InviteJoin } from './InviteJoin';
import { InviteProjector } from './InviteProjector';
import '../../styles/invite.css';

type LiveCapture = ReturnType<typeof useLiveCapture>;

export const INVITE_PANEL_ID = 'invite-panel';

/** The page action: opens the session (or shows it again) and says how many devices wait. */
export const InviteButton = ({ capture }: { capture: LiveCapture }) => {
  const { t } = useTranslation('invite');
  const waiting = capture.session?.devices.filter((d) => d.state === 'waiting').length ?? 0;
  return (
    <>
      <Button
        variant="primary"
        aria-expanded={capture.panelOpen}
        aria-controls={capture.panelOpen ? INVITE_PANEL_ID : undefined}
        onClick={() => (capture.panelOpen ? capture.setPanelOpen(false) : capture.invite())}
      >
        {t('button.invite')}
        {waiting > 0 && !capture.panelOpen ? <span className="badge invite-waiting">{t('button.waiting', { count: waiting })}</span> : null}
      </Button>
      {/* Said by screen readers as devices arrive, panel open or not; always present, so the change is announced. */}
      <span role="status" className="visually-hidden">
        {waiting > 0 ? t('button.waitingAnnounce', { count: waiting }) : ''}
      </span>
    </>
  );
};

/**
 * The facilitator's view of live capture, beside the capture screen rather than over it:
 * notes can still be written while devices join. Closing the panel keeps the session.
 */
export const InvitePanel = ({ capture, group, clockError }: { capture: LiveCapture; group: Group; clockError: Error | null }) => {
  const { t } = useTranslation('invite');
  const [projector, setProjector] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const { session, actions } = capture;
  const busy = actions.approve.isPending || actions.remove.isPending || actions.end.isPending;
  const failure = [actions.approve.error, actions.remove.error, actions.end.error].find(Boolean);
  return (
    <section id={INVITE_PANEL_ID} className="invite-panel" aria-labelledby="invite-panel-title">
      <header className="invite-panel-header">
        <h2 id="invite-panel-title" ref={heading} tabIndex={-1}>{t('panel.title')}</h2>
        <div className="invite-panel-actions">
          {session ? (
            <Button variant="danger" onClick={() => setConfirmEnd(true)} disabled={actions.end.isPending}>
              {t('end.button')}
            </Button>
          ) : null}
          <Button variant="ghost" onClick={() => capture.setPanelOpen(false)}>
            {t('panel.hide')}
          </Button>
        </div>
      </header>
      {!session && actions.open.isPending ? <p role="status">{t('panel.opening')}</p> : null}
      {!session && actions.open.error ? (
        <div className="error-box" role="alert">
          {t('panel.failed', { message: errorMessage(actions.open.error) })}{' '}
          <Button className="btn-small" onClick={() => capture.invite()}>
            {t('panel.retry')}
          </Button>
        </div>
      ) : null}
      {clockError && session ? (
        <p className="banner banner-warning" role="alert">
          {t('panel.clockBehind', { message: errorMessage(clockError) })}
        </p>
      ) : null}
      {failure ? (
        <p className="field-error" role="alert">
          {errorMessage(failure)}
        </p>
      ) : null}
      {session ? <SessionBody session={session} group={group} capture={capture} busy={busy} heading={heading} onProjector={() => setProjector(true)} /> : null}
      {session ? <InviteProjector status={session} open={projector} onOpenChange={setProjector} /> : null}
      <ConfirmDialog
        open={confirmEnd}
        onOpenChange={setConfirmEnd}
        title={t('end.title')}
        description={t('end.description')}
        confirmLabel={t('end.confirm')}
        onConfirm={() => actions.end.mutate(undefined, { onSuccess: () => capture.setPanelOpen(false) })}
      />
    </section>
  );
};

const SessionBody = ({
  session,
  group,
  capture,
  busy,
  heading,
  onProjector,
}: {
  session: CaptureStatus;
  group: Group;
  capture: LiveCapture;
  busy: boolean;
  heading: RefObject<HTMLHeadingElement | null>;
  onProjector: () => void;
}) => {
  // An approved or removed device's row goes away with the button that had focus: keep
  // keyboard users in the panel rather than back at the top of the page.
  const keepFocus = () =>
    setTimeout(() => {
      if (document.activeElement === document.body || document.activeElement === null) heading.current?.focus();
    });
  return (
    <div className="invite-body">
      <InviteJoin status={session} onProjector={onProjector} />
      <InviteDevices
        status={session}
        group={group}
        busy={busy}
        onApprove={(request) => capture.actions.approve.mutate(request, { onSuccess: keepFocus })}
        onRemove={(deviceId) => capture.actions.remove.mutate(deviceId, { onSuccess: keepFocus })}
      />
    </div>
  );
};
