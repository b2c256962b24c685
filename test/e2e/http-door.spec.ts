import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startServer, type RunningServer } from '../../electron/backend/server-main';

/**
 * The whole app in a browser through the backend's HTTP door, as `npm start` serves it
 * where Electron cannot run: the printed link, the real renderer, real HTTP and WebSocket.
 */

const rendererDir = path.resolve('dist/renderer');
let server: RunningServer;
let userData: string;
let stranger: Server;
let strangerUrl: string;

test.beforeAll(async () => {
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first.');
  userData = await mkdtemp(path.join(tmpdir(), 'lesson-study-http-'));
  server = await startServer({ userDataDir: userData, rendererDir });
  // Another local server, as any program on this computer (or a page it serves) could run.
  stranger = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Elsewhere</title>'));
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  strangerUrl = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  stranger?.close();
  await server?.close();
  if (userData) await rm(userData, { recursive: true, force: true });
});

const groupFiles = async () => readdir(path.join(userData, 'workspace', 'groups')).catch(() => [] as string[]);

test('the printed link opens the app, the token leaves the address bar, and a group created in the UI is on disk', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  expect(server.line).toMatch(/^Lesson Study is running at http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
  const link = server.line.slice('Lesson Study is running at '.length);

  await page.goto(link);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  expect(page.url()).toBe(`${server.door.url}#/`);
  // The token's entry was replaced, not followed by a new one: one step back is the blank page before it.
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  expect(page.url()).toBe(`${server.door.url}#/`);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await expect(page.getByRole('heading', { name: 'Welcome to Lesson Study Desktop' })).toBeVisible();
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByLabel('Group name').fill('Maple Grade 4–5 Math');
  await page.getByLabel('Subject').fill('Mathematics');
  await page.getByLabel('Member 1 name').fill('Aiko Tanaka');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maple Grade 4–5 Math' })).toBeVisible();

  const files = await groupFiles();
  expect(files).toHaveLength(1);
  const stored = JSON.parse(await readFile(path.join(userData, 'workspace', 'groups', files[0]), 'utf8'));
  expect(stored.group.name).toBe('Maple Grade 4–5 Math');

  // The CSP's connect-src 'self' lets the page open the event socket; the session cookie lets it in.
  const opened = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://${location.host}/events`);
        const heard: string[] = [];
        Object.assign(window, { heardEvents: heard });
        socket.onmessage = (message) => heard.push(String(message.data));
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      }),
  );
  expect(opened).toBe('open');
  server.door.broadcast({ type: 'file-changed', kind: 'group' });
  const heard = await page.waitForFunction(() => (window as unknown as { heardEvents: string[] }).heardEvents[0]);
  expect(JSON.parse(await heard.jsonValue())).toEqual({ type: 'file-changed', kind: 'group' });

  const dir = path.resolve('test-results/screens');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, 'http-door-group-overview.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('a page of another origin cannot call the door, even in a browser holding its session cookie', async ({ page }) => {
  const link = server.line.slice('Lesson Study is running at '.length);
  await page.goto(link);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  const before = await groupFiles();

  await page.goto(strangerUrl);
  const outcomes = await page.evaluate(async (doorUrl) => {
    const group = { name: 'Planted by another page', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] };
    const attempt = async (name: string, init: RequestInit) => {
      try {
        const response = await fetch(`${doorUrl}api/${name}`, { method: 'POST', credentials: 'include', ...init });
        return `answered ${response.type} ${response.status}`;
      } catch {
        return 'failed';
      }
    };
    return {
      list: await attempt('listGroups', { headers: { 'content-type': 'application/json' }, body: '{}' }),
      create: await attempt('createGroup', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(group) }),
      // A "simple" request needs no preflight. It must not act; and Cross-Origin-Resource-Policy
      // turns even its opaque answer into a network error.
      blind: await attempt('createGroup', { mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(group) }),
    };
  }, server.door.url);

  expect(outcomes.list).toBe('failed');
  expect(outcomes.create).toBe('failed');
  expect(outcomes.blind).toBe('failed');
  expect(await groupFiles()).toEqual(before);
  const names = await Promise.all(
    (await groupFiles()).map(async (file) => JSON.parse(await readFile(path.join(userData, 'workspace', 'groups', file), 'utf8')).group.name),
  );
  expect(names).not.toContain('Planted by another page');
});

test('a wrong token is still taken out of the address bar, and the app says how to sign in', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.door.url}#token=not-the-token`);
  await expect(page.getByText('This tab is not signed in to Lesson Study', { exact: false }).first()).toBeVisible();
  expect(page.url()).not.toContain('not-the-token');
  await page.screenshot({ path: path.resolve('test-results/screens/http-door-not-signed-in.png'), fullPage: true });
  expect(errors).toEqual([]);
});
