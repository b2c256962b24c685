import type { observationChannels } from '../../shared/contract/observations';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const createObservationService = (_ctx: BackendContext): ServiceFor<typeof observationChannels> => ({});
