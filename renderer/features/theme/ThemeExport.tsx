import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/Page';
import { useExportTheme } from './queries';
import { ExportStatus } from '../report/ExportStatus';

/**
 * The research theme as a Word document. The save dialog is the main process's (as for
 * the cycle report); the page holds only the saved file's name and an id to open it.
 */
export const ThemeExport = ({ groupId }: { groupId: string }) => {
  const { t, i18n } = useTranslation('theme');
  const [anonymize, setAnonymize] = useState(false);
  const [language, setLanguage] = useState<'en' | 'ja'>(i18n.language === 'ja' ? 'ja' : 'en');
  const exporting = useExportTheme();
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
      <ExportStatus
        saved={saved}
        cancelled={exporting.isSuccess && saved === null}
        labels={{ cancelled: t('export.cancelled'), saved: (fileName) => t('export.saved', { fileName }), openFile: t('export.openFile'), showInFolder: t('export.showInFolder') }}
      />
      {exporting.error ? <ErrorMessage error={exporting.error} /> : null}
    </section>
  );
};
