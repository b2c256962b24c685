import { useMutation, useQuery } from '@tanstack/react-query';
import { backend } from '../../api/client';
import type { RequestOf } from '../../../shared/contract';
import type { ThemeSources } from '../../../shared/report/theme-overview';

/**
 * A group with every cycle, design and analysis of it, read through the channels the
 * other screens use: what the research-theme overview is made from. Fetched afresh each
 * time the screen opens (another screen may have added a finding meanwhile).
 */
export const useThemeSources = (groupId: string) =>
  useQuery({
    queryKey: ['theme', groupId],
    staleTime: 0,
    queryFn: async (): Promise<ThemeSources> => {
      const [group, summaries, designList] = await Promise.all([
        backend.getGroup({ groupId }),
        backend.listCycles({ groupId }),
        backend.listDesigns({ groupId }),
      ]);
      const [cycles, analyses, designs] = await Promise.all([
        Promise.all(summaries.map((c) => backend.getCycle({ cycleId: c.id }))),
        Promise.all(summaries.map((c) => backend.getAnalysis({ cycleId: c.id }))),
        Promise.all(designList.map((d) => backend.getDesign({ designId: d.id }))),
      ]);
      return { group, cycles, analyses, designs };
    },
  });

/** Write the research-theme document where the user picks in the save dialog (null = cancelled). */
export const useExportTheme = () => useMutation({ mutationFn: (request: RequestOf<'exportThemeReport'>) => backend.exportThemeReport(request) });
