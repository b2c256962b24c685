import { describe, expect, it } from 'vitest';
import { backupsToDelete, fromFileStamp, toFileStamp } from '../../electron/storage/backups';

const stampAt = (iso: string) => toFileStamp(new Date(iso));

describe('backup retention', () => {
  const now = new Date('2026-03-20T12:00:00Z');

  it('keeps everything while there are few backups', () => {
    const stamps = ['2026-03-20T10:00:00Z', '2026-03-20T11:00:00Z'].map(stampAt);
    expect(backupsToDelete(stamps, now)).toEqual([]);
  });

  it('keeps the newest N and one per day for the last days, deleting the rest', () => {
    const stamps: string[] = [];
    for (let day = 1; day <= 20; day++) {
      for (const hour of [8, 12, 16]) stamps.push(stampAt(`2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, "0")}:00:00Z`));
    }
    const deleted = new Set(backupsToDelete(stamps, now, { keepLatest: 4, keepDaily: 7 }));
    const kept = stamps.filter((s) => !deleted.has(s));
    // Newest four.
    for (const s of stamps.slice(-4)) expect(kept).toContain(s);
    // One (the newest) per day for days within the last 7 days.
    expect(kept).toContain(stampAt('2026-03-14T16:00:00Z'));
    expect(kept).not.toContain(stampAt('2026-03-14T08:00:00Z'));
    // Nothing older than the daily window survives unless among the newest.
    expect(kept.some((s) => s.startsWith('2026-03-10'))).toBe(false);
    expect(kept.length).toBeLessThanOrEqual(4 + 7);
  });

  it('round-trips file stamps', () => {
    const date = new Date('2026-03-20T12:34:56.789Z');
    expect(fromFileStamp(toFileStamp(date))).toBe(date.toISOString());
    expect(toFileStamp(date)).not.toMatch(/[:.]/);
  });
});
