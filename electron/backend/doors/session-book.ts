import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SessionBook } from './http-door';

/** Browsers signed in at once on one computer are few; the oldest sessions give way. */
const MAX_SESSIONS = 20;

const digest = (id: string) => createHash('sha256').update(id).digest('hex');

/**
 * The HTTP door's signed-in sessions, kept in a file of the user's data folder so that a
 * tab left open reconnects when the server is started again on the same port (its cookie
 * names the port). Only hashes are written: the file alone signs nobody in. A file that
 * cannot be read or written costs only a new sign-in with the printed link.
 */
export const createSessionBook = (file: string): SessionBook => {
  let hashes: string[] = [];
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { sessions?: unknown };
    if (Array.isArray(stored.sessions)) hashes = stored.sessions.filter((hash): hash is string => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash));
  } catch {
    // No file yet, or a damaged one: start with no sessions.
  }
  return {
    has: (id) => hashes.includes(digest(id)),
    add(id) {
      hashes = [...hashes, digest(id)].slice(-MAX_SESSIONS);
      try {
        writeFileSync(`${file}.tmp`, JSON.stringify({ sessions: hashes }), { mode: 0o600 });
        renameSync(`${file}.tmp`, file);
      } catch {
        // Kept in memory for this run.
      }
    },
  };
};
