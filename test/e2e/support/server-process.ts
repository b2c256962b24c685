import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import * as path from 'node:path';
import type { BackendService } from '../../../shared/contract';
import { LessonStudyError, type Result } from '../../../shared/result';

const bundle = path.resolve('dist-server/lesson-study-server.mjs');
const LINE_PREFIX = 'Lesson Study is running at ';

export interface ServerProcess {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  /** The printed link, token included. */
  link: string;
  /** The backend's contract from this test process, over the same HTTP door the page uses. */
  service: BackendService;
  /** Ctrl+C, as a user stops it: resolves once the process has closed the workspace and exited. */
  stop(): Promise<number | null>;
}

interface Reply {
  status: number;
  setCookie: string[];
  body: string;
}

const send = (port: number, method: string, urlPath: string, headers: Record<string, string>, body: string): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: urlPath, headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });

/** Each channel a function that throws the backend's own error, as the in-process service does. */
const serviceOver = (port: number, cookie: string): BackendService =>
  new Proxy({} as BackendService, {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined;
      return async (request: unknown) => {
        const reply = await send(port, 'POST', `/api/${name}`, { 'content-type': 'application/json', cookie }, request === undefined ? '' : JSON.stringify(request));
        const result = JSON.parse(reply.body) as Result<unknown>;
        if (!result.ok) throw new LessonStudyError(result.error.code, result.error.message);
        return result.value;
      };
    },
  });

/**
 * The backend as `npm start` runs it where Electron cannot: its own Node process, serving
 * the built renderer and the contract on 127.0.0.1. The e2e harness drives the app
 * through it, so CI proves the browser path.
 */
export const startServerProcess = async (options: { userData: string; port?: number }): Promise<ServerProcess> => {
  if (!existsSync(bundle)) throw new Error('dist-server is missing: run `npm run build` before the e2e tests (npm test does).');
  const child: ChildProcess = spawn(process.execPath, [bundle], {
    env: { ...process.env, LESSON_STUDY_USER_DATA: options.userData, LESSON_STUDY_NO_BROWSER: '1', LESSON_STUDY_PORT: String(options.port ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const link = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith(LINE_PREFIX));
      if (line) resolve(line.slice(LINE_PREFIX.length).trim());
    });
    void exited.then((code) => reject(new Error(`The server exited (${code}) before printing its link: ${stderr}`)));
  });
  const { origin, hash } = new URL(link);
  const port = Number(new URL(link).port);
  const token = decodeURIComponent(hash.slice('#token='.length));
  const session = await send(port, 'POST', '/session', { 'content-type': 'application/json' }, JSON.stringify({ token }));
  if (session.status !== 200) throw new Error(`The server refused its own token (HTTP ${session.status}).`);
  const cookie = session.setCookie[0].split(';')[0];
  return {
    url: `${origin}/`,
    port,
    link,
    service: serviceOver(port, cookie),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
};
