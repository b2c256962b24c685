import { channel } from './channel';

// Channels of the analysis feature. Owned by that feature; the contract index spreads them in.
export const analysisChannels = {} satisfies Record<string, ReturnType<typeof channel>>;
