import type { FlowStep, ListItem, ObservationAssignment } from '../domain/design';
import type { FocusStudent } from '../domain/group';
import type { Observation } from '../domain/observation';
import { isAboutStudent, studentIdsOf } from '../observe/target-students';
import { filterObservations } from './filters';

export interface StudentStepRow {
  stepId: string;
  title: string;
  /** What the plan anticipated students would do in this step. */
  anticipated: ListItem[];
  /** Per anticipated response, the notes about this student that observers linked to it. */
  seen: Record<string, string[]>;
  /** Notes about this student during this step. */
  observationIds: string[];
}

export interface StudentSheet {
  studentId: string;
  pseudonym: string;
  concerns: string;
  /** What the observation plan asked observers to look for with this student. */
  lookFors: Array<{ assignmentId: string; observerId?: string; text: string }>;
  steps: StudentStepRow[];
  /** Notes about this student outside any step of the plan. */
  unplacedObservationIds: string[];
  noteCount: number;
}

/**
 * The "predicted vs actual" sheet for case pupils (抽出児): for each focus student and
 * each step, the anticipated responses and look-fors beside the notes about that
 * student. Students are those the observation plan names, then every other active focus
 * student — with or without notes, since "no evidence about a student of concern" is
 * itself worth seeing; retired students appear only when the plan or a note names them.
 */
export const predictedVsActual = (input: {
  steps: readonly Pick<FlowStep, 'id' | 'title' | 'anticipatedResponses'>[];
  observationPlan: readonly ObservationAssignment[];
  focusStudents: readonly FocusStudent[];
  observations: readonly Observation[];
}): StudentSheet[] => {
  const notes = filterObservations(input.observations);
  const stepIds = new Set(input.steps.map((s) => s.id));
  const noted = new Set(notes.flatMap((n) => studentIdsOf(n.target)));
  const planned = input.observationPlan.flatMap((a) => (a.studentId ? [a.studentId] : []));
  const order = [...new Set([...planned, ...input.focusStudents.filter((s) => !s.retired || noted.has(s.id)).map((s) => s.id)])];

  return order.flatMap((studentId) => {
    const student = input.focusStudents.find((s) => s.id === studentId);
    if (!student) return [];
    // A note about Mia and Ken is evidence about each of them.
    const about = notes.filter((n) => isAboutStudent(n.target, studentId));
    return [
      {
        studentId,
        pseudonym: student.pseudonym,
        concerns: student.concerns,
        lookFors: input.observationPlan
          .filter((a) => a.studentId === studentId)
          .map((a) => ({ assignmentId: a.id, observerId: a.observerId, text: a.lookFor })),
        steps: input.steps.map((step) => ({
          stepId: step.id,
          title: step.title,
          anticipated: [...step.anticipatedResponses],
          seen: Object.fromEntries(
            step.anticipatedResponses.map((r) => [r.id, about.filter((n) => (n.anticipatedResponseIds ?? []).includes(r.id)).map((n) => n.id)]),
          ),
          observationIds: about.filter((n) => n.stepId === step.id).map((n) => n.id),
        })),
        unplacedObservationIds: about.filter((n) => !n.stepId || !stepIds.has(n.stepId)).map((n) => n.id),
        noteCount: about.length,
      },
    ];
  });
};
