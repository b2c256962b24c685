import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { loadAnalysis } from '../../electron/backend/analysis';
import { seedAnalyzedLesson } from './analysis-seed';

let dir: string;
let backend: Backend;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lesson-study-analysis-'));
  backend = await createBackend({ workspaceDir: dir });
});
afterEach(async () => {
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

describe('analysis backend', () => {
  it('gives the evidence bundle with the taught plan, the notes and a discussion in protocol order, saved to analysis/<cycleId>.json', async () => {
    const seed = await seedAnalyzedLesson(backend);
    const bundle = await backend.service.getCycleEvidence({ cycleId: seed.cycle.id });
    expect(bundle.plan?.versionId).toBe(seed.version.id);
    expect(bundle.plan?.steps.map((s) => s.title)).toEqual(seed.steps.map((s) => s.title));
    expect(bundle.observations).toHaveLength(6);
    expect(bundle.analysis.discussion.segments.map((s) => s.kind)).toEqual([
      'thanks', 'reflections', 'planning-team', 'observers', 'final-comments',
    ]);
    expect(bundle.analysis.discussion.segments[1].speakerIds).toEqual([seed.members.teacher.id]);
    const stored = JSON.parse(await readFile(path.join(dir, 'analysis', `${seed.cycle.id}.json`), 'utf8'));
    expect(stored.schemaVersion).toBe(2);
    expect(stored.analysis.discussion.segments[0].id).toBe(bundle.analysis.discussion.segments[0].id);
  });

  it('runs segment timers on the backend clock and keeps segment notes', async () => {
    let now = new Date('2025-05-01T15:00:00Z');
    await backend.close();
    backend = await createBackend({ workspaceDir: dir, clock: () => now });
    const seed = await seedAnalyzedLesson(backend);
    const { segments } = (await backend.service.getAnalysis({ cycleId: seed.cycle.id })).discussion;
    await backend.service.runSegmentTimer({ cycleId: seed.cycle.id, segmentId: segments[0].id, action: 'start' });
    now = new Date('2025-05-01T15:01:30Z');
    const next = await backend.service.runSegmentTimer({ cycleId: seed.cycle.id, segmentId: segments[1].id, action: 'start' });
    expect(next.discussion.segments[0].elapsedMs).toBe(90_000);
    expect(next.discussion.segments[1].runningSince).toBe(now.toISOString());
    expect(next.discussion.currentSegmentId).toBe(segments[1].id);
    await backend.service.updateDiscussionSegment({ cycleId: seed.cycle.id, segmentId: segments[1].id, notes: 'Ben: the table came earlier than planned' });
    await backend.service.setFinalComments({ cycleId: seed.cycle.id, text: 'The tables carried the justification.' });
    const reread = await loadAnalysis(backend.context, seed.cycle.id);
    expect(reread.discussion.segments[1].notes).toBe('Ben: the table came earlier than planned');
    expect(reread.discussion.finalComments).toBe('The tables carried the justification.');
  });

  it('keeps finding ↔ note links through note edits and deletes: a deleted note shows as removed, not dangling', async () => {
    const seed = await seedAnalyzedLesson(backend);
    const cycleId = seed.cycle.id;
    const finding = await backend.service.createFinding({
      cycleId,
      fields: { statement: 'Drawing a table helped Maya justify the rule', impliesRevision: true, stepId: seed.steps[1].id, supportingObservationIds: [seed.notes.mayaTable.id] },
    });
    const linked = await backend.service.linkToFinding({ cycleId, findingId: finding.id, observationIds: [seed.notes.mayaExplains.id, seed.notes.kenStuck.id], role: 'supporting' });
    const moved = await backend.service.linkToFinding({ cycleId, findingId: finding.id, observationIds: [seed.notes.kenStuck.id], role: 'contradicting' });
    expect(linked.supportingObservationIds).toHaveLength(3);
    expect(moved.supportingObservationIds).toEqual([seed.notes.mayaTable.id, seed.notes.mayaExplains.id]);
    expect(moved.contradictingObservationIds).toEqual([seed.notes.kenStuck.id]);

    // Edit one note, delete another.
    await backend.service.saveObservation({ observation: { ...seed.notes.mayaTable, text: 'Maya draws a table: 3, 5, 7, 9' } });
    await backend.service.deleteObservation({ cycleId, observationId: seed.notes.mayaExplains.id });

    const refs = [
      { kind: 'finding' as const, id: finding.id, cycleId },
      { kind: 'observation' as const, id: seed.notes.mayaTable.id, cycleId },
      { kind: 'observation' as const, id: seed.notes.mayaExplains.id, cycleId },
    ];
    const resolved = await backend.service.resolveEvidence({ refs });
    expect(resolved.map((r) => [r.kind, r.status])).toEqual([['finding', 'present'], ['observation', 'present'], ['observation', 'deleted']]);
    expect(resolved[1].text).toBe('Maya draws a table: 3, 5, 7, 9');
    expect(resolved[2]).toMatchObject({ text: '', href: `/cycles/${cycleId}/evidence?observation=${seed.notes.mayaExplains.id}` });
    // The finding keeps the id, so the UI can say "evidence removed" where the note was.
    const after = (await backend.service.getAnalysis({ cycleId })).findings[0];
    expect(after.supportingObservationIds).toContain(seed.notes.mayaExplains.id);
    // A deleted note cannot be linked anew.
    await expect(backend.service.linkToFinding({ cycleId, findingId: finding.id, observationIds: [seed.notes.mayaExplains.id], role: 'supporting' })).rejects.toMatchObject({ code: 'invalid-request' });
    // Restoring it brings the evidence back.
    await backend.service.restoreObservation({ cycleId, observationId: seed.notes.mayaExplains.id });
    expect((await backend.service.resolveEvidence({ refs }))[2].status).toBe('present');
  });

  it('proposes a change: the next draft at the finding’s step cites the finding and its notes, and survives saving the version and deleting the finding', async () => {
    const seed = await seedAnalyzedLesson(backend);
    const cycleId = seed.cycle.id;
    const finding = await backend.service.createFinding({
      cycleId,
      fields: { statement: 'Ken needs a table prompt before writing a rule', impliesRevision: false, stepId: seed.steps[1].id, supportingObservationIds: [seed.notes.kenStuck.id, seed.notes.mayaTable.id] },
    });
    await backend.service.deleteObservation({ cycleId, observationId: seed.notes.mayaTable.id });
    const proposed = await backend.service.proposeChangeFromFinding({ cycleId, findingId: finding.id });
    expect(proposed).toMatchObject({ designId: seed.design.id, stepId: seed.steps[1].id, createdDraft: true });

    const design = await backend.service.getDesign({ designId: seed.design.id });
    expect(design.draft?.basedOnVersionId).toBe(seed.version.id);
    const note = design.draft!.changeNotes.find((n) => n.id === proposed.changeNoteId)!;
    expect(note).toMatchObject({ stepId: seed.steps[1].id, summary: finding.statement });
    // The deleted note is not cited anew; the live one is.
    expect(note.evidence).toEqual([
      { kind: 'finding', id: finding.id, cycleId },
      { kind: 'observation', id: seed.notes.kenStuck.id, cycleId },
    ]);
    expect((await backend.service.getAnalysis({ cycleId })).findings[0].impliesRevision).toBe(true);

    // Proposing again reuses the note instead of adding a second one.
    const again = await backend.service.proposeChangeFromFinding({ cycleId, findingId: finding.id });
    expect(again).toMatchObject({ changeNoteId: proposed.changeNoteId, createdDraft: false });
    expect((await backend.service.getDesign({ designId: seed.design.id })).draft!.changeNotes).toHaveLength(1);

    const saved = await backend.service.saveVersion({ designId: seed.design.id, summary: 'After cycle 1', authors: [] });
    const v2 = saved.versions.find((v) => v.number === 2)!;
    const comparison = await backend.service.compareVersions({ designId: seed.design.id, fromVersionId: seed.version.id, toVersionId: v2.id });
    expect(comparison.changeNotes.map((n) => n.evidence)).toEqual([note.evidence]);

    await backend.service.deleteFinding({ cycleId, findingId: finding.id });
    await backend.service.deleteObservation({ cycleId, observationId: seed.notes.kenStuck.id });
    const resolved = await backend.service.resolveEvidence({ refs: v2.changeNotes[0].evidence });
    expect(resolved.map((r) => r.status)).toEqual(['deleted', 'deleted']);
  });

  it('records per student whether they responded, from the evidence, on the cycle', async () => {
    const seed = await seedAnalyzedLesson(backend);
    const responses = await backend.service.recordStudentResponse({
      cycleId: seed.cycle.id, studentId: seed.students[0].id, responded: 'yes', note: 'Explained to Ken', observationIds: [seed.notes.mayaExplains.id],
    });
    expect(responses).toEqual([{ studentId: seed.students[0].id, responded: 'yes', note: 'Explained to Ken', observationIds: [seed.notes.mayaExplains.id] }]);
    await backend.service.recordStudentResponse({ cycleId: seed.cycle.id, studentId: seed.students[0].id, responded: 'partly', note: '', observationIds: [] });
    const cycle = await backend.service.getCycle({ cycleId: seed.cycle.id });
    expect(cycle.studentResponses).toEqual([{ studentId: seed.students[0].id, responded: 'partly', note: '', observationIds: [] }]);
  });

  it('removes a group’s analyses when the group is deleted', async () => {
    const seed = await seedAnalyzedLesson(backend);
    await backend.service.getAnalysis({ cycleId: seed.cycle.id });
    expect(await backend.context.store.list('analysis')).toHaveLength(1);
    await backend.service.deleteGroup({ groupId: seed.group.id });
    expect(await backend.context.store.list('analysis')).toHaveLength(0);
  });
});
