import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharingState } from '../../../shared/contract/sharing';
import { backend } from '../../api/client';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/Page';

/** Under 'workspace': refetched after every change the backend reports, including files the sync tool brought. */
export const sharingKey = ['workspace', 'sharing'] as const;

const useSharing = () =>
  useQuery({ queryKey: sharingKey, queryFn: () => backend.getSharing({}), refetchInterval: 30_000 });

/**
 * A group's shared workspace (issue #16) on the start screen: turn sharing on, see the
 * other laptops and when each was last active, what arrived from them, and settle the
 * places two members changed without seeing each other's change.
 */
export const SharingPanel = () => {
  const { t } = useTranslation('sharing');
  const sharing = useSharing();
  const client = useQueryClient();
  const share = useMutation({
    mutationFn: () => backend.shareWorkspace({}),
    onSuccess: () => client.invalidateQueries(),
  });
  const resolve = useMutation({
    mutationFn: (request: { key: string; candidate: number }) => backend.resolveSharedConflict(request),
    onSuccess: (state) => {
      client.setQueryData(sharingKey, state);
      return client.invalidateQueries();
    },
  });
  const state = sharing.data;
  if (!state) return sharing.error ? <ErrorMessage error={sharing.error} /> : null;

  const ago = (minutes: number): string => {
    if (minutes < 1) return t('ago.now');
    if (minutes < 60) return t('ago.minutes', { count: minutes });
    if (minutes < 24 * 60) return t('ago.hours', { count: Math.floor(minutes / 60) });
    return t('ago.days', { count: Math.floor(minutes / (24 * 60)) });
  };

  return (
    <section className="sharing-panel card" aria-labelledby="sharing-title">
      <h2 id="sharing-title">{t('title')}</h2>
      {state.shared ? <Shared state={state} ago={ago} resolving={resolve.isPending} onResolve={(key, candidate) => resolve.mutate({ key, candidate })} /> : (
        <>
          <p>{state.syncedBy ? t('inSyncedFolder', { tool: state.syncedBy }) : t('notShared')}</p>
          <p className="card-meta">{t('explain')}</p>
          <Button variant={state.syncedBy ? 'primary' : undefined} disabled={share.isPending} onClick={() => share.mutate()}>
            {share.isPending ? t('sharing') : t('share')}
          </Button>
        </>
      )}
      {share.error ? <ErrorMessage error={share.error} /> : null}
      {resolve.error ? <ErrorMessage error={resolve.error} /> : null}
    </section>
  );
};

const Shared = ({
  state,
  ago,
  resolving,
  onResolve,
}: {
  state: SharingState;
  ago: (minutes: number) => string;
  resolving: boolean;
  onResolve: (key: string, candidate: number) => void;
}) => {
  const { t } = useTranslation('sharing');
  return (
    <>
      <p>{t('sharedAs', { label: state.deviceLabel })}</p>
      <DeviceName current={state.deviceLabel} />
      {state.others.length === 0 ? (
        <p className="card-meta">{t('nobodyYet')}</p>
      ) : (
        <ul aria-label={t('othersLabel')} className="sharing-devices">
          {state.others.map((device) => (
            <li key={device.deviceId}>{t('active', { label: device.label, ago: ago(device.minutesAgo) })}</li>
          ))}
        </ul>
      )}
      {state.conflicts.length > 0 ? (
        <section aria-labelledby="sharing-conflicts" className="sharing-conflicts">
          <h3 id="sharing-conflicts">{t('conflictsTitle', { count: state.conflicts.length })}</h3>
          <ul>
            {state.conflicts.map((conflict) => (
              <li key={conflict.key} className="sharing-conflict">
                <p>{t('conflict', { place: conflict.place, document: conflict.document })}</p>
                <ul className="sharing-candidates">
                  {conflict.candidates.map((candidate, index) => (
                    <li key={`${candidate.device}-${candidate.at}`}>
                      <blockquote>{candidate.deleted ? t('deleted') : candidate.text}</blockquote>
                      <span className="card-meta">{t('by', { device: candidate.device })}</span>{' '}
                      <Button
                        disabled={resolving}
                        onClick={() => onResolve(conflict.key, index)}
                        aria-label={`${candidate.deleted ? t('keepDeleted') : t('keep')}: ${candidate.deleted ? t('deleted') : candidate.text} (${candidate.device})`}
                      >
                        {candidate.deleted ? t('keepDeleted') : t('keep')}
                      </Button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {state.changes.length > 0 ? (
        <section aria-labelledby="sharing-changes">
          <h3 id="sharing-changes">{t('changesTitle')}</h3>
          <ul className="sharing-changes">
            {state.changes.map((change, index) => (
              <li key={`${change.at}-${index}`}>{t('changedBy', { devices: change.devices.join(', '), document: change.document })}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
};

/**
 * On a group's page in a shared workspace: what the other laptops changed in this group
 * since this one was last here (and since the page opened). Nothing when there is nothing.
 */
export const GroupChanges = ({ groupId }: { groupId: string }) => {
  const { t } = useTranslation('sharing');
  const sharing = useSharing();
  const changes = sharing.data?.changes.filter((change) => change.groupId === groupId) ?? [];
  if (!sharing.data?.shared || changes.length === 0) return null;
  return (
    <section className="sharing-group-changes" aria-labelledby="sharing-group-changes">
      <h2 id="sharing-group-changes">{t('changesTitle')}</h2>
      <ul>
        {changes.map((change, index) => (
          <li key={`${change.at}-${index}`}>{t('changedBy', { devices: change.devices.join(', '), document: change.document })}</li>
        ))}
      </ul>
    </section>
  );
};

/** "What should the others call this computer?" — a member's own name for it, kept in this computer's settings. */
const DeviceName = ({ current }: { current: string }) => {
  const { t } = useTranslation('sharing');
  const client = useQueryClient();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(current);
  const rename = useMutation({
    mutationFn: (next: string) => backend.setDeviceLabel({ label: next }),
    onSuccess: () => {
      setEditing(false);
      return client.invalidateQueries({ queryKey: sharingKey });
    },
  });
  if (!editing) {
    return (
      <p>
        <Button
          className="btn-small"
          onClick={() => {
            setLabel(current);
            setEditing(true);
          }}
        >
          {t('rename')}
        </Button>
      </p>
    );
  }
  return (
    <form
      className="sharing-rename"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate(label);
      }}
    >
      <label htmlFor={id}>{t('renameLabel')}</label>
      <input id={id} value={label} maxLength={80} autoFocus onChange={(event) => setLabel(event.target.value)} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="field-hint">
        {t('renameHint')}
      </p>
      <div className="form-actions start">
        <Button type="submit" variant="primary" disabled={rename.isPending}>
          {t('renameSave')}
        </Button>
        <Button onClick={() => setEditing(false)}>{t('renameCancel')}</Button>
      </div>
      {rename.error ? <ErrorMessage error={rename.error} /> : null}
    </form>
  );
};
