// Types for launch.mjs (plain JavaScript so `npm start` runs on a bare Node), for its tests.
export const DESKTOP_NODE: string;
export const TOOLS_NODE: string;
export function atLeast(version: string, minimum: string): boolean;
export function isOfflineError(error: unknown): boolean;
export function resolveElectronPackage(root: string): string | null;
export function electronBinary(packageDir: string, env?: Record<string, string | undefined>): { version: string; binary: string | null; installed: boolean };
export interface DownloadProgress { transferred?: number; total?: number | null; percent?: number }
export function progressPrinter(write: (text: string) => void, isTTY: boolean): (progress: DownloadProgress) => void;
export function downloadElectron(options: { packageDir: string; version: string; onProgress: (progress: DownloadProgress) => void }): Promise<void>;
export interface RunResult { code?: number | null; signal?: string | null; stderr?: string; error?: Error; stopped?: boolean }
export function spawnElectron(binary: string, args: string[], options: { cwd: string; env: Record<string, string | undefined> }): Promise<RunResult>;
export function explainStartFailure(stderr?: string, platform?: string): string | null;
export const messages: Record<string, (...args: never[]) => string>;
export interface LaunchOptions {
  root: string;
  args?: string[];
  nodeVersion?: string;
  env?: Record<string, string | undefined>;
  platform?: string;
  arch?: string;
  out?: (text: string) => void;
  err?: (text: string) => void;
  isTTY?: boolean;
  findPackage?: (root: string) => string | null;
  download?: typeof downloadElectron;
  build?: (root: string) => boolean;
  run?: typeof spawnElectron;
  serve?: typeof serveInBrowser;
}
export function serveInBrowser(root: string, options: { env: Record<string, string | undefined> }): Promise<number>;
export function launch(options: LaunchOptions): Promise<number>;
