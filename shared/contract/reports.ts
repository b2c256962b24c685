import type { channel } from './channel';

// Channels of the reports feature. Owned by that feature; the contract index spreads them in.
export const reportChannels = {} satisfies Record<string, ReturnType<typeof channel>>;
