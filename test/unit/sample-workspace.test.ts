import { readFile, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/index';
import { listClassModes, listObservations } from '../../electron/backend/observations';
import { copySampleWorkspace, defaultSampleDir } from '../../electron/sample';
import { tempDir } from './support/temp';

const filesUnder = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();

describe('the sample workspace', () => {
  it('opens as a copy with every file valid and the counts of a complete cycle', async () => {
    const dir = path.join(await tempDir(), 'sample');
    await copySampleWorkspace(dir);
    const backend = await createBackend({ workspaceDir: dir });
    try {
      const s = backend.service;
      const groups = await s.listGroups({});
      expect(groups).toHaveLength(1);
      const group = await s.getGroup({ groupId: groups[0].id });
      expect(group.members).toHaveLength(5);
      expect(new Set(group.members.map((m) => m.role))).toEqual(new Set(['facilitator', 'teacher', 'knowledgeable-other']));
      expect(group.focusStudents.length).toBeGreaterThanOrEqual(3);
      expect(group.codebook.some((c) => c.rubric === 'Mathematical argument')).toBe(true);

      const [designSummary] = await s.listDesigns({ groupId: group.id });
      const design = await s.getDesign({ designId: designSummary.id });
      expect(design.versions).toHaveLength(2);
      expect(design.versions[1].changeNotes.length).toBeGreaterThanOrEqual(2);
      expect(design.versions[1].changeNotes.every((n) => n.evidence.some((e) => e.kind === 'finding'))).toBe(true);

      const [summary] = await s.listCycles({ groupId: group.id });
      const cycle = await s.getCycle({ cycleId: summary.id });
      expect(['revise', 'closed']).toContain(cycle.phase);
      expect(cycle.meetings.length).toBeGreaterThanOrEqual(2);
      expect(cycle.revisedVersionId).toBe(design.versions[1].id);
      expect(cycle.reflection.nextSteps).not.toBe('');

      const notes = await listObservations(backend.context, cycle.id);
      expect(notes.length).toBeGreaterThanOrEqual(140);
      expect(notes.length).toBeLessThanOrEqual(170);
      expect(new Set(notes.map((n) => n.observerId)).size).toBe(4);
      const steps = design.versions[0].content.steps.map((st) => st.id);
      for (const step of steps) expect(notes.some((n) => n.stepId === step)).toBe(true);
      expect(notes.some((n) => n.target.kind === 'student')).toBe(true);
      expect(notes.some((n) => n.photos.length > 0)).toBe(true);
      expect((await listClassModes(backend.context, cycle.id)).length).toBeGreaterThanOrEqual(4);

      const analysis = await s.getAnalysis({ cycleId: cycle.id });
      expect(analysis.findings.length).toBeGreaterThanOrEqual(2);
      expect(analysis.findings.every((f) => f.supportingObservationIds.length > 0)).toBe(true);
      expect(analysis.discussion.finalComments).not.toBe('');
      // Opening validated every file it read; nothing was quarantined or migrated.
      expect(await s.listNotices({})).toEqual([]);
    } finally {
      await backend.close();
    }
  });

  it('leaves the original untouched and refuses to copy over a folder with files', async () => {
    const before = await filesUnder(defaultSampleDir());
    const dir = path.join(await tempDir(), 'copy');
    await copySampleWorkspace(dir);
    const backend = await createBackend({ workspaceDir: dir });
    const [group] = await backend.service.listGroups({});
    const full = await backend.service.getGroup({ groupId: group.id });
    const { name: _name, schools, subject, gradeBand, researchTheme, norms, members } = full;
    await backend.service.updateGroup({ groupId: group.id, fields: { name: 'Renamed', schools, subject, gradeBand, researchTheme, norms, members } });
    await backend.close();
    expect(await filesUnder(defaultSampleDir())).toEqual(before);
    const original = await readFile(path.join(defaultSampleDir(), 'groups', `${group.id}.json`), 'utf8');
    expect(original).toContain('Riverside');
    await expect(copySampleWorkspace(dir)).rejects.toThrow(/not empty/);
  });
});
