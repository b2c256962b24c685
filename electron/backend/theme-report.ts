import { anonymousTitle, studentWords } from '../../shared/report/anonymize-export';
import { buildThemeOverview, type ThemeOptions, type ThemeSources } from '../../shared/report/theme-overview';
import { safeFileName } from '../docx/lesson-plan';
import { themeDocx } from '../docx/theme/document';
import { loadAnalysis } from './analysis';
import type { BackendContext } from './context';
import { loadGroupCycles } from './cycles';
import { listAllDesigns } from './designs';
import { loadGroup } from './groups';

/** A group with every cycle, design and analysis of it: what the research-theme overview is made from. */
export const loadThemeSources = async (ctx: BackendContext, groupId: string): Promise<ThemeSources> => {
  const group = await loadGroup(ctx, groupId);
  const cycles = await loadGroupCycles(ctx, groupId);
  const designs = (await listAllDesigns(ctx)).filter((d) => d.groupId === groupId);
  const analyses = [];
  for (const cycle of cycles) analyses.push(await loadAnalysis(ctx, cycle.id));
  return { group, cycles, designs, analyses };
};

/** "<group> - research theme.docx"; anonymised, the name names no student. */
export const themeFileName = (groupName: string, options: ThemeOptions, group?: ThemeSources['group']): string => {
  const ja = options.language === 'ja';
  const name = options.anonymize ? anonymousTitle(groupName, group, studentWords[options.language]) : groupName;
  const suffix = options.anonymize ? (ja ? ' 研究主題（匿名化）' : ' - research theme (anonymised)') : ja ? ' 研究主題' : ' - research theme';
  return `${safeFileName(name, 'group')}${suffix}.docx`;
};

/** The research-theme document as .docx bytes and the name to suggest. Small (no photos, no appendix): made in this thread. */
export const buildThemeReport = async (ctx: BackendContext, groupId: string, options: ThemeOptions): Promise<{ bytes: Buffer; fileName: string }> => {
  const sources = await loadThemeSources(ctx, groupId);
  const bytes = await themeDocx(buildThemeOverview(sources, options), options.language);
  return { bytes, fileName: themeFileName(sources.group.name, options, sources.group) };
};
