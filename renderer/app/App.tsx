import { useQuery } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate, useRoutes } from 'react-router';
import type { MenuContext } from '../../shared/contract/app';
import { isBrowserShell } from '../api/shell';
import { AboutDialog } from '../features/app/AboutDialog';
import { AppUiContext, type AppUi, type Overlay } from '../features/app/app-ui';
import { CommandPalette } from '../features/app/CommandPalette';
import { LockedWorkspaceDialog } from '../features/app/LockedWorkspaceDialog';
import { useLastView } from '../features/app/last-view';
import { useMenuActions, useGlobalShortcuts, usePaletteActions } from '../features/app/menu-actions';
import { useMenuContext, useReportMenuContext } from '../features/app/menu-context';
import { PreferencesDialog } from '../features/app/PreferencesDialog';
import { useApplyPreferences, usePreferences, useUpdatePreferences } from '../features/app/preferences';
import { modKey } from '../features/app/shortcuts';
import { ShortcutsOverlay } from '../features/app/ShortcutsOverlay';
import { Tour } from '../features/app/Tour';
import { useSwitchWorkspace } from '../features/app/workspace-actions';
import { workspaceQuery } from '../features/app/workspace-query';
import { BrowserMenuBar } from '../features/browser/BrowserMenuBar';
import { FolderDialog } from '../features/browser/FolderDialog';
import { Notices } from '../ui/Notices';
import { SaveStatus } from '../ui/SaveStatus';
import { isCodeLoadFailure, ScreenBoundary } from './lazy-screen';
import { routes } from './routes';

type Switcher = ReturnType<typeof useSwitchWorkspace>;

/** The command palette with the commands of where the user is; built only while it is open. */
const AppPalette = ({ ui, context, switcher, onOpenChange }: { ui: AppUi; context: MenuContext; switcher: Switcher; onOpenChange: (open: boolean) => void }) => {
  const navigate = useNavigate();
  const actions = usePaletteActions(ui, context, switcher);
  return <CommandPalette open onOpenChange={onOpenChange} actions={actions} navigate={(path) => void navigate(path)} />;
};

export const App = () => {
  const { t } = useTranslation();
  const workspace = useQuery(workspaceQuery);
  const preferences = usePreferences();
  const updatePreferences = useUpdatePreferences();
  const element = useRoutes(routes);
  const location = useLocation();
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [tourOpen, setTourOpen] = useState(false);
  // Each start of the tour begins at its first step, even over a tour already open.
  const [tourRun, setTourRun] = useState(0);
  const startTour = useCallback(() => {
    setTourRun((n) => n + 1);
    setTourOpen(true);
  }, []);

  useApplyPreferences(preferences.data);
  const viewSettled = useLastView(preferences.data, routes, updatePreferences);
  const menuContext = useMenuContext();
  useReportMenuContext(menuContext);

  const ui = useMemo<AppUi>(
    () => ({
      overlay,
      open: setOverlay,
      close: () => setOverlay(null),
      tourOpen,
      startTour,
      endTour: () => {
        setTourOpen(false);
        void updatePreferences({ tourDismissed: true });
      },
    }),
    [overlay, tourOpen, updatePreferences, startTour],
  );

  const switcher = useSwitchWorkspace(() => {
    // A workspace chosen from the welcome (or anywhere) ends the first run; the tour follows once.
    if (!preferences.data?.tourDismissed) setTourOpen(true);
  });
  useMenuActions(ui, menuContext, switcher);
  useGlobalShortcuts(ui);

  // Tests and automation wait for this state instead of sleeping.
  const ready = workspace.isSuccess && preferences.isSuccess && viewSettled;
  useEffect(() => {
    const root = document.getElementById('root');
    if (root && ready) root.dataset.appState = 'ready';
  }, [ready]);

  return (
    <AppUiContext.Provider value={ui}>
      <div className="app-shell">
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        {/* In Electron the native menu and dialogs do this; a browser gets the page's own. */}
        {isBrowserShell() ? <BrowserMenuBar context={menuContext} language={preferences.data?.uiLanguage ?? 'en'} /> : null}
        {isBrowserShell() ? <FolderDialog /> : null}
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
            <button type="button" className="btn btn-ghost btn-small palette-trigger" onClick={() => setOverlay('palette')}>
              {t('app:palette.open')} <kbd>{modKey()}+K</kbd>
            </button>
            {workspace.data ? (
              <button
                type="button"
                className="btn btn-ghost btn-small workspace-name"
                onClick={() => setOverlay('preferences')}
                title={workspace.data.path}
              >
                {t('workspace', { name: workspace.data.name })}
              </button>
            ) : null}
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setOverlay('preferences')}>
              {t('app:preferences.open')}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setOverlay('shortcuts')}
              aria-label={t('app:shortcuts.title')}
              title={t('app:shortcuts.title')}
            >
              ?
            </button>
            <SaveStatus />
          </div>
        </header>
        {workspace.data?.readOnly ? (
          <div className="banner banner-warning" role="status">
            {workspace.data.lockedBy
              ? t('app:locked.banner', {
                  where: workspace.data.lockedBy.sameComputer ? t('app:locked.thisComputer') : t('app:locked.otherComputer', { computer: workspace.data.lockedBy.computer }),
                })
              : t('readOnlyBanner')}
          </div>
        ) : null}
        <LockedWorkspaceDialog workspace={workspace.data} switcher={switcher} />
        {workspace.data?.isSample ? (
          <div className="banner banner-info" role="status">
            {t('app:workspace.sampleBanner')}
          </div>
        ) : null}
        <Notices />
        <main id="main" className="app-main" tabIndex={-1}>
          {viewSettled ? (
            <ScreenBoundary
              resetKey={location.pathname}
              fallback={(error, retry) => (
                <div className="error-box" role="alert">
                  <p>{isCodeLoadFailure(error) ? t('screenLoadFailed') : t('screenFailed', { message: error instanceof Error ? error.message : String(error) })}</p>
                  <button type="button" className="btn" onClick={retry}>
                    {t('tryAgain')}
                  </button>
                </div>
              )}
            >
              <Suspense fallback={<p className="screen-loading">{t('loading')}</p>}>{element}</Suspense>
            </ScreenBoundary>
          ) : null}
        </main>
      </div>
      {/* Each overlay is built when it opens: the start screen renders none of their contents. */}
      {overlay === 'palette' ? (
        <AppPalette ui={ui} context={menuContext} switcher={switcher} onOpenChange={(open) => setOverlay(open ? 'palette' : null)} />
      ) : null}
      {overlay === 'shortcuts' ? <ShortcutsOverlay open onOpenChange={(open) => setOverlay(open ? 'shortcuts' : null)} /> : null}
      {overlay === 'preferences' ? (
        <PreferencesDialog open onOpenChange={(open) => setOverlay(open ? 'preferences' : null)} switcher={switcher} onShowTour={startTour} />
      ) : null}
      {overlay === 'about' ? <AboutDialog open onOpenChange={(open) => setOverlay(open ? 'about' : null)} /> : null}
      {tourOpen ? <Tour key={tourRun} onClose={ui.endTour} /> : null}
    </AppUiContext.Provider>
  );
};
