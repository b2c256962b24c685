import { useTranslation } from 'react-i18next';
import type { Cycle } from '../../../shared/domain/cycle';
import type { Group } from '../../../shared/domain/group';
import { phaseIndex } from '../../../shared/workflow/phases';
import { cycleTimeline, type TimelineEvent } from '../../../shared/workflow/timeline';
import { formatDate, formatDateTime } from '../../ui/format';

/** Meetings, the teaching date, the discussion and every phase change, in time order. */
export const Timeline = ({ cycle, group }: { cycle: Cycle; group: Group }) => {
  const { t } = useTranslation('cycle');
  const memberName = (id: string) => group.members.find((m) => m.id === id)?.name ?? id;
  const phase = (p: string) => t(`phases.${p}`);

  const describe = (event: TimelineEvent) => {
    switch (event.kind) {
      case 'created':
        return { when: formatDateTime(event.at), what: t('timeline.created'), detail: [] };
      case 'meeting':
        return { when: formatDate(event.date), what: t('timeline.meeting'), detail: event.agenda ? [event.agenda] : [] };
      case 'teaching':
        return { when: formatDate(event.date), what: t('timeline.teaching', { className: event.className || '—' }), detail: [] };
      case 'discussion':
        return { when: formatDate(event.date), what: t('timeline.discussion'), detail: [] };
      case 'transition': {
        const back = phaseIndex(event.to) < phaseIndex(event.from);
        const detail = [];
        if (event.by) detail.push(t('timeline.by', { name: memberName(event.by) }));
        if (event.reason) detail.push(t('timeline.reason', { reason: event.reason }));
        return {
          when: formatDateTime(event.at),
          what: t(back ? 'timeline.back' : 'timeline.forward', { from: phase(event.from), to: phase(event.to) }),
          detail,
        };
      }
    }
  };

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <ol className="cycle-timeline">
        {cycleTimeline(cycle).map((event, i) => {
          const { when, what, detail } = describe(event);
          return (
            <li key={i} className={`cycle-timeline-event cycle-timeline-${event.kind}`}>
              <span className="cycle-timeline-when">{when}</span>
              <span className="cycle-timeline-what">{what}</span>
              {detail.map((line, j) => (
                <span key={j} className="cycle-timeline-detail">
                  {line}
                </span>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
};
