import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../../shared/contract/designs';
import { backend, errorMessage } from '../../api/client';
import { isBrowserShell } from '../../api/shell';
import { useState } from 'react';

/** "Saved “plan.docx”" with Open and (on the desktop) Show in folder, by the backend's export id — never a path. */
export const ExportNotice = ({ file, onDismiss }: { file: ExportedFile; onDismiss: () => void }) => {
  const { t } = useTranslation('plan');
  const [problem, setProblem] = useState<string>();
  const run = (call: () => Promise<unknown>) => () => void call().catch((error: unknown) => setProblem(errorMessage(error)));
  return (
    <div className="plan-export-notice" role="status">
      <span>{t('export.saved', { name: file.fileName })}</span>
      <button type="button" className="btn btn-small" onClick={run(() => backend.openExportedFile({ exportId: file.exportId }))}>
        {t('export.open')}
      </button>
      {/* A browser cannot show a file in its folder; Open downloads it there. */}
      {isBrowserShell() ? null : (
        <button type="button" className="btn btn-small" onClick={run(() => backend.showExportedFile({ exportId: file.exportId }))}>
          {t('export.show')}
        </button>
      )}
      <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
        {t('common:dismiss')}
      </button>
      {problem ? <span className="field-error">{problem}</span> : null}
    </div>
  );
};

/** The lesson plan's and the comparison's "Anonymise students" option, beside their export buttons. */
export const AnonymizeExport = ({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) => {
  const { t } = useTranslation('plan');
  return (
    <label className="plan-anonymize" title={t('export.anonymizeHint')}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {t('export.anonymize')}
    </label>
  );
};
