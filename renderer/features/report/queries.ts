import { useMutation } from '@tanstack/react-query';
import { backend } from '../../api/client';
import type { RequestOf } from '../../../shared/contract';

/** Build the report and save it where the user picks in the save dialog (null = cancelled). */
export const useExportReport = () => useMutation({ mutationFn: (request: RequestOf<'exportCycleReport'>) => backend.exportCycleReport(request) });

export const useOpenExport = () => useMutation({ mutationFn: (exportId: string) => backend.openExport({ exportId }) });

export const useShowExport = () => useMutation({ mutationFn: (exportId: string) => backend.showExportInFolder({ exportId }) });
