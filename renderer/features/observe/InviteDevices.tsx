import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOf } from '../../../shared/contract';
import type { CaptureStatus } from '../../../shared/contract/capture';
import type { Group } from '../../../shared/domain/group';
import { Button } from '../../ui/Button';
import type { Writer } from './capture-writers';
import { InviteApproveForm } from './InviteApproveForm';

/** Devices asking to join (each with its approval form) and devices observing now. */
export const InviteDevices = ({
  status,
  group,
  busy,
  onApprove,
  onRemove,
}: {
  status: CaptureStatus;
  group: Group;
  busy: boolean;
  onApprove: (request: RequestOf<'approveDevice'>) => void;
  onRemove: (deviceId: string) => void;
}) => {
  const { t } = useTranslation('invite');
  const waiting = status.devices.filter((d) => d.state === 'waiting');
  const approved = status.devices.filter((d) => d.state === 'approved');
  return (
    <div className="invite-devices">
      <h3>{t('devices.waiting', { count: waiting.length })}</h3>
      {waiting.length === 0 ? <p className="muted">{t('devices.none')}</p> : null}
      {waiting.map((device) => (
        <InviteApproveForm
          key={device.id}
          cycleId={status.cycleId}
          device={device}
          group={group}
          busy={busy}
          onApprove={onApprove}
          onTurnAway={() => onRemove(device.id)}
        />
      ))}
      <h3>{t('devices.approved', { count: approved.length })}</h3>
      {approved.length === 0 ? (
        <p className="muted">{t('devices.noneApproved')}</p>
      ) : (
        <ul className="invite-approved" aria-label={t('devices.approved', { count: approved.length })}>
          {approved.map((device) => (
            <li key={device.id} className="invite-device-row">
              <span
                className={`invite-dot${device.connected ? ' is-connected' : ''}`}
                role="img"
                aria-label={device.connected ? t('devices.connected') : t('devices.disconnected')}
                title={device.connected ? t('devices.connected') : t('devices.disconnected')}
              />
              <span className="invite-device-who">
                <strong>{device.observerName ?? device.name}</strong>{' '}
                <span className="muted">{t('devices.onDevice', { name: device.name })}</span>
              </span>
              <span className="badge">{t('devices.notes', { count: device.noteCount })}</span>
              <Button className="btn-small" variant="ghost" disabled={busy} onClick={() => onRemove(device.id)} aria-label={t('devices.removeLabel', { name: device.observerName ?? device.name })}>
                {t('devices.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

/** One observer's count; drawn again only when its name, count or connection changes. */
const WriterItem = memo(function WriterItem({ name, notes, connected }: { name: string; notes: number; connected: boolean }) {
  const { t } = useTranslation('invite');
  return (
    <li aria-label={t(connected ? 'writers.connected' : 'writers.disconnected', { name, count: notes })}>
      <span className={`invite-dot${connected ? ' is-connected' : ''}`} aria-hidden="true" />
      <span aria-hidden="true">{t('writers.item', { name, count: notes })}</span>
    </li>
  );
});

/** Up to this many observers' counts fit beside the notes heading; more are a hall. */
const HALL_WRITERS = 12;

/**
 * Who is writing: one count per observer on a device, beside the notes list's heading.
 * With a hall of 100 observers a few counts move at each refresh: only those rows are drawn.
 */
export const DeviceWriters = memo(function DeviceWriters({ writers }: { writers: readonly Writer[] }) {
  const { t } = useTranslation('invite');
  if (writers.length === 0) return null;
  // A public lesson's hall (dozens of observers) gets a line of totals and a box of a few
  // rows that scrolls, so the notes list stays in view below it.
  const hall = writers.length > HALL_WRITERS;
  const list = (
    <ul className={`device-writers${hall ? ' is-hall' : ''}`} aria-label={t('writers.label')} tabIndex={hall ? 0 : undefined}>
      {writers.map((w) => (
        <WriterItem key={w.observerId} name={w.name} notes={w.notes} connected={w.connected} />
      ))}
    </ul>
  );
  if (!hall) return list;
  const connected = writers.filter((w) => w.connected).length;
  return (
    <div className="device-writers-hall">
      <p className="device-writers-summary">{t('writers.summary', { count: writers.length, connected })}</p>
      {list}
    </div>
  );
});
