import { useQuery } from '@tanstack/react-query';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceInfo } from '../../../shared/contract/workspace';
import { BackendError, errorMessage } from '../../api/client';
import { browserShell } from '../../api/shell';
import { workspaceQuery } from '../app/workspace-query';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';

/**
 * A browser cannot show the backend's folder picker, so the page asks for the path in its
 * own dialog: "Open workspace" awaits `askWorkspaceFolder()`, which resolves with the
 * opened workspace, or null when the user cancels. A refused path (not absolute, locked,
 * unreadable) is shown in the dialog, which stays open for a corrected one.
 */
type Settle = (info: WorkspaceInfo | null) => void;
let pending: Settle | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export const askWorkspaceFolder = (): Promise<WorkspaceInfo | null> =>
  new Promise((resolve) => {
    pending?.(null);
    pending = resolve;
    notify();
  });

const settle = (info: WorkspaceInfo | null) => {
  const resolve = pending;
  pending = null;
  notify();
  resolve?.(info);
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const openTypedFolder = async (folder: string): Promise<WorkspaceInfo | null> => {
  const shell = browserShell();
  if (!shell) throw new BackendError('internal', 'This dialog is for the browser only.');
  const result = await shell.chooseWorkspaceFolderAt(folder);
  if (!result.ok) throw new BackendError(result.error.code as BackendError['code'], result.error.message);
  return result.value as WorkspaceInfo | null;
};

const FolderForm = ({ current }: { current: string }) => {
  const { t } = useTranslation('browser');
  const [folder, setFolder] = useState(current);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!folder.trim()) return setProblem(t('folder.required'));
    setBusy(true);
    setProblem(undefined);
    try {
      settle(await openTypedFolder(folder.trim()));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <TextField
        label={t('folder.label')}
        hint={t('folder.hint')}
        error={problem}
        value={folder}
        onChange={(event) => setFolder(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      <div className="dialog-actions">
        <Button onClick={() => settle(null)}>{t('common:cancel')}</Button>
        <Button variant="primary" type="submit" disabled={busy}>
          {busy ? t('folder.busy') : t('folder.open')}
        </Button>
      </div>
    </form>
  );
};

/** Mounted once by the app; shows itself while `askWorkspaceFolder()` waits. */
export const FolderDialog = () => {
  const { t } = useTranslation('browser');
  const open = useSyncExternalStore(subscribe, () => pending !== null);
  const workspace = useQuery({ ...workspaceQuery, enabled: open });
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : settle(null))} title={t('folder.title')}>
      {open ? <FolderForm key={workspace.data?.path ?? ''} current={workspace.data?.path ?? ''} /> : null}
    </Dialog>
  );
};
