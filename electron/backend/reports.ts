import type { reportChannels } from '../../shared/contract/reports';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const createReportService = (_ctx: BackendContext): ServiceFor<typeof reportChannels> => ({});
