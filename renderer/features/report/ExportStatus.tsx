import type { ReactNode } from 'react';
import { isBrowserShell } from '../../api/shell';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/Page';
import { useOpenExport, useShowExport } from './queries';

export interface ExportStatusLabels {
  cancelled: string;
  saved: (fileName: string) => string;
  openFile: string;
  showInFolder: string;
}

/**
 * What an export said: cancelled in the save dialog, or saved with Open / Show in folder
 * (a browser cannot show a file in its folder; Open downloads it there), and the errors of
 * those two. `children` go first in the live region (a progress bar while exporting).
 */
export const ExportStatus = ({
  saved,
  cancelled,
  labels,
  children,
}: {
  saved: { fileName: string; exportId: string } | null | undefined;
  cancelled: boolean;
  labels: ExportStatusLabels;
  children?: ReactNode;
}) => {
  const openFile = useOpenExport();
  const showFile = useShowExport();
  return (
    <>
      <div className="report-status" role="status" aria-live="polite">
        {children}
        {cancelled ? <p>{labels.cancelled}</p> : null}
        {saved ? (
          <div className="report-done">
            <p>
              <span aria-hidden="true">✓ </span>
              {labels.saved(saved.fileName)}
            </p>
            <div className="report-actions">
              <Button onClick={() => openFile.mutate(saved.exportId)}>{labels.openFile}</Button>
              {isBrowserShell() ? null : <Button onClick={() => showFile.mutate(saved.exportId)}>{labels.showInFolder}</Button>}
            </div>
          </div>
        ) : null}
      </div>
      {openFile.error ? <ErrorMessage error={openFile.error} /> : null}
      {showFile.error ? <ErrorMessage error={showFile.error} /> : null}
    </>
  );
};
