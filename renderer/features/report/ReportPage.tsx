import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { ErrorMessage, Page } from '../../ui/Page';
import { useCycle } from '../cycle/queries';
import { useExportReport } from './queries';
import { ExportStatus } from './ExportStatus';

/**
 * "Export report": the cycle report as a Word document for school leaders and the next
 * group. The save dialog is shown by the main process; the page only ever holds the
 * exported file's name and an id to open or show it.
 */
export const ReportPage = () => {
  const { t, i18n } = useTranslation('report');
  const { cycleId = '' } = useParams();
  const cycle = useCycle(cycleId);
  const [anonymize, setAnonymize] = useState(false);
  const [includeAppendix, setIncludeAppendix] = useState(true);
  const [includePhotos, setIncludePhotos] = useState(true);
  const [language, setLanguage] = useState<'en' | 'ja'>(i18n.language === 'ja' ? 'ja' : 'en');
  const exporting = useExportReport();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    exporting.mutate({ cycleId, anonymize, includeAppendix, includePhotos, language });
  };
  const saved = exporting.data;

  return (
    <Page
      title={t('title')}
      subtitle={cycle.data?.title}
      actions={
        <Link className="btn btn-ghost" to={`/cycles/${cycleId}`}>
          {t('backToCycle')}
        </Link>
      }
    >
      {cycle.error ? <ErrorMessage error={cycle.error} /> : null}
      <p className="report-intro">{t('intro')}</p>
      <form className="report-form" onSubmit={submit} aria-busy={exporting.isPending}>
        <fieldset className="report-options" disabled={exporting.isPending}>
          <legend>{t('options')}</legend>
          <label className="report-check">
            <input type="checkbox" checked={anonymize} onChange={(e) => setAnonymize(e.target.checked)} />
            <span>
              <strong>{t('anonymize')}</strong>
              <span className="report-hint">{t('anonymizeHint')}</span>
            </span>
          </label>
          <label className="report-check">
            <input type="checkbox" checked={includeAppendix} onChange={(e) => setIncludeAppendix(e.target.checked)} />
            <span>
              <strong>{t('appendix')}</strong>
              <span className="report-hint">{t('appendixHint')}</span>
            </span>
          </label>
          <label className="report-check">
            <input type="checkbox" checked={includePhotos} onChange={(e) => setIncludePhotos(e.target.checked)} />
            <span>
              <strong>{t('photos')}</strong>
              <span className="report-hint">{t('photosHint')}</span>
            </span>
          </label>
          <div className="field">
            <label htmlFor="report-language">{t('language')}</label>
            <select id="report-language" value={language} onChange={(e) => setLanguage(e.target.value === 'ja' ? 'ja' : 'en')}>
              <option value="en">{t('languageEn')}</option>
              <option value="ja">{t('languageJa')}</option>
            </select>
          </div>
        </fieldset>
        <Button variant="primary" type="submit" disabled={exporting.isPending || !cycle.data}>
          {exporting.isPending ? t('exporting') : t('export')}
        </Button>
      </form>

      <ExportStatus
        saved={saved}
        cancelled={exporting.isSuccess && saved === null}
        labels={{ cancelled: t('cancelled'), saved: (fileName) => t('saved', { fileName }), openFile: t('openFile'), showInFolder: t('showInFolder') }}
      >
        {exporting.isPending ? (
          <div className="report-progress">
            <progress aria-label={t('exporting')} />
            <span>{t('progress')}</span>
          </div>
        ) : null}
      </ExportStatus>
      {exporting.error ? <ErrorMessage error={exporting.error} /> : null}
    </Page>
  );
};
