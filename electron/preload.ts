// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- electron carries its own types and is optional: see the note in main.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL, channelNames, ipcChannel, type LessonStudyApi } from '../shared/contract';

/**
 * The renderer's whole reach into the app: one named function per contract channel.
 * There is deliberately no generic `invoke(channel, …)`, so a compromised page can
 * call only what the contract lists, and main validates even that.
 */
const api = Object.fromEntries(
  channelNames.map((name) => [name, (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request)]),
) as LessonStudyApi;

contextBridge.exposeInMainWorld(API_GLOBAL, api satisfies LessonStudyApi);
