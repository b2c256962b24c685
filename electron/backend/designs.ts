import type { designChannels } from '../../shared/contract/designs';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const createDesignService = (_ctx: BackendContext): ServiceFor<typeof designChannels> => ({});
