import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Group } from '../../../shared/domain/group';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { EmptyState, ErrorMessage } from '../../ui/Page';
import { useCreateDesign, useDesigns, useImportDesign } from './queries';
import { formatDate } from '../../ui/format';

/** The group's lesson designs: open one, start a new one, or import one a colleague shared. */
export const GroupDesignsTab = ({ group }: { group: Group }) => {
  const { t } = useTranslation('plan');
  const designs = useDesigns(group.id);
  const create = useCreateDesign();
  const importDesign = useImportDesign(group.id);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string>();

  const submit = async () => {
    if (!title.trim()) {
      setTitleError(t('errors.titleRequired'));
      return;
    }
    const design = await create.mutateAsync({ groupId: group.id, title: title.trim() });
    setCreating(false);
    setTitle('');
    void navigate(`/designs/${design.id}`);
  };

  const actions = (
    <div className="page-actions">
      <Button variant="primary" onClick={() => setCreating(true)}>
        {t('newDesign')}
      </Button>
      <Button
        onClick={async () => {
          const design = await importDesign.mutateAsync();
          if (design) void navigate(`/designs/${design.id}`);
        }}
      >
        {t('importDesign')}
      </Button>
    </div>
  );

  return (
    <div className="plan-designs">
      {designs.error ? <ErrorMessage error={designs.error} /> : null}
      {importDesign.error ? <ErrorMessage error={importDesign.error} /> : null}
      {designs.data && designs.data.length === 0 ? (
        <EmptyState title={t('emptyTitle')}>
          <p>{t('emptyBody')}</p>
          {actions}
        </EmptyState>
      ) : null}
      {designs.data && designs.data.length > 0 ? (
        <>
          <div className="plan-list-header">
            <h2>{t('designsHeading')}</h2>
            {actions}
          </div>
          <ul className="card-list" aria-label={t('designsHeading')}>
            {designs.data.map((design) => (
              <li key={design.id} className="card">
                <h3 className="plan-card-title">
                  <Link to={`/designs/${design.id}`}>{design.title || t('untitled')}</Link>
                </h3>
                <p className="card-meta">{[design.subject, design.grade].filter(Boolean).join(' · ')}</p>
                <p className="card-meta">
                  {design.latestVersionNumber ? t('latestVersion', { number: design.latestVersionNumber }) : t('noVersionYet')}
                  {design.hasDraft ? <span className="badge plan-badge">{t('draftBadge')}</span> : null}
                  {design.taught ? <span className="badge plan-badge">{t('taughtBadge')}</span> : null}
                </p>
                <p className="card-meta">{t('updated', { date: formatDate(design.updatedAt) })}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Dialog open={creating} onOpenChange={setCreating} title={t('newDesign')}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <TextField
            label={t('fields.title')}
            value={title}
            error={titleError}
            hint={t('newDesignHint')}
            onChange={(event) => {
              setTitle(event.target.value);
              setTitleError(undefined);
            }}
            autoFocus
          />
          {create.error ? <ErrorMessage error={create.error} /> : null}
          <div className="form-actions">
            <Button onClick={() => setCreating(false)}>{t('common:cancel')}</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {t('create')}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
};
