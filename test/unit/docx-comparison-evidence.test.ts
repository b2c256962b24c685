import { afterEach, describe, expect, it } from 'vitest';
import { comparisonEvidence } from '../../electron/backend/comparison-evidence';
import type { Backend } from '../../electron/backend/index';
import { openSampleCopy } from '../fixtures/sample/report-helpers';
import { tempDir } from './support/temp';

let backend: Backend | undefined;
afterEach(() => backend?.close());

describe('the evidence a comparison cites, resolved for the document', () => {
  it('gives the findings of the sample revision as their statements, a note as its text with time, observer and target, and a deleted note as removed', async () => {
    const sample = await openSampleCopy(await tempDir());
    backend = sample.backend;
    const s = backend.service;
    const group = await s.getGroup({ groupId: (await s.listGroups({}))[0].id });
    const [summary] = await s.listDesigns({ groupId: group.id });
    const design = await s.getDesign({ designId: summary.id });
    const refs = design.versions[1].changeNotes.flatMap((n) => n.evidence);
    const findings = (await s.getAnalysis({ cycleId: sample.cycleId })).findings;
    const session = await s.getObservationSession({ cycleId: sample.cycleId });
    const note = session.observations.find((o) => !o.deletedAt && o.target.kind === 'student')!;
    const observer = group.members.find((m) => m.id === note.observerId)!.name;
    const all = [...refs, { kind: 'observation' as const, cycleId: sample.cycleId, id: note.id }];

    const resolved = await comparisonEvidence(backend.context, all);
    const cited = resolved.filter((r) => r.kind === 'finding');
    expect(cited.length).toBeGreaterThanOrEqual(2);
    for (const r of cited) expect(r).toMatchObject({ status: 'present', text: findings.find((f) => f.id === r.id)!.statement, source: '' });
    const quoted = resolved.at(-1)!;
    expect(quoted).toMatchObject({ kind: 'observation', status: 'present', text: note.text });
    expect(quoted.source).toContain(observer);
    expect(quoted.source).toMatch(/^\d+:\d\d · /);
    const student = group.focusStudents.find((f) => note.target.kind === 'student' && f.id === note.target.studentId)!.pseudonym;
    expect(quoted.source).toContain(student);

    // The sample's cycle is closed (no note can be deleted now): a note it no longer has stands for one deleted.
    const gone = crypto.randomUUID();
    const missing = await comparisonEvidence(backend.context, [{ kind: 'observation', cycleId: sample.cycleId, id: gone }]);
    expect(missing).toEqual([{ kind: 'observation', id: gone, status: 'deleted', text: '', source: '' }]);
  }, 60_000);
});
