import { channel } from './channel';

// Channels of the designs feature. Owned by that feature; the contract index spreads them in.
export const designChannels = {} satisfies Record<string, ReturnType<typeof channel>>;
