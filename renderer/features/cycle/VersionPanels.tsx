import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Cycle } from '../../../shared/domain/cycle';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { SelectField, TextArea } from '../../ui/Field';
import { useChooseVersion, useSetCloseWithoutRevision, useSetRevisedVersion, useTeachableVersions } from './queries';

/** Plan phase: choose the design version to teach. Choosing marks it taught (frozen). */
export const ChooseVersionPanel = ({ cycle }: { cycle: Cycle }) => {
  const { t } = useTranslation('cycle');
  const designs = useTeachableVersions(cycle.groupId);
  const choose = useChooseVersion();
  const current = cycle.designId && cycle.versionId ? `${cycle.designId}:${cycle.versionId}` : '';
  const [selected, setSelected] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const chosenDesign = designs.data?.find((d) => d.designId === cycle.designId);
  const chosenVersion = chosenDesign?.versions.find((v) => v.id === cycle.versionId);
  const editable = cycle.phase === 'plan';

  return (
    <section className="cycle-card" aria-labelledby="version-title">
      <h3 id="version-title">{t('version.title')}</h3>
      <p className="chosen-version">
        {chosenDesign && chosenVersion ? (
          <strong>{t('version.chosen', { title: chosenVersion.title, number: chosenVersion.number })}</strong>
        ) : (
          t('version.notChosen')
        )}
        {cycle.designId ? (
          <>
            {' '}
            <Link to={`/designs/${cycle.designId}`}>{t('version.openDesign')}</Link>
          </>
        ) : null}
      </p>
      {!editable ? (
        <p className="muted">{t('version.onlyInPlan')}</p>
      ) : designs.data && designs.data.length === 0 ? (
        <p>
          {t('version.none')} <Link to={`/groups/${cycle.groupId}/designs`}>{t('version.openDesigns')}</Link>
        </p>
      ) : designs.data ? (
        <form
          className="inline-form"
          onSubmit={async (event) => {
            event.preventDefault();
            const [designId, versionId] = selected.split(':');
            if (!designId || !versionId) return;
            setError(null);
            try {
              await choose.mutateAsync({ cycleId: cycle.id, designId, versionId });
            } catch (failure) {
              setError(errorMessage(failure));
            }
          }}
        >
          <SelectField label={t('version.select')} value={selected} onChange={(e) => setSelected(e.target.value)} hint={t('version.freezeNote')}>
            <option value="">—</option>
            {designs.data.map((design) => (
              <optgroup key={design.designId} label={design.title}>
                {design.versions.map((v) => (
                  <option key={v.id} value={`${design.designId}:${v.id}`}>
                    {t('version.option', { title: v.title, number: v.number })}
                    {v.summary ? ` — ${v.summary}` : ''}
                    {v.taught ? ` ${t('version.taught')}` : ''}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <Button type="submit" variant="primary" disabled={!selected || selected === current || choose.isPending}>
            {t('version.choose')}
          </Button>
        </form>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
};

/** Revise phase: the revised version (newer than the taught one), or a reason to close without. */
export const RevisePanel = ({ cycle }: { cycle: Cycle }) => {
  const { t } = useTranslation('cycle');
  const designs = useTeachableVersions(cycle.groupId);
  const setRevised = useSetRevisedVersion();
  const setWithout = useSetCloseWithoutRevision();
  const [revised, setRevisedChoice] = useState(cycle.revisedVersionId ?? '');
  const [reason, setReason] = useState(cycle.closeWithoutRevisionReason);
  const [error, setError] = useState<string | null>(null);
  const design = designs.data?.find((d) => d.designId === cycle.designId);
  const taught = design?.versions.find((v) => v.id === cycle.versionId);
  const newer = design?.versions.filter((v) => !taught || v.number > taught.number) ?? [];
  const editable = cycle.phase === 'revise';
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section className="cycle-card" aria-labelledby="revise-title">
      <h3 id="revise-title">{t('revise.title')}</h3>
      {cycle.designId ? (
        <p>
          <Link to={`/designs/${cycle.designId}`}>{t('version.openDesign')}</Link>
        </p>
      ) : null}
      {design && newer.length === 0 ? <p>{t('revise.noNewer')}</p> : null}
      {design && newer.length > 0 ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => setRevised.mutateAsync({ cycleId: cycle.id, versionId: revised || null }));
          }}
        >
          <SelectField label={t('revise.revised')} value={revised} onChange={(e) => setRevisedChoice(e.target.value)} disabled={!editable}>
            <option value="">{t('revise.revisedNone')}</option>
            {newer.map((v) => (
              <option key={v.id} value={v.id}>
                {t('version.option', { title: v.title, number: v.number })}
                {v.summary ? ` — ${v.summary}` : ''}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="primary" disabled={!editable || revised === (cycle.revisedVersionId ?? '')}>
            {t('revise.save')}
          </Button>
        </form>
      ) : null}
      {cycle.designId && cycle.versionId && cycle.revisedVersionId ? (
        <p>
          <Link to={`/designs/${cycle.designId}/compare?from=${cycle.versionId}&to=${cycle.revisedVersionId}`}>
            {t('revise.compare')}
          </Link>
        </p>
      ) : null}
      <h4>{t('revise.withoutTitle')}</h4>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => setWithout.mutateAsync({ cycleId: cycle.id, reason }));
        }}
      >
        <TextArea label={t('revise.withoutReason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} disabled={!editable} />
        <div className="button-row">
          <Button type="submit" disabled={!editable || reason === cycle.closeWithoutRevisionReason}>
            {t('revise.withoutSave')}
          </Button>
        </div>
      </form>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
};
