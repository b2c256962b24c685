import type { FlowStep } from '../domain/design';
import type { Observation } from '../domain/observation';
import { filterObservations } from './filters';

export interface PointCoverage {
  pointId: string;
  text: string;
  /** Live notes linked to this point to notice, in lesson-clock order. */
  observationIds: string[];
  /** False means "no evidence collected". */
  covered: boolean;
}

export interface StepCoverage {
  stepId: string;
  title: string;
  points: PointCoverage[];
}

export interface Coverage {
  steps: StepCoverage[];
  pointCount: number;
  coveredCount: number;
}

/**
 * For each step's points to notice, the notes that observers linked to it
 * (`Observation.pointToNoticeIds`). Deleted notes do not count as evidence.
 */
export const pointsToNoticeCoverage = (input: {
  steps: readonly Pick<FlowStep, 'id' | 'title' | 'pointsToNotice'>[];
  observations: readonly Observation[];
}): Coverage => {
  const notes = filterObservations(input.observations);
  const steps = input.steps.map((step) => ({
    stepId: step.id,
    title: step.title,
    points: step.pointsToNotice.map((point) => {
      const ids = notes.filter((n) => n.pointToNoticeIds.includes(point.id)).map((n) => n.id);
      return { pointId: point.id, text: point.text, observationIds: ids, covered: ids.length > 0 };
    }),
  }));
  const all = steps.flatMap((s) => s.points);
  return { steps, pointCount: all.length, coveredCount: all.filter((p) => p.covered).length };
};
