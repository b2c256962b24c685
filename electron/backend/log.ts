import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The app's own log: one JSON line per event — start-up, storage recoveries, set-aside
 * files, failed backups, refused locks. Fields are codes, counts and workspace-relative
 * paths only: never a message, a title or a note, so no student text reaches the log.
 */
export type LogFields = Record<string, string | number | boolean | null>;

export interface AppLog {
  event(name: string, fields?: LogFields): void;
}

export const noLog: AppLog = { event: () => undefined };

export interface FileLogOptions {
  dir: string;
  /** The current file is rotated once it would grow past this. */
  maxBytes?: number;
  /** Rotated files kept: lesson-study.log.1 … .<keep>. */
  keep?: number;
  clock?: () => Date;
}

export const LOG_FILE = 'lesson-study.log';

/**
 * Appends synchronously: an event logged just before a crash is on disk. A log that
 * cannot be written never stops the app (the log is for diagnosis, not for data).
 */
export const createFileLog = ({ dir, maxBytes = 1024 * 1024, keep = 3, clock = () => new Date() }: FileLogOptions): AppLog => {
  const file = path.join(dir, LOG_FILE);
  const rotate = () => {
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    renameSync(file, `${file}.1`);
  };
  return {
    event(name, fields = {}) {
      const line = `${JSON.stringify({ at: clock().toISOString(), event: name, ...fields })}\n`;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const size = (() => {
          try {
            return statSync(file).size;
          } catch {
            return 0;
          }
        })();
        if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
        appendFileSync(file, line, { mode: 0o600 });
      } catch {
        // Diagnosis only: a full disk must not turn into an error the user sees.
      }
    },
  };
};
