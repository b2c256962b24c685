/*
 * The backend's utilityProcess entry (dist-electron/backend.mjs): connects the plain-Node
 * backend process to Electron's `process.parentPort`. Nothing else belongs here.
 */
import type { ServerPort } from './port-door';
import { runBackendProcess } from './backend-process';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: ServerPort[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  console.error('This is the backend of the Lesson Study desktop app; it runs inside the app. For a browser, run "npm start".');
  process.exit(1);
}

runBackendProcess(
  { postMessage: (message) => parentPort.postMessage(message), onMessage: (listener) => parentPort.on('message', (event) => listener(event.data, event.ports)) },
  { readPortMessage: (event) => (event as { data: unknown }).data, exit: () => process.exit(0) },
);
