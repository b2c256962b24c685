import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { UiPreferences } from '../../../shared/contract/app';
import { backend } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog, DialogCloseFooter } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Page';
import { usePreferences, useUpdatePreferences } from './preferences';
import type { useSwitchWorkspace } from './workspace-actions';
import { workspaceQuery } from './workspace-query';

const Choice = <V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: V | undefined;
  options: Array<[V, string, string?]>;
  onChange: (value: V) => void;
}) => (
  <fieldset className="choice-group">
    <legend>{legend}</legend>
    {options.map(([option, label, lang]) => (
      <label key={option} className="choice" lang={lang}>
        <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
        {label}
      </label>
    ))}
  </fieldset>
);

/** Language, theme and the workspace: applied the moment they change, kept for next time. */
export const PreferencesDialog = ({
  open,
  onOpenChange,
  switcher,
  onShowTour,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  switcher: ReturnType<typeof useSwitchWorkspace>;
  onShowTour: () => void;
}) => {
  const { t } = useTranslation('app');
  const preferences = usePreferences();
  const update = useUpdatePreferences();
  const navigate = useNavigate();
  const recent = useQuery({ queryKey: ['app', 'recent-workspaces'], queryFn: () => backend.listRecentWorkspaces({}), enabled: open, staleTime: 0 });
  const workspace = useQuery(workspaceQuery);
  const name = useId();
  const set = (changes: Partial<UiPreferences>) => void update(changes);

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('preferences.title')} wide>
      <div className="preferences">
        <Choice
          legend={t('preferences.language')}
          name={`${name}-language`}
          value={preferences.data?.uiLanguage}
          options={[
            ['en', 'English', 'en'],
            ['ja', '日本語', 'ja'],
          ]}
          onChange={(uiLanguage) => set({ uiLanguage })}
        />
        <p className="field-hint">{t('preferences.languageHint')}</p>
        <Choice
          legend={t('preferences.theme')}
          name={`${name}-theme`}
          value={preferences.data?.theme}
          options={[
            ['system', t('preferences.themes.system')],
            ['light', t('preferences.themes.light')],
            ['dark', t('preferences.themes.dark')],
          ]}
          onChange={(theme) => set({ theme })}
        />
        <section aria-labelledby={`${name}-ws`} className="preferences-workspace">
          <h3 id={`${name}-ws`}>{t('workspace.title')}</h3>
          {workspace.data ? (
            <p>
              {t('workspace.current')} <strong>{workspace.data.name}</strong>
              <br />
              <span className="card-meta workspace-path">{workspace.data.path}</span>
            </p>
          ) : null}
          {recent.data && recent.data.filter((r) => !r.isCurrent).length > 0 ? (
            <ul className="recent-workspaces" aria-label={t('workspace.recent')}>
              {recent.data
                .filter((r) => !r.isCurrent)
                .map((folder) => (
                  <li key={folder.path}>
                    <span>
                      <strong>{folder.name}</strong> <span className="card-meta workspace-path">{folder.path}</span>
                    </span>
                    <Button
                      className="btn-small"
                      aria-label={t('workspace.openNamed', { name: folder.name })}
                      disabled={switcher.busy}
                      onClick={() => void switcher.run({ kind: 'recent', path: folder.path }).then((info) => info && onOpenChange(false))}
                    >
                      {t('workspace.open')}
                    </Button>
                  </li>
                ))}
            </ul>
          ) : null}
          <div className="button-row">
            <Button disabled={switcher.busy} onClick={() => void switcher.run({ kind: 'folder' }).then((info) => info && onOpenChange(false))}>
              {t('workspace.chooseFolder')}
            </Button>
            <Button disabled={switcher.busy} onClick={() => void switcher.run({ kind: 'default' }).then((info) => info && onOpenChange(false))}>
              {t('workspace.useDefault')}
            </Button>
            <Button disabled={switcher.busy} onClick={() => void switcher.run({ kind: 'sample' }).then((info) => info && onOpenChange(false))}>
              {t('workspace.openSample')}
            </Button>
            <Button
              onClick={() => {
                onOpenChange(false);
                void navigate('/recovery');
              }}
            >
              {t('workspace.recovery')}
            </Button>
          </div>
          {switcher.error ? <ErrorMessage error={switcher.error} /> : null}
        </section>
        <section className="preferences-tour">
          <Button
            onClick={() => {
              onOpenChange(false);
              onShowTour();
            }}
          >
            {t('tour.showAgain')}
          </Button>
        </section>
      </div>
      <DialogCloseFooter onClose={() => onOpenChange(false)} />
    </Dialog>
  );
};
