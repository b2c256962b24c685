import { useTranslation } from 'react-i18next';
import { Navigate, useParams, useSearchParams } from 'react-router';
import type { Design, DesignContent, DesignVersion } from '../../../shared/domain/design';
import { ErrorMessage } from '../../ui/Page';
import { useCycle } from '../cycle/queries';
import { useGroup } from '../groups/queries';
import { useDesign } from '../plan/queries';
import { LessonPlanSheet } from './LessonPlanSheet';
import { ObserverPacket } from './ObserverPacket';
import { packetObservers } from './packet';
import { designPrintPath } from './print-target';
import { PrintFrame } from './PrintFrame';
import { SeatingSheet } from './SeatingSheet';

const docs = ['plan', 'packet', 'seating'] as const;
type Doc = (typeof docs)[number];

const ALL = 'all';

/**
 * The content a print view shows: `?version=draft`, a version's id, or by default what
 * the design screen shows first (the draft, else the newest version). Null: no such one.
 */
export const printedContent = (design: Design, requested: string | null): { content: DesignContent; version?: DesignVersion } | null => {
  if (requested && requested !== 'draft') {
    const version = design.versions.find((v) => v.id === requested);
    return version ? { content: version.content, version } : null;
  }
  if (design.draft) return { content: design.draft.content };
  if (requested === 'draft') return null;
  const latest = design.versions.at(-1);
  return latest ? { content: latest.content, version: latest } : null;
};

/** A design's lesson plan, observer packet or (its group's) seating chart, ready to print. */
export const DesignPrintPage = () => {
  const { designId = '' } = useParams();
  const { t } = useTranslation('print');
  const design = useDesign(designId);
  if (design.error) return <ErrorMessage error={design.error} />;
  if (!design.data) return <p>{t('common:loading')}</p>;
  return <DesignPrint design={design.data} />;
};

const DesignPrint = ({ design }: { design: Design }) => {
  const { t } = useTranslation('print');
  const [search, setSearch] = useSearchParams();
  const group = useGroup(design.groupId);
  const doc: Doc = docs.find((d) => d === search.get('doc')) ?? 'plan';
  const setParam = (name: string, value: string) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(name, value);
        return next;
      },
      { replace: true },
    );

  if (group.error) return <ErrorMessage error={group.error} />;
  const shownContent = printedContent(design, search.get('version'));
  if (!shownContent) return <ErrorMessage error={t('noVersion')} />;
  const { content, version } = shownContent;
  const versionLabel = version ? t('version', { number: version.number }) : t('draft');
  const observers = group.data ? packetObservers(content, group.data) : [];
  const chosen = search.get('observer') ?? ALL;
  const shown = chosen === ALL ? observers : observers.filter((m) => m.id === chosen);

  return (
    <PrintFrame
      ready={Boolean(group.data)}
      back={`/designs/${encodeURIComponent(design.id)}${version ? `?version=${encodeURIComponent(version.id)}` : ''}`}
      options={
        <>
          <label className="print-option">
            <span>{t('document')}</span>
            <select value={doc} onChange={(event) => setParam('doc', event.target.value)}>
              {docs.map((d) => (
                <option key={d} value={d}>
                  {t(`docs.${d}`)}
                </option>
              ))}
            </select>
          </label>
          {doc === 'packet' && observers.length ? (
            <label className="print-option">
              <span>{t('observer')}</span>
              <select value={chosen} onChange={(event) => setParam('observer', event.target.value)}>
                <option value={ALL}>{t('allObservers')}</option>
                {observers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </>
      }
    >
      {!group.data ? (
        <p>{t('common:loading')}</p>
      ) : doc === 'plan' ? (
        <LessonPlanSheet content={content} group={group.data} versionLabel={versionLabel} />
      ) : doc === 'seating' ? (
        <SeatingSheet group={group.data} />
      ) : shown.length ? (
        shown.map((observer) => <ObserverPacket key={observer.id} content={content} group={group.data!} observer={observer} />)
      ) : (
        <ObserverPacket content={content} group={group.data} observer={null} />
      )}
    </PrintFrame>
  );
};

/** The observer packet of the version a cycle teaches (the Print command on the observe screen). */
export const CyclePrintPage = () => {
  const { cycleId = '' } = useParams();
  const { t } = useTranslation('print');
  const [search] = useSearchParams();
  const cycle = useCycle(cycleId);
  if (cycle.error) return <ErrorMessage error={cycle.error} />;
  if (!cycle.data) return <p>{t('common:loading')}</p>;
  if (!cycle.data.designId) return <ErrorMessage error={t('noDesign')} />;
  const path = designPrintPath(cycle.data.designId, { doc: 'packet', version: cycle.data.versionId ?? null, auto: search.get('auto') === '1' });
  return <Navigate replace to={path} />;
};

/** The group's seating chart alone. */
export const SeatingPrintPage = () => {
  const { groupId = '' } = useParams();
  const group = useGroup(groupId);
  if (group.error) return <ErrorMessage error={group.error} />;
  return (
    <PrintFrame ready={Boolean(group.data)} back={`/groups/${encodeURIComponent(groupId)}/seating`}>
      {group.data ? <SeatingSheet group={group.data} /> : null}
    </PrintFrame>
  );
};
