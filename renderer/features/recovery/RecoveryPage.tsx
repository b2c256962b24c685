import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backend } from '../../api/client';
import type { Deletion, KeptFile } from '../../../shared/contract/recovery';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/format';
import { EmptyState, ErrorMessage, Page } from '../../ui/Page';

/**
 * Backups and recovery: every kept copy of every file of the workspace, named by what it
 * holds, and the trash of deletions. Restoring a copy keeps the current state as a copy
 * first, so a restore can be undone from this same screen.
 */
export const RecoveryPage = () => {
  const { t } = useTranslation('recovery');
  const client = useQueryClient();
  const files = useQuery({ queryKey: ['recovery', 'files'], queryFn: () => backend.listKeptFiles({}) });
  const trash = useQuery({ queryKey: ['recovery', 'trash'], queryFn: () => backend.listTrash({}) });
  const [done, setDone] = useState<string | null>(null);
  const afterRestore = async (message: string) => {
    setDone(message);
    // Everything shown elsewhere may have changed.
    await client.invalidateQueries();
  };
  return (
    <Page title={t('title')} subtitle={t('subtitle')}>
      {done ? (
        <p className="banner banner-info" role="status">
          {done}
        </p>
      ) : null}
      <section aria-labelledby="trash-title" className="recovery-section">
        <h2 id="trash-title">{t('trash.title')}</h2>
        {trash.error ? <ErrorMessage error={trash.error} /> : null}
        {trash.data && trash.data.length === 0 ? <p className="card-meta">{t('trash.empty')}</p> : null}
        <ul className="recovery-list">
          {trash.data?.map((deletion) => <DeletionRow key={deletion.id} deletion={deletion} onRestored={afterRestore} />)}
        </ul>
      </section>
      <section aria-labelledby="copies-title" className="recovery-section">
        <h2 id="copies-title">{t('copies.title')}</h2>
        <p className="card-meta">{t('copies.explain')}</p>
        {files.error ? <ErrorMessage error={files.error} /> : null}
        {files.data && files.data.length === 0 ? <EmptyState title={t('copies.empty')} /> : null}
        <ul className="recovery-list">
          {files.data?.map((file) => <KeptFileRow key={file.file} file={file} onRestored={afterRestore} />)}
        </ul>
      </section>
    </Page>
  );
};

const itemName = (t: (key: string, options?: Record<string, unknown>) => string, kind: string, title: string) =>
  t(`kind.${kind}`, { title: title || t('untitled') });

const DeletionRow = ({ deletion, onRestored }: { deletion: Deletion; onRestored: (message: string) => Promise<void> }) => {
  const { t } = useTranslation('recovery');
  const restore = useMutation({
    mutationFn: () => backend.restoreFromTrash({ id: deletion.id }),
    onSuccess: (result) => onRestored(t('trash.restored', { count: result.restored })),
  });
  const [first] = deletion.items;
  return (
    <li className="recovery-item">
      <div>
        <strong>{first ? itemName(t, first.kind, first.title) : t('trash.nothing')}</strong>
        <span className="card-meta"> — {t('trash.deletedAt', { time: formatDateTime(deletion.deletedAt) })}</span>
        {deletion.items.length > 1 ? (
          <ul className="recovery-sublist">
            {deletion.items.slice(1).map((item) => (
              <li key={item.file}>{itemName(t, item.kind, item.title)}</li>
            ))}
          </ul>
        ) : null}
        {restore.error ? <ErrorMessage error={restore.error} /> : null}
      </div>
      <Button disabled={restore.isPending} onClick={() => restore.mutate()} aria-label={t('trash.restoreNamed', { name: first ? itemName(t, first.kind, first.title) : '' })}>
        {t('trash.restore')}
      </Button>
    </li>
  );
};

const KeptFileRow = ({ file, onRestored }: { file: KeptFile; onRestored: (message: string) => Promise<void> }) => {
  const { t } = useTranslation('recovery');
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState<{ id: string; label: string } | null>(null);
  const copies = useQuery({ queryKey: ['recovery', 'copies', file.file], queryFn: () => backend.listKeptCopies({ file: file.file }), enabled: open });
  const restore = useMutation({
    mutationFn: (copy: string) => backend.restoreKeptCopy({ file: file.file, copy }),
    onSuccess: (result) => onRestored(t('copies.restored', { summary: result.summary })),
  });
  const name = itemName(t, file.kind, file.title);
  return (
    <li className="recovery-item recovery-file">
      <div>
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {name}
        </button>
        <span className="card-meta"> — {t('copies.count', { count: file.copies })}</span>
        {open ? (
          <table className="recovery-copies">
            <caption className="visually-hidden">{t('copies.caption', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('copies.savedAt')}</th>
                <th scope="col">{t('copies.holds')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('copies.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {copies.data?.map((copy) => {
                const label = `${copy.id === 'last-saved' ? t('copies.lastSaved') : ''}${formatDateTime(copy.savedAt)}`;
                return (
                  <tr key={copy.id}>
                    <td>{label}</td>
                    <td>{copy.valid ? copy.summary : <em>{t('copies.damaged')}</em>}</td>
                    <td>
                      <Button variant="ghost" disabled={!copy.valid || restore.isPending} onClick={() => setConfirm({ id: copy.id, label })} aria-label={t('copies.restoreNamed', { when: label })}>
                        {t('copies.restore')}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {restore.error ? <ErrorMessage error={restore.error} /> : null}
      </div>
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(next) => !next && setConfirm(null)}
        title={t('copies.confirmTitle', { name })}
        description={t('copies.confirmText', { when: confirm?.label ?? '' })}
        confirmLabel={t('copies.restore')}
        onConfirm={() => {
          if (confirm) restore.mutate(confirm.id);
          setConfirm(null);
        }}
      />
    </li>
  );
};
