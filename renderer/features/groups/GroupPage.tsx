import * as Tabs from '@radix-ui/react-tabs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { researchThemePath } from '../theme/paths';
import { Button } from '../../ui/Button';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import { ErrorMessage, Page } from '../../ui/Page';
import { groupTabs } from './group-tabs';
import { GroupForm } from './GroupForm';
import { GroupChanges } from '../sharing/SharingPanel';
import { useDeleteGroup, useGroup, useUpdateGroup } from './queries';

/** One group: its overview and the tabs each feature contributes. */
export const GroupPage = () => {
  const { groupId = '', tab = 'overview' } = useParams();
  const { t } = useTranslation('groups');
  const navigate = useNavigate();
  const group = useGroup(groupId);
  const update = useUpdateGroup(groupId);
  const remove = useDeleteGroup();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);

  if (group.error) return <ErrorMessage error={group.error} />;
  if (!group.data) return <p>{t('common:loading')}</p>;
  const data = group.data;

  return (
    <Page
      title={data.name}
      subtitle={[data.subject, data.gradeBand].filter(Boolean).join(' · ')}
      actions={
        <>
          <Link className="btn" to={researchThemePath(groupId)}>
            {t('theme:openFromGroup')}
          </Link>
          <Button onClick={() => setEditing(true)}>{t('editGroup')}</Button>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t('deleteGroup')}
          </Button>
        </>
      }
    >
      <GroupChanges groupId={groupId} />
      <Tabs.Root value={tab} onValueChange={(next) => void navigate(`/groups/${groupId}/${next}`)} className="tabs">
        <Tabs.List className="tab-list" aria-label={t('sections')}>
          {groupTabs.map((entry) => (
            <Tabs.Trigger key={entry.id} value={entry.id} className="tab">
              {t(entry.labelKey)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {groupTabs.map((entry) => (
          <Tabs.Content key={entry.id} value={entry.id} className="tab-panel">
            <entry.Component group={data} />
          </Tabs.Content>
        ))}
      </Tabs.Root>
      <Dialog open={editing} onOpenChange={setEditing} title={t('editGroup')} wide>
        <GroupForm
          initial={data}
          submitLabel={t('common:save')}
          onCancel={() => setEditing(false)}
          onSubmit={async (fields) => {
            await update.mutateAsync(fields);
            setEditing(false);
          }}
        />
      </Dialog>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('confirmDelete.title', { name: data.name })}
        description={t('confirmDelete.body')}
        confirmLabel={t('deleteGroup')}
        onConfirm={async () => {
          await remove.mutateAsync(groupId);
          void navigate('/');
        }}
      />
    </Page>
  );
};
