import { useTranslation } from 'react-i18next';
import type { FlowStep } from '../../../shared/domain/design';
import { stepRanges } from './packet';

const Items = ({ items }: { items: FlowStep['anticipatedResponses'] }) =>
  items.length ? (
    <ul className="print-items">
      {items.map((item) => (
        <li key={item.id}>{item.text}</li>
      ))}
    </ul>
  ) : null;

/**
 * The lesson flow table on paper. The header row repeats on every page and a row stays
 * on one page where it fits (print.css). `forObserver` leaves out teacher support: an
 * observer's packet is about what students do.
 */
export const FlowTable = ({ steps, forObserver = false }: { steps: readonly FlowStep[]; forObserver?: boolean }) => {
  const { t } = useTranslation('print');
  if (!steps.length) return <p className="print-muted">{t('flow.none')}</p>;
  const ranges = stepRanges(steps);
  return (
    <table className={forObserver ? 'print-flow print-flow-observer' : 'print-flow'}>
      <thead>
        <tr>
          <th scope="col" className="print-flow-time">
            {t('flow.time')}
          </th>
          <th scope="col">{t('flow.step')}</th>
          <th scope="col">{t('flow.anticipated')}</th>
          {forObserver ? null : <th scope="col">{t('flow.support')}</th>}
          <th scope="col">{t('flow.notice')}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step, index) => (
          <tr key={step.id}>
            <td className="print-flow-time">{t('flow.range', { from: ranges[index][0], to: ranges[index][1] })}</td>
            <td>
              <strong className="print-step-title">
                {index + 1}. {step.title}
              </strong>
              {step.activities ? <p className="print-text">{step.activities}</p> : null}
            </td>
            <td>
              <Items items={step.anticipatedResponses} />
            </td>
            {forObserver ? null : (
              <td>
                <p className="print-text">{step.teacherSupport}</p>
              </td>
            )}
            <td>
              <Items items={step.pointsToNotice} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
