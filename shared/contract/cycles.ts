import { channel } from './channel';

// Channels of the cycles feature. Owned by that feature; the contract index spreads them in.
export const cycleChannels = {} satisfies Record<string, ReturnType<typeof channel>>;
