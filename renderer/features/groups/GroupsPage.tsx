import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAppCommand } from '../../app/commands';
import { lazyScreen } from '../../app/lazy-screen';
import { WorkspaceChoices } from '../app/WorkspaceChoices';
import { usePreferences } from '../app/preferences';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { EmptyState, ErrorMessage, Page } from '../../ui/Page';
import { SharingPanel } from '../sharing/SharingPanel';
import { useCreateGroup, useGroups } from './queries';

// Loaded when first opened (and fetched again after a failure): the form's validation brings the schemas, which the list does not need.
const GroupForm = lazyScreen(() => import('./GroupForm'), 'GroupForm');
const ImportDesignDialog = lazyScreen(() => import('./ImportDesignDialog'), 'ImportDesignDialog');

/** The start screen: every group in the workspace, or a welcome when there is none. */
export const GroupsPage = () => {
  const { t } = useTranslation('groups');
  const groups = useGroups();
  const create = useCreateGroup();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const preferences = usePreferences();
  const [search, setSearch] = useSearchParams();
  useAppCommand('new-group', () => setCreating(true));
  // File ▸ New group from another screen lands here with ?new=group.
  useEffect(() => {
    if (search.get('new') !== 'group') return;
    setCreating(true);
    setSearch({}, { replace: true });
  }, [search, setSearch]);
  const firstRun = preferences.data?.welcomed === false;

  const newGroupButton = (
    <Button variant="primary" onClick={() => setCreating(true)} data-tour="new-group">
      {t('newGroup')}
    </Button>
  );
  const importButton = <Button onClick={() => setImporting(true)}>{t('importDesign.open')}</Button>;

  return (
    <Page
      title={t('title')}
      actions={
        groups.data?.length ? (
          <>
            {importButton}
            {newGroupButton}
          </>
        ) : undefined
      }
    >
      {groups.error ? <ErrorMessage error={groups.error} /> : null}
      {groups.data && groups.data.length === 0 ? (
        <EmptyState title={t('welcome.title')}>
          <p>{t('welcome.body')}</p>
          <ol className="cycle-steps" aria-label={t('welcome.cycle')}>
            {(['plan', 'teach', 'observe', 'analyze', 'revise'] as const).map((phase) => (
              <li key={phase}>{t(`welcome.phases.${phase}`)}</li>
            ))}
          </ol>
          <div className="form-actions start">
            {newGroupButton}
            {importButton}
          </div>
          {firstRun ? <WorkspaceChoices /> : null}
        </EmptyState>
      ) : null}
      {groups.data && groups.data.length > 0 ? (
        <ul className="card-list" aria-label={t('listLabel')}>
          {groups.data.map((group) => (
            <li key={group.id} className="card">
              <h2>
                <Link to={`/groups/${group.id}`}>{group.name}</Link>
              </h2>
              <p className="card-meta">
                {[group.subject, group.gradeBand, group.schools.join(', ')].filter(Boolean).join(' · ')}
              </p>
              <p className="card-meta">{t('memberCount', { count: group.memberCount })}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {groups.data ? <SharingPanel /> : null}
      {importing && groups.data ? (
        <Suspense fallback={null}>
          <ImportDesignDialog open onOpenChange={setImporting} groups={groups.data} />
        </Suspense>
      ) : null}
      <Dialog open={creating} onOpenChange={setCreating} title={t('newGroup')} wide>
        <Suspense fallback={<p>{t('common:loading')}</p>}>
          <GroupForm
            submitLabel={t('create')}
            onCancel={() => setCreating(false)}
            onSubmit={async (fields) => {
              const group = await create.mutateAsync(fields);
              setCreating(false);
              void navigate(`/groups/${group.id}`);
            }}
          />
        </Suspense>
      </Dialog>
    </Page>
  );
};
