import { useTranslation } from 'react-i18next';
import type { Cycle, Phase } from '../../../shared/domain/cycle';
import type { Group } from '../../../shared/domain/group';
import { Checklist } from './Checklist';
import { ReflectionPanel, StudentResponsesPanel } from './ClosingPanel';
import { AnalyzePanel, ObservePanel, TeachingPanel } from './LessonPanels';
import { TransitionPanel } from './TransitionPanel';
import { ChooseVersionPanel, RevisePanel } from './VersionPanels';

/** Guidance from lesson study practice for one phase (texts in the `cycle` catalogue). */
export const Guidance = ({ phase }: { phase: Phase }) => {
  const { t } = useTranslation('cycle');
  const points = t(`guidance.${phase}`, { returnObjects: true }) as unknown;
  return (
    <aside className="cycle-card guidance" aria-labelledby={`guidance-${phase}`}>
      <h3 id={`guidance-${phase}`}>{t('guidanceTitle')}</h3>
      <ul>{Array.isArray(points) ? points.map((point: string, i) => <li key={i}>{point}</li>) : null}</ul>
    </aside>
  );
};

const PhasePanel = ({ cycle, group, phase }: { cycle: Cycle; group: Group; phase: Phase }) => {
  switch (phase) {
    case 'plan':
      return <ChooseVersionPanel cycle={cycle} />;
    case 'teach':
      return <TeachingPanel cycle={cycle} group={group} />;
    case 'observe':
      return <ObservePanel cycle={cycle} />;
    case 'analyze':
      return <AnalyzePanel cycle={cycle} />;
    case 'revise':
      return <RevisePanel cycle={cycle} />;
    case 'closed':
      return (
        <>
          <ReflectionPanel cycle={cycle} />
          <StudentResponsesPanel cycle={cycle} group={group} />
        </>
      );
  }
};

/** One phase of a cycle: what to do, the checklist, the phase's own work and the move. */
export const PhaseView = ({ cycle, group, phase, actor }: { cycle: Cycle; group: Group; phase: Phase; actor: string }) => {
  const { t } = useTranslation('cycle');
  const isCurrent = phase === cycle.phase;
  return (
    <div className="phase-view">
      <h2>{t(`phases.${phase}`)}</h2>
      {!isCurrent ? (
        <p className="note" role="note">
          {t('viewingOther', { phase: t(`phases.${phase}`), current: t(`phases.${cycle.phase}`) })}
        </p>
      ) : null}
      <div className="phase-columns">
        <div className="phase-main">
          {isCurrent ? <TransitionPanel cycle={cycle} actor={actor} /> : null}
          <PhasePanel cycle={cycle} group={group} phase={phase} />
          <Checklist cycle={cycle} phase={phase} actor={actor} />
        </div>
        <Guidance phase={phase} />
      </div>
    </div>
  );
};
