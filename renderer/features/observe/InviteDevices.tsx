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

/** Who is writing: one count per observer on a device, beside the notes list's heading. */
export const DeviceWriters = ({ writers }: { writers: readonly Writer[] }) => {
  const { t } = useTranslation('invite');
  if (writers.length === 0) return null;
  return (
    <ul className="device-writers" aria-label={t('writers.label')}>
      {writers.map((w) => (
        <li key={w.observerId} aria-label={t(w.connected ? 'writers.connected' : 'writers.disconnected', { name: w.name, count: w.notes })}>
          <span className={`invite-dot${w.connected ? ' is-connected' : ''}`} aria-hidden="true" />
          <span aria-hidden="true">{t('writers.item', { name: w.name, count: w.notes })}</span>
        </li>
      ))}
    </ul>
  );
};
