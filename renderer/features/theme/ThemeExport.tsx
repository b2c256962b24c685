import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isBrowserShell } from '../../api/shell';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/Page';
import { useOpenExport, useShowExport } from '../report/queries';
import { useExportTheme } from './queries';

/**
 * The research theme as a Word document. The save dialog is the main process's (as for
 * the cycle report); the page holds only the saved file's name and an id to open it.
 */
export const ThemeExport = ({ groupId }: { groupId: string }) => {
  const { t, i18n } = useTranslation('theme');
  const [anonymize, setAnonymize] = useState(false);
  const [language, setLanguage] = useState<'en' | 'ja'>(i18n.language === 'ja' ? 'ja' : 'en');
  const exporting = useExportTheme();
  const openFile = useOpenExport();
  const showFile = useShowExport();
  const id = useId();
  const saved = exporting.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    exporting.mutate({ groupId, anonymize, language });
  };

  return (
    <section className="theme-export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('export.heading')}</h2>
      <form className="report-form" onSubmit={submit} aria-busy={exporting.isPending}>
        <fieldset className="report-options" disabled={exporting.isPending}>
          <legend className="visually-hidden">{t('export.heading')}</legend>
          <label className="report-check">
            <input type="checkbox" checked={anonymize} onChange={(e) => setAnonymize(e.target.checked)} />
            <span>
              <strong>{t('export.anonymize')}</strong>
              <span className="report-hint">{t('export.anonymizeHint')}</span>
            </span>
          </label>
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('export.language')}</label>
            <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(e.target.value === 'ja' ? 'ja' : 'en')}>
              <option value="en">{t('export.languageEn')}</option>
              <option value="ja">{t('export.languageJa')}</option>
            </select>
          </div>
        </fieldset>
        <Button variant="primary" type="submit" disabled={exporting.isPending}>
          {exporting.isPending ? t('export.exporting') : t('export.button')}
        </Button>
      </form>
      <div className="report-status" role="status" aria-live="polite">
        {exporting.isSuccess && saved === null ? <p>{t('export.cancelled')}</p> : null}
        {saved ? (
          <div className="report-done">
            <p>
              <span aria-hidden="true">✓ </span>
              {t('export.saved', { fileName: saved.fileName })}
            </p>
            <div className="report-actions">
              <Button onClick={() => openFile.mutate(saved.exportId)}>{t('export.openFile')}</Button>
              {/* A browser cannot show a file in its folder; Open downloads it there. */}
              {isBrowserShell() ? null : <Button onClick={() => showFile.mutate(saved.exportId)}>{t('export.showInFolder')}</Button>}
            </div>
          </div>
        ) : null}
      </div>
      {exporting.error ? <ErrorMessage error={exporting.error} /> : null}
      {openFile.error ? <ErrorMessage error={openFile.error} /> : null}
      {showFile.error ? <ErrorMessage error={showFile.error} /> : null}
    </section>
  );
};
