import type { analysisChannels } from '../../shared/contract/analysis';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const createAnalysisService = (_ctx: BackendContext): ServiceFor<typeof analysisChannels> => ({});
