import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvidenceRef } from '../../../shared/domain/design';
import { useResolvedEvidence } from './queries';

/** Where a cited finding or observation is shown (routes of the analysis feature). */
export const evidenceHref = (ref: EvidenceRef): string =>
  ref.kind === 'finding' ? `/cycles/${ref.cycleId}/findings/${ref.id}` : `/cycles/${ref.cycleId}/evidence?observation=${ref.id}`;

/**
 * The evidence a change note cites, as links. The analysis feature resolves what each
 * says now; without it (or for a deleted item) a plain "Finding · 3f2a…" label remains.
 */
export const EvidenceLinks = ({ evidence }: { evidence: EvidenceRef[] }) => {
  const { t } = useTranslation('plan');
  const resolved = useResolvedEvidence(evidence);
  if (!evidence.length) return null;
  return (
    <ul className="plan-evidence" aria-label={t('notes.evidence')}>
      {evidence.map((ref) => {
        const found = resolved.data?.find((r) => r.id === ref.id && r.kind === ref.kind);
        const kind = ref.kind === 'finding' ? t('notes.finding') : t('notes.observation');
        const text = found?.status === 'present' && found.text ? found.text : `${ref.id.slice(0, 8)}…`;
        const deleted = found?.status === 'deleted';
        return (
          <li key={`${ref.kind}-${ref.id}`}>
            <Link to={evidenceHref(ref)}>
              <span className="plan-evidence-kind">{kind}</span> {text}
            </Link>
            {deleted ? <span className="badge">{t('notes.deleted')}</span> : null}
          </li>
        );
      })}
    </ul>
  );
};
