import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Design } from '../../../shared/domain/design';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/format';

/**
 * Every saved version, newest first: number, date, authors, summary and the cycles that
 * taught it, with View / Revise per version and a picker to compare any two.
 */
export const VersionHistory = ({
  design,
  viewing,
  onView,
  onRevise,
}: {
  design: Design;
  viewing: string;
  onView: (ref: string) => void;
  onRevise: (versionId: string) => void;
}) => {
  const { t } = useTranslation('plan');
  const navigate = useNavigate();
  const versions = [...design.versions].sort((a, b) => b.number - a.number);
  const [from, setFrom] = useState(versions[1]?.id ?? versions[0]?.id ?? '');
  const [to, setTo] = useState(design.draft ? 'draft' : (versions[0]?.id ?? ''));
  const options = [
    ...(design.draft ? [{ value: 'draft', label: t('history.draft') }] : []),
    ...versions.map((v) => ({ value: v.id, label: t('history.versionName', { number: v.number }) })),
  ];

  return (
    <section className="plan-section plan-history" aria-labelledby="plan-history">
      <h2 id="plan-history">{t('history.heading')}</h2>
      {versions.length === 0 ? <p className="plan-muted">{t('history.none')}</p> : null}
      {versions.length > 0 ? (
        <table className="plan-history-table">
          <thead>
            <tr>
              <th scope="col">{t('history.number')}</th>
              <th scope="col">{t('history.date')}</th>
              <th scope="col">{t('history.authors')}</th>
              <th scope="col">{t('history.summary')}</th>
              <th scope="col">{t('history.taughtIn')}</th>
              <th scope="col"><span className="visually-hidden">{t('history.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.id} aria-current={viewing === version.id ? 'true' : undefined}>
                <th scope="row">{t('history.versionName', { number: version.number })}</th>
                <td>{formatDateTime(version.createdAt)}</td>
                <td>{version.authors.join(', ')}</td>
                <td>{version.summary}</td>
                <td>
                  {version.taughtInCycleIds.length ? (
                    version.taughtInCycleIds.map((cycleId, i) => (
                      <Link key={cycleId} to={`/cycles/${cycleId}`} className="plan-taught-link">
                        {t('history.cycleLink', { number: i + 1 })}
                      </Link>
                    ))
                  ) : (
                    <span className="plan-muted">—</span>
                  )}
                </td>
                <td className="plan-history-actions">
                  <Button className="btn-small" onClick={() => onView(version.id)} aria-label={t('history.viewVersion', { number: version.number })} disabled={viewing === version.id}>
                    {t('history.view')}
                  </Button>
                  <Button className="btn-small" onClick={() => onRevise(version.id)} aria-label={t('history.reviseVersion', { number: version.number })}>
                    {t('history.revise')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {options.length >= 2 ? (
        <form
          className="plan-compare-picker"
          onSubmit={(event) => {
            event.preventDefault();
            void navigate(`/designs/${design.id}/compare?from=${from}&to=${to}`);
          }}
        >
          <div className="field">
            <label htmlFor="compare-from">{t('compare.from')}</label>
            <select id="compare-from" value={from} onChange={(event) => setFrom(event.target.value)}>
              {options.map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="compare-to">{t('compare.to')}</label>
            <select id="compare-to" value={to} onChange={(event) => setTo(event.target.value)}>
              {options.map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="primary" disabled={from === to}>
            {t('compare.open')}
          </Button>
        </form>
      ) : null}
    </section>
  );
};
