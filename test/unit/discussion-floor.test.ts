import { describe, expect, it } from 'vitest';
import { changeQueue, endDiscussion, reopenDiscussion } from '../../shared/analysis/discussion-floor';
import type { PostLessonDiscussion } from '../../shared/domain/analysis';
import { analysisSeveralSpeakers } from '../../electron/storage/migrations/0004-analysis-several-speakers';
import { analysisKind } from '../../electron/backend/analysis';
import { decodeDocument } from '../../electron/storage/document';

const at = (s: number) => new Date(Date.UTC(2026, 2, 3, 15, 0, s));
const SEG1 = '5a000000-0000-4000-8000-000000000001';
const SEG2 = '5a000000-0000-4000-8000-000000000002';
const AIKO = '5b000000-0000-4000-8000-000000000001';
const BEN = '5b000000-0000-4000-8000-000000000002';

const discussion = (): PostLessonDiscussion => ({
  segments: [
    { id: SEG1, kind: 'reflections', title: '', speakerIds: [AIKO], plannedMinutes: 10, elapsedMs: 5000, runningSince: at(0).toISOString(), notes: '' },
    { id: SEG2, kind: 'observers', title: '', speakerIds: [], plannedMinutes: 30, elapsedMs: 0, notes: '' },
  ],
  currentSegmentId: SEG1,
  finalComments: '',
  queue: [],
});

describe('the speaking queue', () => {
  it('raised hands wait in order; next gives the floor to the first, who joins the current part once', () => {
    let d = changeQueue(discussion(), { action: 'raise', speakerId: BEN, entryId: 'q1' }, at(1));
    d = changeQueue(d, { action: 'raise', speakerId: AIKO, entryId: 'q2' }, at(2));
    // A second raise by Ben keeps his place.
    d = changeQueue(d, { action: 'raise', speakerId: BEN, entryId: 'q3' }, at(3));
    expect(d.queue.map((q) => [q.id, q.speakerId, q.raisedAt])).toEqual([
      ['q1', BEN, '2026-03-03T15:00:01.000Z'],
      ['q2', AIKO, '2026-03-03T15:00:02.000Z'],
    ]);
    d = changeQueue(d, { action: 'next' }, at(4));
    expect(d.speakingId).toBe(BEN);
    expect(d.queue.map((q) => q.speakerId)).toEqual([AIKO]);
    expect(d.segments[0].speakerIds).toEqual([AIKO, BEN]);
    d = changeQueue(d, { action: 'next' }, at(5));
    expect(d.speakingId).toBe(AIKO);
    expect(d.segments[0].speakerIds).toEqual([AIKO, BEN]);
    expect(d.segments[1].speakerIds).toEqual([]);
    d = changeQueue(d, { action: 'next' }, at(6));
    expect(d).not.toHaveProperty('speakingId');
  });

  it('removes one waiting person and leaves the others in order', () => {
    let d = changeQueue(discussion(), { action: 'raise', speakerId: BEN, entryId: 'q1' }, at(1));
    d = changeQueue(d, { action: 'raise', speakerId: AIKO, entryId: 'q2' }, at(2));
    expect(changeQueue(d, { action: 'remove', entryId: 'q1' }, at(3)).queue.map((q) => q.id)).toEqual(['q2']);
  });
});

describe('ending the discussion', () => {
  it('stops the running timer where it was, closes the queue, keeps the first end time, and reopens paused', () => {
    const raised = changeQueue(discussion(), { action: 'raise', speakerId: BEN, entryId: 'q1' }, at(1));
    const ended = endDiscussion(raised, at(20));
    expect(ended.endedAt).toBe('2026-03-03T15:00:20.000Z');
    expect(ended.segments[0]).not.toHaveProperty('runningSince');
    expect(ended.segments[0].elapsedMs).toBe(25_000);
    expect(ended.queue).toEqual([]);
    expect(endDiscussion(ended, at(40)).endedAt).toBe('2026-03-03T15:00:20.000Z');
    const reopened = reopenDiscussion(ended);
    expect(reopened).not.toHaveProperty('endedAt');
    expect(reopened.segments[0]).not.toHaveProperty('runningSince');
    expect(reopened.segments[0].elapsedMs).toBe(25_000);
  });
});

describe('migration 0004 (analysis): several speakers per part', () => {
  const CYCLE = '5c000000-0000-4000-8000-000000000001';
  const GROUP = '5c000000-0000-4000-8000-000000000002';
  const version1 = {
    schemaVersion: 1,
    analysis: {
      cycleId: CYCLE,
      groupId: GROUP,
      discussion: {
        segments: [
          { id: SEG1, kind: 'reflections', title: '', speakerId: AIKO, plannedMinutes: 10, elapsedMs: 1000, notes: 'It went well' },
          { id: SEG2, kind: 'observers', title: '', plannedMinutes: 30, elapsedMs: 0, notes: '' },
        ],
        currentSegmentId: SEG1,
        finalComments: 'Keep it',
        finalCommentsBy: BEN,
      },
      findings: [],
      updatedAt: '2025-09-02T08:00:00.000Z',
    },
  };

  it('a part with a speaker keeps that one speaker; a part with none gets an empty list', () => {
    const { schemaVersion: _v, ...body } = structuredClone(version1);
    const out = analysisSeveralSpeakers(body) as typeof body;
    expect(out.analysis.discussion.segments).toEqual([
      { id: SEG1, kind: 'reflections', title: '', speakerIds: [AIKO], plannedMinutes: 10, elapsedMs: 1000, notes: 'It went well' },
      { id: SEG2, kind: 'observers', title: '', speakerIds: [], plannedMinutes: 30, elapsedMs: 0, notes: '' },
    ]);
    expect(analysisSeveralSpeakers({ analysis: { discussion: 'oops' } })).toEqual({ analysis: { discussion: 'oops' } });
    expect(analysisSeveralSpeakers({ analysis: { discussion: { segments: [{ id: 'x', speakerIds: ['y'] }] } } })).toEqual({
      analysis: { discussion: { segments: [{ id: 'x', speakerIds: ['y'] }] } },
    });
  });

  it('a version-1 file decodes as an open discussion with nobody waiting, same notes and final comments', () => {
    const decoded = decodeDocument(analysisKind, JSON.stringify(version1));
    expect(decoded.status).toBe('ok');
    if (decoded.status !== 'ok') return;
    expect(decoded.migratedFrom).toBe(1);
    const d = decoded.value.analysis.discussion;
    expect(d.segments.map((s) => [s.speakerIds, s.notes])).toEqual([[[AIKO], 'It went well'], [[], '']]);
    expect(d.queue).toEqual([]);
    expect(d.endedAt).toBeUndefined();
    expect([d.finalComments, d.finalCommentsBy, d.currentSegmentId]).toEqual(['Keep it', BEN, SEG1]);
  });
});
