import { expect, type Page } from '@playwright/test';
import type { AppHarness } from './harness';

/**
 * The main screens of the app over the sample workspace, for the accessibility, language
 * and screenshot suites. Opening the sample goes through the welcome, as a user would.
 */
export interface Screen {
  name: string;
  path: string;
}

export interface SampleIds {
  groupId: string;
  designId: string;
  cycleId: string;
  /** The design's first and last versions, for the comparison screen. */
  fromVersionId: string;
  toVersionId: string;
}

export const openSample = async (app: AppHarness): Promise<SampleIds> => {
  app.settings.set('tourDismissed', true);
  await app.open();
  await app.page.getByRole('button', { name: 'Open the sample cycle' }).click();
  await expect(app.page.getByRole('list', { name: 'Groups in this workspace' })).toBeVisible();
  const service = app.service;
  const [group] = await service.listGroups({});
  const [design] = await service.listDesigns({ groupId: group.id });
  const [cycle] = await service.listCycles({ groupId: group.id });
  const versions = [...(await service.getDesign({ designId: design.id })).versions].sort((a, b) => a.number - b.number);
  return { groupId: group.id, designId: design.id, cycleId: cycle.id, fromVersionId: versions[0].id, toVersionId: versions.at(-1)!.id };
};

export const mainScreens = ({ groupId, designId, cycleId, fromVersionId, toVersionId }: SampleIds): Screen[] => [
  { name: 'groups', path: '/' },
  { name: 'group-overview', path: `/groups/${groupId}` },
  { name: 'group-cycles', path: `/groups/${groupId}/cycles` },
  { name: 'group-designs', path: `/groups/${groupId}/designs` },
  { name: 'group-students', path: `/groups/${groupId}/students` },
  { name: 'group-codebook', path: `/groups/${groupId}/codebook` },
  { name: 'group-seating', path: `/groups/${groupId}/seating` },
  { name: 'design-editor', path: `/designs/${designId}` },
  { name: 'design-compare', path: `/designs/${designId}/compare?from=${fromVersionId}&to=${toVersionId}` },
  { name: 'cycle', path: `/cycles/${cycleId}` },
  { name: 'cycle-phase-plan', path: `/cycles/${cycleId}/phase/plan` },
  { name: 'cycle-phase-teach', path: `/cycles/${cycleId}/phase/teach` },
  { name: 'cycle-phase-analyze', path: `/cycles/${cycleId}/phase/analyze` },
  { name: 'cycle-phase-revise', path: `/cycles/${cycleId}/phase/revise` },
  { name: 'cycle-meetings', path: `/cycles/${cycleId}/meetings` },
  { name: 'capture', path: `/cycles/${cycleId}/observe` },
  { name: 'timeline', path: `/cycles/${cycleId}/timeline` },
  { name: 'analyze', path: `/cycles/${cycleId}/analyze` },
  { name: 'discussion', path: `/cycles/${cycleId}/discussion` },
  { name: 'evidence', path: `/cycles/${cycleId}/evidence` },
  { name: 'students', path: `/cycles/${cycleId}/students` },
  { name: 'coverage', path: `/cycles/${cycleId}/coverage` },
  { name: 'findings', path: `/cycles/${cycleId}/findings` },
];

/**
 * Open a screen with a fresh page load (a hash change alone can leave the previous
 * screen's heading up for a moment) and wait until it has its heading and nothing is loading.
 */
export const showScreen = async (page: Page, path: string) => {
  const base = page.url().split('#')[0];
  await page.goto('about:blank');
  await page.goto(`${base}#${path}`);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.locator('#page-title, main h1').first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/Loading…|読み込み中…/);
};
