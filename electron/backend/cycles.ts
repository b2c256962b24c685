import type { cycleChannels } from '../../shared/contract/cycles';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const createCycleService = (_ctx: BackendContext): ServiceFor<typeof cycleChannels> => ({});
