/**
 * Which backups to keep: the newest `keepLatest`, plus the newest of each of the last
 * `keepDaily` days. Pure, so the retention policy is tested without a disk.
 */
export interface RetentionPolicy {
  keepLatest: number;
  keepDaily: number;
}

export const defaultRetention: RetentionPolicy = { keepLatest: 10, keepDaily: 14 };

export const backupsToDelete = (
  stamps: readonly string[],
  now: Date,
  policy: RetentionPolicy = defaultRetention,
): string[] => {
  const sorted = [...stamps].sort().reverse();
  const keep = new Set(sorted.slice(0, policy.keepLatest));
  const seenDays = new Set<string>();
  const oldestDay = now.getTime() - policy.keepDaily * 24 * 60 * 60 * 1000;
  for (const stamp of sorted) {
    const time = Date.parse(fromFileStamp(stamp));
    if (Number.isNaN(time) || time < oldestDay) continue;
    const day = fromFileStamp(stamp).slice(0, 10);
    if (!seenDays.has(day)) {
      seenDays.add(day);
      keep.add(stamp);
    }
  }
  return sorted.filter((stamp) => !keep.has(stamp));
};

/** Timestamps in file names: ISO with ':' and '.' replaced so every OS accepts them. */
export const toFileStamp = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');

export const fromFileStamp = (stamp: string): string =>
  stamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z.*$/, '$1:$2:$3.$4Z');
