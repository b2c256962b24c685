import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceInfo } from '../../../shared/contract/workspace';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/format';
import type { useSwitchWorkspace } from './workspace-actions';

/**
 * Shown when the workspace was opened read-only because another Lesson Study seems to
 * have it open (another window, another computer on a shared folder, or a lock a crash
 * left that cannot be judged safely). The safe choice, read-only, has focus; "Open
 * anyway" is for a lock the user knows is left over.
 */
export const LockedWorkspaceDialog = ({
  workspace,
  switcher,
}: {
  workspace: WorkspaceInfo | undefined;
  switcher: ReturnType<typeof useSwitchWorkspace>;
}) => {
  const { t } = useTranslation('app');
  const [answeredFor, setAnsweredFor] = useState<string | null>(null);
  const holder = workspace?.lockedBy;
  if (!workspace || !holder || answeredFor === workspace.path) return null;
  const where = holder.sameComputer ? t('locked.thisComputer') : t('locked.otherComputer', { computer: holder.computer });
  const since = holder.since ? t('locked.since', { time: formatDateTime(holder.since) }) : '';
  const answer = (choice: 'anyway' | 'folder' | null) => {
    setAnsweredFor(workspace.path);
    if (choice) void switcher.run({ kind: choice });
  };
  return (
    <AlertDialog.Root open>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title className="dialog-title">{t('locked.title')}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">
            {t('locked.description', { workspace: workspace.name, where, since })}
          </AlertDialog.Description>
          <p className="dialog-advice">{t('locked.advice')}</p>
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <Button variant="primary" onClick={() => answer(null)}>
                {t('locked.readOnly')}
              </Button>
            </AlertDialog.Cancel>
            <Button onClick={() => answer('folder')}>{t('locked.choose')}</Button>
            <Button variant="danger" onClick={() => answer('anyway')}>
              {t('locked.anyway')}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
};
