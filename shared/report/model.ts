import { pointsToNoticeCoverage } from '../analysis/coverage';
import { filterObservations } from '../analysis/filters';
import { stepCodeHeatmap } from '../analysis/heatmap';
import { predictedVsActual } from '../analysis/predicted-vs-actual';
import { diffDesign, type DesignDiff } from '../diff';
import type { CycleAnalysis, SegmentKind } from '../domain/analysis';
import type { Cycle, Meeting, Phase, StudentResponse } from '../domain/cycle';
import type { DesignContent, DesignVersion, EvidenceRef } from '../domain/design';
import type { Group, MemberRole } from '../domain/group';
import type { ClassModeChange, Observation, ObservationTarget, PhotoRef } from '../domain/observation';
import { joinStudentNames, studentIdsOf } from '../observe/target-students';
import { formatClock } from '../observe/clock';
import { observerNameLookup } from '../observe/csv';
import { anonymizeDeep, collectStudents, createAnonymizer, keepAsWritten, studentMarker } from './anonymize';
import { teacherKept } from './anonymize-export';

/**
 * The cycle report as plain data: every name resolved, every aggregate counted, every
 * quote chosen. Pure, so it is unit-tested without Word; `electron/docx/report` only
 * lays it out. Anonymising happens here, on the finished model, so no field — a flow
 * step, a photo's file name, a seat nickname — can escape it; the revision's word diff is
 * made from the anonymised versions, so no part of a name is left struck through.
 */

export interface ReportWords {
  wholeClass: string;
  unknownStudent: string;
  unknownMember: string;
  noStep: string;
  uncoded: string;
  untitledStep: (index: number) => string;
  /** The word before the letter of an anonymised student: "Student", "児童". */
  studentPrefix: string;
  /** Joins the letters of a name several students share: "Student A or B". */
  studentOr: string;
}

export const englishReportWords: ReportWords = {
  wholeClass: 'Whole class',
  unknownStudent: 'Unknown student',
  unknownMember: 'Former member',
  noStep: 'Outside any step',
  uncoded: 'No code',
  untitledStep: (i) => `Step ${i + 1}`,
  studentPrefix: 'Student',
  studentOr: 'or',
};

export interface ReportOptions {
  anonymize: boolean;
  includeAppendix: boolean;
  includePhotos: boolean;
}

/** One note as the report quotes it. */
export interface ReportNote {
  id: string;
  clock: string;
  clockMs: number;
  step: string;
  observer: string;
  target: string;
  codes: string[];
  text: string;
  photoCount: number;
}

/** A cited piece of evidence as it stands now. */
export interface ReportEvidence {
  kind: EvidenceRef['kind'];
  status: 'present' | 'deleted';
  /** Statement of a finding or text of a note; empty when deleted. */
  text: string;
  /** "12:05 · Observer · Target" of a note. */
  source: string;
}

export interface ReportPhoto {
  hash: string;
  ext: PhotoRef['ext'];
  name: string;
  /** What the note says about it: step, clock, observer. */
  caption: string;
}

export interface ReportModel {
  anonymized: boolean;
  title: string;
  /** The document's author: the facilitator, else the group. */
  author: string;
  group: { name: string; schools: string[]; subject: string; gradeBand: string; researchTheme: string; norms: string[] };
  members: Array<{ name: string; role: MemberRole }>;
  cycle: {
    title: string;
    researchQuestion: string;
    phase: Phase;
    teachingDate: string;
    className: string;
    teacher: string;
    studentCount: number | null;
    discussionDate: string;
    startedOn: string;
    closedOn: string;
  };
  meetings: Array<Pick<Meeting, 'date' | 'agenda' | 'notes' | 'decisions' | 'followUps'> & { attendees: string[] }>;
  /** The version taught; null when the cycle has not chosen one. */
  lesson: { versionNumber: number; content: DesignContent } | null;
  observations: {
    noteCount: number;
    observers: Array<{ name: string; count: number }>;
    studentNoteCount: number;
    heatmap: { columns: string[]; rows: Array<{ label: string; counts: number[]; total: number }>; max: number };
    keyQuotes: Array<{ step: string; quotes: ReportNote[] }>;
    coverage: {
      pointCount: number;
      coveredCount: number;
      steps: Array<{ step: string; points: Array<{ text: string; count: number; example: string }> }>;
    };
    classModes: Array<{ clock: string; mode: ClassModeChange['mode'] }>;
    students: Array<{
      name: string;
      concerns: string;
      lookFors: string[];
      steps: Array<{ step: string; anticipated: string[]; notes: ReportNote[] }>;
      unplaced: ReportNote[];
      response: { responded: StudentResponse['responded']; note: string } | null;
    }>;
  };
  discussion: {
    /** A part's speakers in speaking order (members and guest observers, named). */
    segments: Array<{ kind: SegmentKind; title: string; speakers: string[]; plannedMinutes: number; notes: string }>;
    finalComments: string;
    finalCommentsBy: string;
  };
  findings: Array<{
    statement: string;
    step: string;
    impliesRevision: boolean;
    supporting: ReportNote[];
    contradicting: ReportNote[];
    /** Linked notes deleted since. */
    removed: number;
  }>;
  revision: {
    fromNumber: number;
    toNumber: number;
    versionSummary: string;
    diff: DesignDiff;
    /** Step titles by id, both versions. */
    stepTitles: Record<string, string>;
    changeNotes: Array<{ stepId?: string; step: string; summary: string; rationale: string; evidence: ReportEvidence[] }>;
  } | null;
  closeWithoutRevisionReason: string;
  reflection: {
    researchTheme: string;
    practices: Array<{ practice: string; now: string; next: string }>;
    studentsOfConcern: string;
    nextSteps: string;
  };
  appendix: ReportNote[] | null;
  photos: ReportPhoto[];
}

/** Everything the report is made from, loaded by the backend. */
export interface ReportSources {
  group: Group;
  cycle: Cycle;
  taught: DesignVersion | null;
  revised: DesignVersion | null;
  /** Every note of the cycle, tombstones included. */
  observations: readonly Observation[];
  classModes: readonly ClassModeChange[];
  analysis: CycleAnalysis | null;
  /** Notes and findings of other cycles that the revision's change notes cite. */
  otherCycles?: ReadonlyMap<string, { observations: readonly Observation[]; analysis: CycleAnalysis | null }>;
}

const QUOTE = /["“”「」『』]/;
const KEY_QUOTES_PER_STEP = 3;

const dateOf = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '');

export const buildReportModel = (
  sources: ReportSources,
  options: ReportOptions,
  words: ReportWords = englishReportWords,
): ReportModel => {
  const { group, cycle, taught, revised, analysis } = sources;
  const anonymizer = options.anonymize
    ? createAnonymizer(
        collectStudents({ focusStudents: group.focusStudents, seatingChart: group.seatingChart, observations: sources.observations }),
        { prefix: words.studentPrefix, or: words.studentOr },
      )
    : null;

  // Guest observers (a public lesson's visitors, named when their device was approved) are named like members.
  const nameOf = observerNameLookup(group.members, cycle.guestObservers, words.unknownMember);
  // Anonymised, a member's or guest's name is kept as written, even one that sounds like a student's.
  const person = (name: string): string => (anonymizer ? keepAsWritten(name) : name);
  const memberName = (id: string | undefined): string => (id ? person(nameOf(id)) : '');
  // Anonymised, a student is a marker the anonymiser labels where the model first names them.
  const studentName = (id: string): string =>
    anonymizer ? studentMarker(id) : (group.focusStudents.find((s) => s.id === id)?.pseudonym ?? words.unknownStudent);
  const targetLabel = (target: ObservationTarget): string =>
    target.kind === 'class'
      ? words.wholeClass
      : target.kind === 'group'
        ? target.label
        : joinStudentNames(studentIdsOf(target).map(studentName));
  const codeLabel = (id: string) => group.codebook.find((c) => c.id === id)?.label ?? '';

  const steps = taught?.content.steps ?? [];
  const stepTitle = (stepId: string | undefined): string => {
    const index = steps.findIndex((s) => s.id === stepId);
    return index < 0 ? words.noStep : steps[index].title.trim() || words.untitledStep(index);
  };
  const toNote = (o: Observation): ReportNote => ({
    id: o.id,
    clock: formatClock(o.clockMs),
    clockMs: o.clockMs,
    step: stepTitle(o.stepId),
    observer: memberName(o.observerId),
    target: targetLabel(o.target),
    codes: o.codeIds.map(codeLabel).filter(Boolean),
    text: o.text,
    photoCount: o.photos.length,
  });

  const live = filterObservations(sources.observations);
  const liveById = new Map(live.map((o) => [o.id, o]));
  const notesOf = (ids: readonly string[]) => ids.flatMap((id) => (liveById.has(id) ? [toNote(liveById.get(id)!)] : []));
  const findings = analysis?.findings ?? [];
  const citedByFinding = new Set(findings.flatMap((f) => f.supportingObservationIds));

  // Key quotes: per step, the notes most worth reading aloud — verbatim speech, notes a
  // finding cites, coded notes — shown in lesson-clock order.
  const keyQuotes = [...steps.map((s) => s.id), undefined].flatMap((stepId) => {
    const inStep = live.filter((o) => (stepId ? o.stepId === stepId : !steps.some((s) => s.id === o.stepId)));
    if (!inStep.length) return [];
    const score = (o: Observation) => (QUOTE.test(o.text) ? 4 : 0) + (citedByFinding.has(o.id) ? 3 : 0) + (o.codeIds.length ? 1 : 0);
    const chosen = [...inStep]
      .sort((a, b) => score(b) - score(a) || a.clockMs - b.clockMs)
      .slice(0, KEY_QUOTES_PER_STEP)
      .sort((a, b) => a.clockMs - b.clockMs);
    return [{ step: stepTitle(stepId), quotes: chosen.map(toNote) }];
  });

  const heatmap = stepCodeHeatmap({ steps, codes: group.codebook, observations: live, labels: words });
  const coverage = pointsToNoticeCoverage({ steps, observations: live });
  const sheets = predictedVsActual({
    steps,
    observationPlan: taught?.content.observationPlan ?? [],
    focusStudents: group.focusStudents.filter((s) => s.focus),
    observations: live,
  });

  const observerCounts = new Map<string, number>();
  for (const o of live) observerCounts.set(o.observerId, (observerCounts.get(o.observerId) ?? 0) + 1);

  const evidenceFor = (ref: EvidenceRef): ReportEvidence => {
    const here = ref.cycleId === cycle.id;
    const other = sources.otherCycles?.get(ref.cycleId);
    const notes = here ? sources.observations : (other?.observations ?? []);
    const cycleFindings = here ? findings : (other?.analysis?.findings ?? []);
    if (ref.kind === 'finding') {
      const finding = cycleFindings.find((f) => f.id === ref.id);
      return finding
        ? { kind: 'finding', status: 'present', text: finding.statement, source: '' }
        : { kind: 'finding', status: 'deleted', text: '', source: '' };
    }
    const note = notes.find((o) => o.id === ref.id && !o.deletedAt);
    if (!note) return { kind: 'observation', status: 'deleted', text: '', source: '' };
    const n = toNote(note);
    return { kind: 'observation', status: 'present', text: n.text, source: [n.clock, n.observer, n.target].filter(Boolean).join(' · ') };
  };

  const revisedNotes = revised && taught ? revisedChangeNotes(revised) : [];
  const allStepTitles: Record<string, string> = {};
  for (const version of [taught, revised]) {
    version?.content.steps.forEach((s, i) => {
      allStepTitles[s.id] ??= s.title.trim() || words.untitledStep(i);
    });
  }

  const closedAt = [...cycle.history].reverse().find((t) => t.to === 'closed')?.at;
  const model: ReportModel = {
    anonymized: options.anonymize,
    title: cycle.title,
    author: person(group.members.find((m) => m.role === 'facilitator')?.name || '') || group.name,
    group: {
      name: group.name,
      schools: group.schools,
      subject: group.subject,
      gradeBand: group.gradeBand,
      researchTheme: group.researchTheme,
      norms: group.norms,
    },
    members: group.members.map((m) => ({ name: person(m.name), role: m.role })),
    cycle: {
      title: cycle.title,
      researchQuestion: cycle.researchQuestion,
      phase: cycle.phase,
      teachingDate: cycle.teaching.date,
      className: cycle.teaching.className,
      teacher: memberName(cycle.teaching.teacherId) || taught?.content.teacher || '',
      studentCount: cycle.teaching.studentCount ?? null,
      discussionDate: cycle.discussionDate,
      startedOn: dateOf(cycle.createdAt),
      closedOn: cycle.phase === 'closed' ? dateOf(closedAt) : '',
    },
    // The plan's teacher is a person, not a student: kept as written when anonymised.
    lesson: taught ? { versionNumber: taught.number, content: anonymizer ? teacherKept(taught.content) : taught.content } : null,
    meetings: cycle.meetings.map((m) => ({
      date: m.date,
      agenda: m.agenda,
      notes: m.notes,
      decisions: m.decisions,
      followUps: m.followUps,
      attendees: m.attendeeIds.map(memberName),
    })),
    observations: {
      noteCount: live.length,
      observers: [...observerCounts].map(([id, count]) => ({ name: memberName(id), count })).sort((a, b) => b.count - a.count),
      studentNoteCount: live.filter((o) => studentIdsOf(o.target).length > 0).length,
      heatmap: {
        columns: heatmap.columns.map((c) => c.label),
        rows: heatmap.rows.map((r) => ({ label: r.label, counts: r.cells.map((c) => c.count), total: r.total })),
        max: heatmap.max,
      },
      keyQuotes,
      coverage: {
        pointCount: coverage.pointCount,
        coveredCount: coverage.coveredCount,
        steps: coverage.steps
          .filter((s) => s.points.length)
          .map((s) => ({
            step: stepTitle(s.stepId),
            points: s.points.map((p) => ({
              text: p.text,
              count: p.observationIds.length,
              example: p.observationIds.length ? liveById.get(p.observationIds[0])!.text : '',
            })),
          })),
      },
      classModes: sources.classModes
        .filter((m) => !m.deletedAt)
        .sort((a, b) => a.clockMs - b.clockMs)
        .map((m) => ({ clock: formatClock(m.clockMs), mode: m.mode })),
      students: sheets.map((sheet) => {
        const response = cycle.studentResponses.find((r) => r.studentId === sheet.studentId);
        return {
          name: studentName(sheet.studentId),
          concerns: sheet.concerns,
          lookFors: sheet.lookFors.map((l) => l.text).filter((t) => t.trim()),
          steps: sheet.steps.map((row) => ({
            step: stepTitle(row.stepId),
            anticipated: row.anticipated.map((a) => a.text).filter((t) => t.trim()),
            notes: notesOf(row.observationIds),
          })),
          unplaced: notesOf(sheet.unplacedObservationIds),
          response: response ? { responded: response.responded, note: response.note } : null,
        };
      }),
    },
    discussion: {
      segments: (analysis?.discussion.segments ?? []).map((s) => ({
        kind: s.kind,
        title: s.title,
        speakers: s.speakerIds.map(memberName),
        plannedMinutes: s.plannedMinutes,
        notes: s.notes,
      })),
      finalComments: analysis?.discussion.finalComments ?? '',
      finalCommentsBy: memberName(analysis?.discussion.finalCommentsBy),
    },
    findings: findings.map((f) => ({
      statement: f.statement,
      step: f.stepId ? stepTitle(f.stepId) : '',
      impliesRevision: f.impliesRevision,
      supporting: notesOf(f.supportingObservationIds),
      contradicting: notesOf(f.contradictingObservationIds),
      removed: [...f.supportingObservationIds, ...f.contradictingObservationIds].filter((id) => !liveById.has(id)).length,
    })),
    revision:
      taught && revised
        ? {
            fromNumber: taught.number,
            toNumber: revised.number,
            versionSummary: revised.summary,
            diff: diffDesign(taught.content, revised.content),
            stepTitles: allStepTitles,
            changeNotes: revisedNotes.map((note) => ({
              ...(note.stepId ? { stepId: note.stepId } : {}),
              step: note.stepId ? (allStepTitles[note.stepId] ?? '') : '',
              summary: note.summary,
              rationale: note.rationale,
              evidence: note.evidence.map(evidenceFor),
            })),
          }
        : null,
    closeWithoutRevisionReason: cycle.closeWithoutRevisionReason,
    reflection: {
      researchTheme: cycle.reflection.researchTheme,
      practices: cycle.reflection.practices
        .filter((p) => p.now.trim() || p.next.trim())
        .map((p) => ({ practice: p.practice, now: p.now, next: p.next })),
      studentsOfConcern: cycle.reflection.studentsOfConcern,
      nextSteps: cycle.reflection.nextSteps,
    },
    appendix: options.includeAppendix ? live.map(toNote) : null,
    photos: options.includePhotos
      ? live.flatMap((o) =>
          o.photos.map((p) => ({
            hash: p.hash,
            ext: p.ext,
            name: p.name,
            caption: [formatClock(o.clockMs), stepTitle(o.stepId), memberName(o.observerId), targetLabel(o.target)].filter(Boolean).join(' · '),
          })),
        )
      : [],
  };
  if (!anonymizer) return model;
  // The diff is left out of the deep pass and made again from anonymised versions: words
  // diffed first and anonymised after would leave "Luis" struck through beside a label.
  const anonymized = anonymizeDeep({ ...model, revision: model.revision && { ...model.revision, diff: null } }, anonymizer);
  return {
    ...anonymized,
    revision: anonymized.revision && {
      ...anonymized.revision,
      diff: diffDesign(anonymizeDeep(teacherKept(taught!.content), anonymizer), anonymizeDeep(teacherKept(revised!.content), anonymizer)),
    },
  };
};

/** The change notes the revised version recorded (why it differs from the taught one). */
const revisedChangeNotes = (revised: DesignVersion) => revised.changeNotes;
