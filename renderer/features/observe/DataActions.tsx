import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { useObservationFiles } from './queries';

/**
 * Observations leaving and entering the workspace: "Export my observations" (a pack for
 * the facilitator), "Import observation packs" and CSV. Dialogs are shown by the main
 * process; the renderer never sees a path.
 */
export const DataActions = ({ cycleId, observerId, compact = false }: { cycleId: string; observerId?: string; compact?: boolean }) => {
  const { t } = useTranslation('observe');
  const files = useObservationFiles(cycleId);
  const imported = files.importPacks.data;
  const error = files.exportPack.error ?? files.importPacks.error ?? files.exportCsv.error;
  const saved = files.exportPack.data ?? files.exportCsv.data;
  return (
    <div className="data-actions">
      <Button onClick={() => files.exportPack.mutate(observerId || undefined)}>
        {observerId ? t('files.exportPack') : t('files.exportAll')}
      </Button>
      {!compact ? (
        <>
          <Button onClick={() => files.importPacks.mutate()}>{t('files.importPacks')}</Button>
          <Button onClick={() => files.exportCsv.mutate()}>{t('files.exportCsv')}</Button>
        </>
      ) : null}
      <div role="status" className="data-actions-status">
        {saved ? t('files.saved', { name: saved.fileName }) : null}
        {imported ? (
          <span>
            {t('files.imported', { added: imported.added, updated: imported.updated, unchanged: imported.unchanged })}
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
};
