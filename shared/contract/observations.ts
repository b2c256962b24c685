import { channel } from './channel';

// Channels of the observations feature. Owned by that feature; the contract index spreads them in.
export const observationChannels = {} satisfies Record<string, ReturnType<typeof channel>>;
