import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/index';
import { groupProtocolPlannedMinutes } from '../../electron/storage/migrations/0002-group-protocol-planned-minutes';
import { tempDir } from './support/temp';

/**
 * Group file schema 2: a discussion-protocol entry's length is `plannedMinutes` (it was
 * `minutes`). The pure step with hand-written bodies, then a file exactly as version 1 of
 * the app wrote it, opened by the real backend.
 */

const GROUP_ID = '5b0c6a52-3f1e-4d2a-9c7b-1e2f3a4b5c6d';

/** A group file as the app wrote it at schema 1 (pretty-printed, trailing newline). */
const VERSION_1_FILE = `{
  "schemaVersion": 1,
  "group": {
    "name": "Oak Hill Grade 3 Science",
    "schools": ["Oak Hill Elementary"],
    "subject": "Science",
    "gradeBand": "3",
    "researchTheme": "Students explain what they observe with evidence",
    "norms": ["Observe students, not the teacher"],
    "members": [
      { "id": "0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1d01", "name": "Hana Ito", "role": "facilitator" },
      { "id": "0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1d02", "name": "Omar Diaz", "role": "teacher" },
      { "id": "0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1d03", "name": "Dr. Ruth Cole", "role": "knowledgeable-other" }
    ],
    "id": "${GROUP_ID}",
    "createdAt": "2025-04-01T08:00:00.000Z",
    "updatedAt": "2025-04-03T16:20:00.000Z",
    "focusStudents": [],
    "codebook": [
      { "id": "0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1e01", "label": "Claim", "color": "#1d4ed8", "retired": false }
    ],
    "seatingChart": { "cols": 8, "rows": 6, "seats": [] },
    "checklistTemplates": {},
    "discussionProtocol": [
      { "id": "0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1f01", "title": "Observers share evidence first", "minutes": 20 },
      { "id": "0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1f02", "title": "The instructor reflects", "minutes": 5 },
      { "id": "0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1f03", "title": "Final comments", "minutes": 15 }
    ]
  }
}
`;

describe('migration 0002 (group): protocol entries say plannedMinutes', () => {
  it('renames minutes to plannedMinutes in every entry and leaves the rest of the group alone', () => {
    const v1 = {
      group: {
        name: 'Oak Hill',
        members: [{ id: 'm1', name: 'Hana', role: 'facilitator' }],
        discussionProtocol: [
          { id: 'p1', title: 'Observers first', minutes: 20 },
          { id: 'p2', title: 'Instructor', minutes: 0 },
        ],
      },
    };
    const frozen = structuredClone(v1);
    expect(groupProtocolPlannedMinutes(v1)).toEqual({
      group: {
        name: 'Oak Hill',
        members: [{ id: 'm1', name: 'Hana', role: 'facilitator' }],
        discussionProtocol: [
          { id: 'p1', title: 'Observers first', plannedMinutes: 20 },
          { id: 'p2', title: 'Instructor', plannedMinutes: 0 },
        ],
      },
    });
    // Pure: the body it was given is not changed.
    expect(v1).toEqual(frozen);
  });

  it('passes on a group with no protocol of its own, or none at all, unchanged', () => {
    expect(groupProtocolPlannedMinutes({ group: { name: 'A', discussionProtocol: [] } })).toEqual({
      group: { name: 'A', discussionProtocol: [] },
    });
    expect(groupProtocolPlannedMinutes({ group: { name: 'A' } })).toEqual({ group: { name: 'A' } });
    // Not a group body at all: left for the schema check to report.
    expect(groupProtocolPlannedMinutes({ group: 'oops' })).toEqual({ group: 'oops' });
  });

  it('keeps plannedMinutes where a hand-edited entry already has it', () => {
    expect(
      groupProtocolPlannedMinutes({ group: { discussionProtocol: [{ id: 'p1', title: 'X', minutes: 3, plannedMinutes: 7 }] } }),
    ).toEqual({ group: { discussionProtocol: [{ id: 'p1', title: 'X', plannedMinutes: 7 }] } });
  });

  it('opens a version-1 file: the new shape comes back, the file is rewritten at the current version, the original is kept in .backups', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'groups'));
    const file = path.join(dir, 'groups', `${GROUP_ID}.json`);
    await writeFile(file, VERSION_1_FILE);

    const backend = await createBackend({ workspaceDir: dir, clock: () => new Date('2026-02-02T09:00:00.000Z') });
    try {
      const group = await backend.service.getGroup({ groupId: GROUP_ID });
      expect(group.discussionProtocol).toEqual([
        { id: '0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1f01', title: 'Observers share evidence first', plannedMinutes: 20 },
        { id: '0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1f02', title: 'The instructor reflects', plannedMinutes: 5 },
        { id: '0d7f2c10-8a41-4b6e-9f13-2a5c7e9b1f03', title: 'Final comments', plannedMinutes: 15 },
      ]);
      // Nothing else moved: the fields version 1 had come back as they were.
      expect(group.name).toBe('Oak Hill Grade 3 Science');
      expect(group.members.map((m) => m.name)).toEqual(['Hana Ito', 'Omar Diaz', 'Dr. Ruth Cole']);
      expect(group.updatedAt).toBe('2025-04-03T16:20:00.000Z');

      // The file on disk is now current (version 3: the roster step follows) with the new field name only.
      const stored = JSON.parse(await readFile(file, 'utf8'));
      expect(stored.schemaVersion).toBe(3);
      expect(stored.group.discussionProtocol.map((e: Record<string, unknown>) => Object.keys(e))).toEqual([
        ['id', 'title', 'plannedMinutes'],
        ['id', 'title', 'plannedMinutes'],
        ['id', 'title', 'plannedMinutes'],
      ]);

      // The version-1 original is kept, byte for byte, as a timed backup.
      const kept = (await readdir(path.join(dir, '.backups', 'groups', `${GROUP_ID}.json`))).filter((n) => n !== 'last-saved.json');
      expect(kept).toEqual(['2026-02-02T09-00-00-000Z.json']);
      expect(await readFile(path.join(dir, '.backups', 'groups', `${GROUP_ID}.json`, kept[0]), 'utf8')).toBe(VERSION_1_FILE);

      const notices = await backend.service.listNotices({});
      expect(notices.map((n) => [n.kind, n.file])).toEqual([['migrated', `groups/${GROUP_ID}.json`]]);
      expect(notices[0].message).toContain('from format 1 to 3');

      // The code that reads the renamed field: a new cycle's discussion follows the
      // group's own order, with each segment planned for the migrated minutes.
      const cycle = await backend.service.createCycle({ groupId: GROUP_ID, title: 'Cycle 1', researchQuestion: '' });
      const analysis = await backend.service.getAnalysis({ cycleId: cycle.id });
      expect(analysis.discussion.segments.map((s) => [s.kind, s.title, s.plannedMinutes])).toEqual([
        ['custom', 'Observers share evidence first', 20],
        ['custom', 'The instructor reflects', 5],
        ['custom', 'Final comments', 15],
      ]);
    } finally {
      await backend.close();
    }

    // Opening again finds the current version: no second migration, no second backup, no new notice.
    const again = await createBackend({ workspaceDir: dir, clock: () => new Date('2026-02-03T09:00:00.000Z') });
    try {
      expect((await again.service.getGroup({ groupId: GROUP_ID })).discussionProtocol[0].plannedMinutes).toBe(20);
      // Only the first open's notice, kept until dismissed; nothing new.
      expect((await again.service.listNotices({})).map((n) => [n.kind, n.at])).toEqual([['migrated', '2026-02-02T09:00:00.000Z']]);
      const kept = (await readdir(path.join(dir, '.backups', 'groups', `${GROUP_ID}.json`))).filter((n) => n !== 'last-saved.json');
      expect(kept).toEqual(['2026-02-02T09-00-00-000Z.json']);
    } finally {
      await again.close();
    }
  });
});
