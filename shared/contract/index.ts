import type { z } from 'zod';
import type { Result } from '../result';
import { analysisChannels } from './analysis';
import { appChannels } from './app';
import { captureChannels } from './capture';
import { cycleChannels } from './cycles';
import { designChannels } from './designs';
import { groupChannels } from './groups';
import { observationChannels } from './observations';
import { recoveryChannels } from './recovery';
import { reportChannels } from './reports';
import { sharingChannels } from './sharing';
import { workspaceChannels } from './workspace';

/**
 * The one IPC contract. The preload, the main-process registration, the renderer
 * client and the e2e test bridge are all derived from this object.
 */
export const contract = {
  ...appChannels,
  ...workspaceChannels,
  ...groupChannels,
  ...designChannels,
  ...cycleChannels,
  ...observationChannels,
  ...analysisChannels,
  ...reportChannels,
  ...recoveryChannels,
  ...captureChannels,
  ...sharingChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<K extends ChannelName> = z.input<Contract[K]['request']>;
export type ParsedRequestOf<K extends ChannelName> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends ChannelName> = z.output<Contract[K]['response']>;

export const channelNames = Object.keys(contract) as ChannelName[];

export { API_GLOBAL, ipcChannel } from './names';

/** What the renderer sees on `window.lessonStudy`: one named function per channel. */
export type LessonStudyApi = {
  [K in ChannelName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
};

/** What the backend implements: one async function per channel, on parsed input. */
export type BackendService = {
  [K in ChannelName]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
};

/** What one open workspace implements: every channel except the app-level ones and live capture (the host owns those). */
export type WorkspaceService = Omit<BackendService, keyof typeof appChannels | keyof typeof captureChannels>;

