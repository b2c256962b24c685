import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/Page';
import { useAppUi } from './app-ui';
import { useSwitchWorkspace } from './workspace-actions';

/**
 * First run: where the group's work is kept. The default folder is ready to use (the
 * "New group" button above writes there); another folder — e.g. a shared drive — or the
 * sample cycle are one click away. Any choice ends the first run and starts the tour.
 */
export const WorkspaceChoices = () => {
  const { t } = useTranslation('app');
  const { startTour } = useAppUi();
  const switcher = useSwitchWorkspace(() => startTour());
  return (
    <section className="welcome-workspace" aria-labelledby="welcome-workspace-title">
      <h3 id="welcome-workspace-title">{t('welcome.where')}</h3>
      <p>{t('welcome.whereBody')}</p>
      <div className="welcome-choices">
        <div className="welcome-choice">
          <Button disabled={switcher.busy} onClick={() => void switcher.run({ kind: 'default' })}>
            {t('welcome.useDefault')}
          </Button>
          <p className="card-meta">{t('welcome.useDefaultHint')}</p>
        </div>
        <div className="welcome-choice">
          <Button disabled={switcher.busy} onClick={() => void switcher.run({ kind: 'folder' })}>
            {t('welcome.chooseFolder')}
          </Button>
          <p className="card-meta">{t('welcome.chooseFolderHint')}</p>
        </div>
        <div className="welcome-choice">
          <Button disabled={switcher.busy} onClick={() => void switcher.run({ kind: 'sample' })}>
            {t('welcome.openSample')}
          </Button>
          <p className="card-meta">{t('welcome.openSampleHint')}</p>
        </div>
      </div>
      {switcher.error ? <ErrorMessage error={switcher.error} /> : null}
    </section>
  );
};
