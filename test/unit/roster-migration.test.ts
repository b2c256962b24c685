import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/index';
import { groupClassRoster } from '../../electron/storage/migrations/0003-group-class-roster';
import { tempDir } from './support/temp';

/**
 * Group file schema 3: the student list is the class roster, with `focus` and `concern`
 * flags on each student. Every student a schema-2 file lists was a student of concern
 * the group followed, so it comes back flagged both, under the same id.
 */

const GROUP_ID = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const LEO = '1a2b3c4d-0000-4000-8000-000000000001';
const HANA = '1a2b3c4d-0000-4000-8000-000000000002';
const SEAT = '1a2b3c4d-0000-4000-8000-0000000000a1';

/** A group file as the app wrote it at schema 2 (two students of concern, one seated). */
const VERSION_2_FILE = `{
  "schemaVersion": 2,
  "group": {
    "name": "Grade 5 fractions",
    "schools": [],
    "subject": "Mathematics",
    "gradeBand": "5",
    "researchTheme": "",
    "norms": [],
    "members": [],
    "id": "${GROUP_ID}",
    "createdAt": "2025-09-01T08:00:00.000Z",
    "updatedAt": "2025-09-02T08:00:00.000Z",
    "focusStudents": [
      { "id": "${LEO}", "pseudonym": "Leo", "concerns": "Rarely explains", "supportsNow": "", "supportsPlanned": "", "retired": false },
      { "id": "${HANA}", "pseudonym": "はな", "concerns": "", "supportsNow": "", "supportsPlanned": "", "retired": true }
    ],
    "codebook": [],
    "seatingChart": { "cols": 4, "rows": 2, "seats": [{ "id": "${SEAT}", "col": 1, "row": 0, "studentId": "${LEO}", "label": "" }] },
    "checklistTemplates": {},
    "discussionProtocol": []
  }
}
`;

describe('migration 0003 (group): the class roster', () => {
  it('flags every listed student focus and concern and keeps everything else', () => {
    const v2 = {
      group: {
        name: 'G',
        focusStudents: [
          { id: 's1', pseudonym: 'Leo', concerns: 'Rarely explains', retired: false },
          { id: 's2', pseudonym: 'はな', concerns: '', retired: true },
        ],
        seatingChart: { seats: [{ id: 'seat', studentId: 's1' }] },
      },
    };
    const frozen = structuredClone(v2);
    expect(groupClassRoster(v2)).toEqual({
      group: {
        name: 'G',
        focusStudents: [
          { id: 's1', pseudonym: 'Leo', concerns: 'Rarely explains', retired: false, focus: true, concern: true },
          { id: 's2', pseudonym: 'はな', concerns: '', retired: true, focus: true, concern: true },
        ],
        seatingChart: { seats: [{ id: 'seat', studentId: 's1' }] },
      },
    });
    expect(v2).toEqual(frozen);
  });

  it('keeps a flag a hand-edited file already has, and passes other shapes on unchanged', () => {
    expect(groupClassRoster({ group: { focusStudents: [{ id: 's1', focus: false }] } })).toEqual({
      group: { focusStudents: [{ id: 's1', focus: false, concern: true }] },
    });
    expect(groupClassRoster({ group: { name: 'A' } })).toEqual({ group: { name: 'A' } });
    expect(groupClassRoster({ group: { focusStudents: 'oops' } })).toEqual({ group: { focusStudents: 'oops' } });
    expect(groupClassRoster({ group: { focusStudents: ['x'] } })).toEqual({ group: { focusStudents: ['x'] } });
  });

  it('opens a version-2 file: students come back flagged under the same ids, the seat still points at Leo, the original is backed up', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'groups'));
    const file = path.join(dir, 'groups', `${GROUP_ID}.json`);
    await writeFile(file, VERSION_2_FILE);

    const backend = await createBackend({ workspaceDir: dir, clock: () => new Date('2026-03-03T10:00:00.000Z') });
    try {
      const group = await backend.service.getGroup({ groupId: GROUP_ID });
      expect(group.focusStudents.map((s) => [s.id, s.pseudonym, s.focus, s.concern, s.retired, s.concerns])).toEqual([
        [LEO, 'Leo', true, true, false, 'Rarely explains'],
        [HANA, 'はな', true, true, true, ''],
      ]);
      expect(group.seatingChart.seats).toEqual([{ id: SEAT, col: 1, row: 0, studentId: LEO, label: '' }]);

      const stored = JSON.parse(await readFile(file, 'utf8'));
      expect(stored.schemaVersion).toBe(3);
      expect(stored.group.focusStudents[0]).toMatchObject({ id: LEO, focus: true, concern: true });

      const backups = path.join(dir, '.backups', 'groups', `${GROUP_ID}.json`);
      const kept = (await readdir(backups)).filter((n) => n !== 'last-saved.json');
      expect(kept).toEqual(['2026-03-03T10-00-00-000Z.json']);
      expect(await readFile(path.join(backups, kept[0]), 'utf8')).toBe(VERSION_2_FILE);
      const notices = await backend.service.listNotices({});
      expect(notices.map((n) => n.message)).toEqual([expect.stringContaining('from format 2 to 3')]);

      // A student added after the migration joins the roster as neither focus nor concern.
      const added = await backend.service.saveFocusStudent({
        groupId: GROUP_ID,
        student: { pseudonym: 'Mia', focus: false, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false },
      });
      expect(added.focusStudents.map((s) => [s.pseudonym, s.focus, s.concern])).toEqual([
        ['Leo', true, true],
        ['はな', true, true],
        ['Mia', false, false],
      ]);
    } finally {
      await backend.close();
    }
  });
});
