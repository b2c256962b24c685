import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { backend } from '../../api/client';
import type { WorkspaceInfo } from '../../../shared/contract/workspace';
import { isBrowserShell } from '../../api/shell';
import { askWorkspaceFolder } from '../browser/FolderDialog';

export type WorkspaceChoice = { kind: 'default' } | { kind: 'folder' } | { kind: 'sample' } | { kind: 'recent'; path: string } | { kind: 'anyway' };

const open = (choice: WorkspaceChoice): Promise<WorkspaceInfo | null> => {
  switch (choice.kind) {
    case 'default':
      return backend.openDefaultWorkspace({});
    case 'folder':
      // A browser has no folder picker for the backend: the page asks for the path.
      return isBrowserShell() ? askWorkspaceFolder() : backend.chooseWorkspaceFolder({});
    case 'sample':
      return backend.openSampleWorkspace({});
    case 'recent':
      return backend.openRecentWorkspace({ path: choice.path });
    case 'anyway':
      return backend.openWorkspaceAnyway({});
  }
};

/**
 * Switch the open workspace. Everything cached belongs to the old one, so the whole query
 * cache is reset (and old save errors forgotten) once the host has switched; a cancelled
 * dialog (null) changes nothing. Not a TanStack mutation: opening a folder is not a save,
 * and a refused folder must not read "Could not save" in the save status.
 */
export const useSwitchWorkspace = (onSwitched?: (info: WorkspaceInfo, choice: WorkspaceChoice) => void) => {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (choice: WorkspaceChoice) => {
      setBusy(true);
      setError(null);
      try {
        const info = await open(choice);
        if (!info) return null;
        void navigate('/');
        client.getMutationCache().clear();
        await client.resetQueries();
        onSwitched?.(info, choice);
        return info;
      } catch (caught) {
        setError(caught);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [client, navigate, onSwitched],
  );
  return { run, busy, error };
};
