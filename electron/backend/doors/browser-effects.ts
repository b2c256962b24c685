import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LessonStudyError } from '../../../shared/result';
import type { HostEffects } from '../context';

/**
 * The native dialogs' browser equivalents for the HTTP door (DESIGN.md §4: the page never
 * names a path the backend writes). Each channel call runs in its own AsyncLocalStorage
 * context, so what a dialog answers belongs to that one request:
 * - save dialog → a fresh folder under `<userData>/downloads/`, offered to this request's
 *   page as a one-time download once the call succeeded;
 * - open dialog → the files this session uploaded and named in this request, nothing else;
 * - folder dialog → the absolute path the user typed in the page's own dialog;
 * - open a file → offered as a download; show in folder → not possible from a browser.
 */

/** A file the page should download after its call: GET /download/<id>. */
export interface OfferedDownload {
  id: string;
  name: string;
}

export interface FilesForRequest {
  /** Upload ids the page sent with the call (from POST /upload). */
  uploadIds: string[];
  /** The folder typed in the page's folder dialog, if it showed one. */
  folder?: string;
}

export interface BrowserFiles {
  effects: HostEffects;
  /** Streams one uploaded file to disk for this session; refuses it past `limit` bytes. */
  receiveUpload(session: string, name: string, body: Readable, limit: number): Promise<string>;
  /**
   * Runs one channel call with its uploads and typed folder. Downloads are offered only
   * when the call succeeded and the file exists; the uploads are deleted afterwards.
   */
  runRequest<R extends { ok: boolean }>(session: string, files: FilesForRequest, call: () => Promise<R>): Promise<{ result: R; downloads: OfferedDownload[] }>;
  /** The file behind a download id, once: the id is forgotten as it is handed out. */
  takeDownload(session: string, id: string): { filePath: string; name: string } | undefined;
  /** Deletes what this run received and offered. */
  close(): Promise<void>;
}

/** Raised when an upload exceeds its limit; the door answers 413. */
export class UploadTooLargeError extends Error {}

interface RequestState {
  session: string;
  uploads: string[];
  folder?: string;
  downloads: Array<{ id: string; filePath: string; name: string }>;
}

const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}$/;
export const isUploadId = (id: string): boolean => UPLOAD_ID.test(id);

const newId = () => randomBytes(18).toString('base64url');

/** A name safe as one path segment on every platform, keeping Japanese and other letters. */
export const safeUploadName = (name: string): string => {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters and the characters Windows refuses in a file name.
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || 'upload';
};

/**
 * `attachment` with an ASCII fallback and the RFC 5987 `filename*`, so a name such as
 * 「授業案 v2.docx」 reaches the browser's download bar intact.
 */
export const contentDisposition = (name: string): string => {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};

export const createBrowserFiles = ({ userDataDir }: { userDataDir: string }): BrowserFiles => {
  const downloadsDir = path.join(userDataDir, 'downloads');
  const uploadsDir = path.join(userDataDir, 'uploads');
  const current = new AsyncLocalStorage<RequestState>();
  const uploads = new Map<string, { session: string; filePath: string }>();
  const downloads = new Map<string, { session: string; filePath: string; name: string }>();
  /** Folders this run made, removed on close. */
  const madeFolders = new Set<string>();

  const freshFolder = async (parent: string) => {
    const folder = path.join(parent, newId());
    await mkdir(parent, { recursive: true, mode: 0o700 });
    await mkdir(folder, { mode: 0o700 });
    madeFolders.add(folder);
    return folder;
  };

  const offer = (filePath: string, name: string) => {
    const request = current.getStore();
    if (!request) throw new LessonStudyError('internal', 'A file can be offered for download only during a request.');
    request.downloads.push({ id: newId(), filePath, name });
  };

  const effects: HostEffects = {
    async chooseSavePath({ defaultName }) {
      if (!current.getStore()) return null;
      const filePath = path.join(await freshFolder(downloadsDir), safeUploadName(defaultName));
      offer(filePath, path.basename(filePath));
      return filePath;
    },
    async chooseOpenPaths({ multiple }) {
      const paths = current.getStore()?.uploads ?? [];
      return multiple ? [...paths] : paths.slice(0, 1);
    },
    async chooseFolder() {
      const folder = current.getStore()?.folder;
      if (folder === undefined) return null;
      // The browser cannot show a folder picker; a relative path would be resolved
      // against wherever the server happened to start, which no user means.
      if (!path.isAbsolute(folder) && !path.win32.isAbsolute(folder)) {
        throw new LessonStudyError('invalid-request', `“${folder.slice(0, 200)}” is not a full folder path: start it from the top, e.g. /home/you/Lesson study or C:\\Users\\you\\Lesson study.`);
      }
      return path.normalize(folder);
    },
    async openPath(filePath) {
      offer(filePath, path.basename(filePath));
    },
    async showInFolder() {
      throw new LessonStudyError('invalid-request', 'A browser cannot show a file in its folder: use Open to download it instead.');
    },
  };

  return {
    effects,

    async receiveUpload(session, name, body, limit) {
      const folder = await freshFolder(uploadsDir);
      const filePath = path.join(folder, safeUploadName(name));
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(size > limit ? new UploadTooLargeError(`A file can be at most ${Math.round(limit / 1024 / 1024)} MB.`) : null, chunk);
        },
      });
      try {
        await pipeline(body, counter, createWriteStream(filePath, { mode: 0o600 }));
      } catch (error) {
        await rm(folder, { recursive: true, force: true });
        madeFolders.delete(folder);
        throw error;
      }
      const id = newId();
      uploads.set(id, { session, filePath });
      return id;
    },

    async runRequest(session, { uploadIds, folder }, call) {
      const claimed: string[] = [];
      for (const id of uploadIds) {
        const upload = uploads.get(id);
        if (!upload || upload.session !== session) {
          throw new LessonStudyError('not-found', 'An uploaded file is no longer there: choose the file again.');
        }
        // One request only: a second call naming the same id finds nothing.
        uploads.delete(id);
        claimed.push(upload.filePath);
      }
      const state: RequestState = { session, uploads: claimed, folder, downloads: [] };
      try {
        const result = await current.run(state, call);
        const offered: OfferedDownload[] = [];
        if (result.ok) {
          for (const download of state.downloads) {
            const exists = await stat(download.filePath).then((info) => info.isFile(), () => false);
            if (!exists) continue;
            downloads.set(download.id, { session, filePath: download.filePath, name: download.name });
            offered.push({ id: download.id, name: download.name });
          }
        }
        return { result, downloads: offered };
      } finally {
        for (const filePath of claimed) {
          const uploadFolder = path.dirname(filePath);
          await rm(uploadFolder, { recursive: true, force: true });
          madeFolders.delete(uploadFolder);
        }
      }
    },

    takeDownload(session, id) {
      const download = downloads.get(id);
      if (!download || download.session !== session) return undefined;
      downloads.delete(id);
      return { filePath: download.filePath, name: download.name };
    },

    async close() {
      uploads.clear();
      downloads.clear();
      for (const folder of madeFolders) await rm(folder, { recursive: true, force: true });
      madeFolders.clear();
    },
  };
};
