import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Two real Syncthing instances on this machine, syncing one folder between them: the sync
 * engine the app's shared folders meet on teachers' laptops, in CI. Each instance has its
 * own home (config, keys, database) in a temporary folder, its GUI/REST API on 127.0.0.1 at
 * a free port with a known API key, and listens for the other on tcp://127.0.0.1 only.
 * Global and local discovery, relays, NAT, usage and crash reporting and upgrades are off,
 * so nothing leaves the machine; each device knows the other by its explicit address.
 *
 * Written for Syncthing 1.19 (Debian bookworm); later versions keep the same REST API.
 */

export const hasSyncthing = spawnSync('syncthing', ['--version'], { stdio: 'ignore' }).status === 0;

export type Which = 'a' | 'b';
export type PauseHow = 'folder' | 'device';

export interface SyncthingInstance {
  /** The synced folder on this side. */
  readonly folder: string;
  /** Syncthing's home: config.xml, keys, database, log (syncthing.log). */
  readonly home: string;
  /** The full device id (XXXXXXX-XXXXXXX-…); its first 7 characters name conflict copies. */
  readonly deviceId: string;
  readonly apiUrl: string;
  readonly apiKey: string;
  /** A REST call with the API key; throws on a non-2xx answer; parses JSON when there is any. */
  rest(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', route: string, body?: unknown): Promise<unknown>;
  /** Asks Syncthing to scan the folder now (returns once the scan has run). */
  scan(): Promise<void>;
  /** Everything Syncthing logged so far, for a failure message. */
  log(): string;
}

export interface SyncthingPair {
  readonly a: SyncthingInstance;
  readonly b: SyncthingInstance;
  readonly folderId: string;
  /** Scans both sides, then polls until both agree the folder is in sync; throws at the deadline. */
  waitInSync(timeoutMs?: number): Promise<void>;
  /**
   * This side goes "offline" for the shared folder. 'folder' (the default) pauses the folder
   * here: nothing is scanned, sent or pulled on this side, the connection stays up, and
   * resuming takes well under a second. 'device' pauses the other device here: the
   * connection drops (a real disconnect), and reconnecting after resume takes Syncthing's
   * dial loop 0–25 s. Resolves once the pause has taken effect.
   */
  pause(which: Which, how?: PauseHow, timeoutMs?: number): Promise<void>;
  /** Undoes every pause(which) on this side; resolves once the folder runs again here and, if
   *  neither side still holds the other paused, the two are connected. */
  resume(which: Which, timeoutMs?: number): Promise<void>;
  /** Waits until the two instances are connected to each other. */
  waitConnected(timeoutMs?: number): Promise<void>;
  /** Kills both instances and removes their homes (not the synced folders). Safe to call twice. */
  stop(): Promise<void>;
}

export interface PairOptions {
  folderA: string;
  folderB: string;
  folderId?: string;
  /** .stignore lines set on both sides (e.g. the app's own temporary files); none by default. */
  ignores?: readonly string[];
  /** Seconds the file watcher gathers changes before a scan; 1 by default. */
  fsWatcherDelayS?: number;
  /** Full rescan interval in seconds, the watcher's safety net; 10 by default. */
  rescanIntervalS?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port that was free a moment ago (the kernel's pick for port 0). */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Polls `check` until it returns a truthy value or the deadline passes; the last reason goes in the error. */
export const pollUntil = async <T>(
  what: string,
  check: () => Promise<T | null | false | undefined>,
  timeoutMs: number,
  describe?: () => string,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: unknown = null;
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${reason}${describe ? `\n${describe()}` : ''}`);
    }
    await sleep(150);
  }
};

/** Sets `<tag>value</tag>` inside config.xml's <options>; fails loudly if the tag is missing. */
const setOption = (xml: string, tag: string, value: string): string => {
  const pattern = new RegExp(`<${tag}>[^<]*</${tag}>`);
  if (!pattern.test(xml)) throw new Error(`Syncthing config.xml has no <${tag}>`);
  return xml.replace(pattern, `<${tag}>${value}</${tag}>`);
};

const env = (home: string): NodeJS.ProcessEnv => ({
  ...process.env,
  HOME: home,
  // Run as the inner process straight away: without this Syncthing starts a monitor that
  // starts the real one as its child, which outlives a killed monitor.
  STMONITORED: 'yes',
  STNORESTART: '1',
  STNOUPGRADE: '1',
  STNODEFAULTFOLDER: '1',
});

/** Leashes still held; let go if the test process exits without stop() (its death closes them too). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.stdin?.destroy();
});

interface Started {
  instance: SyncthingInstance;
  child: ChildProcess;
  listenPort: number;
}

const startInstance = async (root: string, name: Which, folder: string): Promise<Started> => {
  const home = path.join(root, `home-${name}`);
  await mkdir(home, { recursive: true });
  const generated = spawnSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], {
    env: env(home),
    encoding: 'utf8',
  });
  if (generated.status !== 0) throw new Error(`syncthing generate failed: ${generated.stderr}${generated.stdout}`);
  const idRun = spawnSync('syncthing', ['serve', `--home=${home}`, '--device-id'], { env: env(home), encoding: 'utf8' });
  const deviceId = /[A-Z0-9]{7}(?:-[A-Z0-9]{7}){7}/.exec(idRun.stdout)?.[0];
  if (!deviceId) throw new Error(`syncthing --device-id printed no id: ${idRun.stdout}${idRun.stderr}`);

  const guiPort = await freePort();
  let listenPort = await freePort();
  while (listenPort === guiPort) listenPort = await freePort();
  const apiKey = randomBytes(18).toString('base64url');
  const configPath = path.join(home, 'config.xml');
  let xml = await readFile(configPath, 'utf8');
  // Everything that would reach beyond this machine is off before the first start.
  for (const [tag, value] of [
    ['listenAddress', `tcp://127.0.0.1:${listenPort}`],
    ['globalAnnounceEnabled', 'false'],
    ['localAnnounceEnabled', 'false'],
    ['relaysEnabled', 'false'],
    ['natEnabled', 'false'],
    ['urAccepted', '-1'],
    ['autoUpgradeIntervalH', '0'],
    ['crashReportingEnabled', 'false'],
    ['startBrowser', 'false'],
    ['reconnectionIntervalS', '1'],
    ['setLowPriority', 'false'],
    ['progressUpdateIntervalS', '-1'],
  ] as const) {
    xml = setOption(xml, tag, value);
  }
  xml = xml
    .replace(/<address>127\.0\.0\.1:\d+<\/address>/, `<address>127.0.0.1:${guiPort}</address>`)
    .replace(/<apikey>[^<]*<\/apikey>/, `<apikey>${apiKey}</apikey>`)
    .replace(/<device id="[^"]+" name="[^"]*"/, `<device id="${deviceId}" name="${name}"`);
  await writeFile(configPath, xml);

  const logLines: string[] = [];
  // A small sh keeps Syncthing on a leash: when our end of its stdin closes — stop(), or this
  // test process dying however it dies — it kills Syncthing and exits once Syncthing has.
  const child: ChildProcess = spawn(
    'sh',
    [
      '-c',
      'exec 3<&0; syncthing "$@" </dev/null & pid=$!; { cat >/dev/null; kill "$pid" 2>/dev/null; } <&3 >/dev/null 2>&1 & exec 3<&-; wait "$pid"',
      'syncthing-leash',
      ...['serve', `--home=${home}`, '--no-browser', '--no-restart', '--no-upgrade', '--logflags=2', '--logfile=-'],
    ],
    { env: env(home), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const keep = (chunk: Buffer) => {
    logLines.push(chunk.toString('utf8'));
    if (logLines.length > 400) logLines.splice(0, logLines.length - 400);
  };
  running.add(child);
  child.once('close', () => running.delete(child));
  child.stdin?.on('error', () => undefined); // the leash may already be gone
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const apiUrl = `http://127.0.0.1:${guiPort}`;
  const rest: SyncthingInstance['rest'] = async (method, route, body) => {
    const response = await fetch(`${apiUrl}${route}`, {
      method,
      headers: { 'X-API-Key': apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} on ${name}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  const log = () => logLines.join('');
  const instance: SyncthingInstance = {
    folder,
    home,
    deviceId,
    apiUrl,
    apiKey,
    rest,
    log,
    scan: async () => {
      // Set in startSyncthingPair once the folder id is known.
      throw new Error('no folder yet');
    },
  };
  try {
    await pollUntil(
      `Syncthing ${name} to answer on ${apiUrl}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`syncthing ${name} exited with ${child.exitCode}`);
        const status = (await rest('GET', '/rest/system/status')) as { myID?: string };
        if (status.myID !== deviceId) throw new Error(`syncthing ${name} says it is ${status.myID}`);
        return true;
      },
      30_000,
      log,
    );
  } catch (error) {
    await killChild(child);
    throw error;
  }
  return { instance, child, listenPort };
};

/** Closes the leash and waits until Syncthing has exited (its output pipes close with it). */
const killChild = async (child: ChildProcess): Promise<void> => {
  if (child.stdout?.closed && child.stderr?.closed && child.exitCode !== null) return;
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await closed;
  clearTimeout(timer);
};

interface Completion {
  completion: number;
  needBytes: number;
  needItems: number;
  needDeletes: number;
}
interface FolderStatus {
  state: string;
  globalFiles: number;
  globalDeleted: number;
  globalBytes: number;
  localFiles: number;
  needTotalItems: number;
  pullErrors: number;
  sequence: number;
}

export const startSyncthingPair = async (options: PairOptions): Promise<SyncthingPair> => {
  if (!hasSyncthing) throw new Error('The syncthing binary is not installed (apt-get install syncthing)');
  const folderId = options.folderId ?? 'lesson-study-shared';
  const root = await mkdtemp(path.join(tmpdir(), 'ls-syncthing-'));
  const started: Started[] = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(started.map((s) => killChild(s.child)));
    await rm(root, { recursive: true, force: true });
  };

  try {
    started.push(await startInstance(root, 'a', options.folderA));
    started.push(await startInstance(root, 'b', options.folderB));
    const [sa, sb] = started as [Started, Started];
    const ids = [sa.instance.deviceId, sb.instance.deviceId];
    for (const [self, other] of [
      [sa, sb],
      [sb, sa],
    ] as const) {
      await self.instance.rest('POST', '/rest/config/devices', {
        deviceID: other.instance.deviceId,
        name: other === sa ? 'a' : 'b',
        addresses: [`tcp://127.0.0.1:${other.listenPort}`],
        autoAcceptFolders: false,
        paused: false,
      });
    }
    for (const self of [sa, sb]) {
      await self.instance.rest('POST', '/rest/config/folders', {
        id: folderId,
        label: folderId,
        path: self.instance.folder,
        type: 'sendreceive',
        devices: ids.map((deviceID) => ({ deviceID })),
        fsWatcherEnabled: true,
        fsWatcherDelayS: options.fsWatcherDelayS ?? 1,
        rescanIntervalS: options.rescanIntervalS ?? 10,
        paused: false,
      });
      if (options.ignores?.length) {
        await self.instance.rest('POST', `/rest/db/ignores?folder=${encodeURIComponent(folderId)}`, {
          ignore: options.ignores,
        });
      }
      const instance = self.instance as { scan: SyncthingInstance['scan'] };
      instance.scan = async () => {
        await self.instance.rest('POST', `/rest/db/scan?folder=${encodeURIComponent(folderId)}`);
      };
    }
  } catch (error) {
    const logs = started.map((s) => s.instance.log()).join('\n---\n');
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`, { cause: error });
  }

  const [sa, sb] = started as [Started, Started];
  const a = sa.instance;
  const b = sb.instance;
  const other = (which: Which) => (which === 'a' ? b : a);
  const self = (which: Which) => (which === 'a' ? a : b);
  const logs = () => `--- syncthing a ---\n${a.log().slice(-4000)}\n--- syncthing b ---\n${b.log().slice(-4000)}`;
  const folderQuery = `folder=${encodeURIComponent(folderId)}`;

  const connectedTo = async (from: SyncthingInstance, to: SyncthingInstance): Promise<boolean> => {
    const connections = (await from.rest('GET', '/rest/system/connections')) as {
      connections: Record<string, { connected: boolean; paused: boolean }>;
    };
    return connections.connections[to.deviceId]?.connected === true;
  };

  const waitConnected = async (timeoutMs = 30_000) => {
    await pollUntil(
      'the two Syncthing instances to connect',
      async () => (await connectedTo(a, b)) && (await connectedTo(b, a)),
      timeoutMs,
      logs,
    );
  };

  let lastSeen = '';
  const inSyncOnce = async (): Promise<boolean> => {
    const sides = await Promise.all(
      [a, b].map(async (side) => {
        const peer = side === a ? b : a;
        const completion = (await side.rest(
          'GET',
          `/rest/db/completion?${folderQuery}&device=${peer.deviceId}`,
        )) as Completion;
        const status = (await side.rest('GET', `/rest/db/status?${folderQuery}`)) as FolderStatus;
        return { completion, status, connected: await connectedTo(side, peer) };
      }),
    );
    lastSeen = JSON.stringify(sides);
    const [sideA, sideB] = sides as [(typeof sides)[0], (typeof sides)[0]];
    return (
      sides.every(
        ({ completion, status, connected }) =>
          connected &&
          completion.completion === 100 &&
          completion.needBytes === 0 &&
          completion.needItems === 0 &&
          completion.needDeletes === 0 &&
          status.state === 'idle' &&
          status.needTotalItems === 0 &&
          status.pullErrors === 0,
      ) &&
      sideA.status.globalFiles === sideB.status.globalFiles &&
      sideA.status.globalDeleted === sideB.status.globalDeleted &&
      sideA.status.globalBytes === sideB.status.globalBytes &&
      sideA.status.localFiles === sideB.status.localFiles
    );
  };

  const waitInSync = async (timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    const what = `folder ${folderId} to be in sync on both instances`;
    await waitConnected(timeoutMs);
    // Scans make both sides index what is on disk now, whatever the watcher has seen. A scan
    // waits while its folder is pulling, so it counts against the same deadline.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (a scan was still running)`)),
        Math.max(0, deadline - Date.now()),
      );
    });
    try {
      await Promise.race([Promise.all([a.scan(), b.scan()]), late]);
    } finally {
      clearTimeout(timer);
    }
    // In sync twice in a row: a lone reading can fall between one side's index update and the other's pull.
    let streak = 0;
    await pollUntil(
      what,
      async () => {
        streak = (await inSyncOnce()) ? streak + 1 : 0;
        return streak >= 2;
      },
      Math.max(0, deadline - Date.now()),
      () => `last seen: ${lastSeen}\n${logs()}`,
    );
  };

  /** The folder's state on one side: '' while it is paused (it does not run), else idle, scanning, syncing… */
  const folderState = async (side: SyncthingInstance): Promise<string> =>
    ((await side.rest('GET', `/rest/db/status?${folderQuery}`)) as FolderStatus).state;
  const folderPaused = async (side: SyncthingInstance): Promise<boolean> =>
    ((await side.rest('GET', `/rest/config/folders/${encodeURIComponent(folderId)}`)) as { paused: boolean }).paused;
  const devicePaused = async (side: SyncthingInstance, peer: SyncthingInstance): Promise<boolean> =>
    ((await side.rest('GET', `/rest/config/devices/${peer.deviceId}`)) as { paused: boolean }).paused;

  const pause = async (which: Which, how: PauseHow = 'folder', timeoutMs = 15_000) => {
    const side = self(which);
    if (how === 'folder') {
      await side.rest('PATCH', `/rest/config/folders/${encodeURIComponent(folderId)}`, { paused: true });
      await pollUntil(`the folder on ${which} to stop`, async () => (await folderState(side)) === '', timeoutMs, logs);
      return;
    }
    await side.rest('POST', `/rest/system/pause?device=${other(which).deviceId}`);
    await pollUntil(
      `${which} to disconnect from the other instance`,
      async () => !(await connectedTo(a, b)) && !(await connectedTo(b, a)),
      timeoutMs,
      logs,
    );
  };

  const resume = async (which: Which, timeoutMs = 30_000) => {
    const side = self(which);
    const peer = other(which);
    if (await folderPaused(side)) {
      await side.rest('PATCH', `/rest/config/folders/${encodeURIComponent(folderId)}`, { paused: false });
      await pollUntil(`the folder on ${which} to run again`, async () => (await folderState(side)) !== '', timeoutMs, logs);
    }
    if (await devicePaused(side, peer)) {
      await side.rest('POST', `/rest/system/resume?device=${peer.deviceId}`);
    }
    // Connected only once neither side holds the other paused: resuming one of two pauses stays apart.
    if (!(await devicePaused(peer, side))) await waitConnected(timeoutMs);
  };

  try {
    await waitConnected();
  } catch (error) {
    await stop();
    throw error;
  }
  return { a, b, folderId, waitInSync, pause, resume, waitConnected, stop };
};
