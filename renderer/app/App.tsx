import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useRoutes } from 'react-router';
import { backend } from '../api/client';
import { Notices } from '../ui/Notices';
import { SaveStatus } from '../ui/SaveStatus';
import { routes } from './routes';

export const App = () => {
  const { t } = useTranslation();
  const workspace = useQuery({ queryKey: ['workspace'], queryFn: () => backend.getWorkspace({}) });
  const element = useRoutes(routes);

  // Tests and automation wait for this state instead of sleeping.
  useEffect(() => {
    const root = document.getElementById('root');
    if (root && workspace.isSuccess) root.dataset.appState = 'ready';
  }, [workspace.isSuccess]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="app-title">
          {t('appName')}
        </NavLink>
        <nav aria-label={t('nav.main')} className="app-nav">
          <NavLink to="/" end>
            {t('nav.groups')}
          </NavLink>
        </nav>
        <div className="app-header-end">
          {workspace.data ? <span className="workspace-name">{t('workspace', { name: workspace.data.name })}</span> : null}
          <SaveStatus />
        </div>
      </header>
      {workspace.data?.readOnly ? (
        <div className="banner banner-warning" role="status">
          {t('readOnlyBanner')}
        </div>
      ) : null}
      <Notices />
      <main id="main" className="app-main" tabIndex={-1}>
        {element}
      </main>
    </div>
  );
};
