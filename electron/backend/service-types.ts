import type { z } from 'zod';
import type { ChannelSpec } from '../../shared/contract/channel';

/** The backend functions for a group of channels: parsed request in, response out. */
export type ServiceFor<Channels extends Record<string, ChannelSpec>> = {
  [K in keyof Channels]: (request: z.output<Channels[K]['request']>) => Promise<z.output<Channels[K]['response']>>;
};
