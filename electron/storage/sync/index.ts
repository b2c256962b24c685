/**
 * A group's shared workspace on a synced folder (issue #16): the merge core.
 *
 * The school's sync tool (OneDrive, Google Drive, Dropbox, Nextcloud, Syncthing, an SMB
 * share) moves files; it does not merge them. So no file here is ever written by two
 * devices, and every device computes the same documents from whatever files it has.
 *
 *   devices/<deviceId>/device.json      who this device is ("Ana's laptop"), its nonce (device.ts)
 *   devices/<deviceId>/ops-<n>.jsonl    its op log: one JSON line per field-level change, appended only
 *
 * - Device identity (device.ts): a random id kept outside the synced folder; a copied
 *   profile or a cloned disk is detected (host fingerprint, per-start nonces) and one of
 *   the two installations moves to a new id.
 * - Ops (ops.ts): `{ hlc, kind, doc, path, op: set|add|list|del, value, base, save?, of? }`. `hlc` is a
 *   hybrid logical clock stamp (hlc.ts) — the op's id and its place in time. `base` names
 *   the ops it replaces as its writer saw them, so "replaced" is recorded, not guessed
 *   from clocks: sequential edits replace; concurrent ones are both kept (a multi-value
 *   register) and shown as a conflict. Deletes are `del` tombstones, never a missing file.
 * - Diff (diff.ts): the app keeps saving whole documents; `diffDocument(before, after)`
 *   turns a save into ops at the finest place that changed — a field, one record of a list
 *   with ids (`#<id>` in the path), the order of such a list. Different fields and
 *   different steps merge; a reorder does not clash with an edit inside a step.
 * - Merge (merge.ts): `mergeOps(any ops, any order, duplicates)` → the same documents and
 *   the same conflicts `{ kind, id, path, reason, candidates[{ value | deleted, device, hlc }] }`
 *   on every device. A conflict shows its newest non-deleted candidate until someone
 *   chooses; `resolveConflict` writes one op replacing every candidate. The ops of one
 *   save are marked (`save`, `of`) and applied whole; an op whose base names an op not yet
 *   here waits (`waiting`) — so a half-synced log never shows half a plan.
 * - Sync tools' files (artefacts.ts, folder.ts): conflict copies of an op log are read
 *   and merged (a union of ops, so repeats are harmless); temporary and partial files are
 *   skipped; a last line still arriving is left until it is complete. Nothing in another
 *   device's folder is ever cut, renamed or deleted.
 *
 * Why an op log with hybrid logical clocks rather than Automerge or Yjs: the files stay
 * plain JSON a teacher (or a support person) can read, the documents keep their zod
 * schemas unchanged, and the whole merge is a few hundred lines this project can test
 * and reason about. Actual Budget syncs budgets the same way (CRDT messages stamped with
 * HLCs); here the causal `base` replaces its last-writer-wins so that concurrent edits of
 * one field become a visible conflict instead of a silent loss.
 *
 * Done (local-device.ts): with `device` options (BackendOptions.device) the lock and the
 * identity live in this computer's settings folder, `devices/<id>/device.json` is written
 * at each start, and `Backend.otherDevices()` says when each other laptop was last active.
 * The Electron app does not pass `device` yet: until step 1 below lands, documents are
 * still whole files, and without the workspace lock two laptops would overwrite them.
 *
 * The next step (the integration) is mechanical:
 * 1. repository.ts: `save`/`update` keep their signature; they diff the merged value with
 *    the new one (`diffDocument(ref, before, after, mergedDoc, clock.next)`) and append the
 *    ops to this device's current `ops-<n>.jsonl` with `appendJournal` (fsync'd: the write
 *    is acknowledged when its ops are durable). `find`/`listAll` read the merged state.
 *    `groups/<id>.json` etc. become per-device caches, rebuilt from the ops when stale;
 *    a merged value is validated with the kind's zod schema like a file today (defaults
 *    fill fields whose ops are still waiting; a conflict's candidates are shown, not parsed).
 * 2. observations-log.ts: each journal line becomes ops on kind `observation` (one doc per
 *    note), so a pack import or a compaction on one laptop can no longer delete another's
 *    notes: compaction folds only this device's own ops into its own cache.
 * 3. A device rolls to `ops-<n+1>.jsonl` after ~1 MB, so tools that upload whole files
 *    (OneDrive) send little; on start it reads its own logs to continue its clock
 *    (`createClock(..).observe`) and its numbering.
 * 4. Watch `devices/` (debounced), re-read changed files, merge, emit "changed" events.
 * 5. Migration: one op set per existing document (`diffDocument(ref, null, doc)`), after a backup.
 */

export { compareHlc, createClock, formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc, type SyncClock } from './hlc';
export { Op, encodeOpLines, parseOpLines, opsFileName, deviceDir, canonicalJson, type OpKind } from './ops';
export { diffDocument, resolveConflict, type DocRef } from './diff';
export { mergeOps, docKey, type Conflict, type ConflictCandidate, type MergedDoc, type MergedState } from './merge';
export { classifySyncName, isSyncOriginal, type SyncName, type SyncTool } from './artefacts';
export { reconcileIdentity, DeviceRecord, LocalIdentity, type IdentityDecision, type IdentityInput } from './device';
export { readFolderFiles, readSyncFolder, type FolderRead } from './folder';
