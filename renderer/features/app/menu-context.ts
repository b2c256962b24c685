import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { matchPath, useLocation } from 'react-router';
import type { MenuContext } from '../../../shared/contract/app';
import { latestVersion } from '../../../shared/domain/versions';
import { backend } from '../../api/client';

type View = MenuContext['view'];

/** Which screen a path is, and the ids it names. Pure, so the palette and the menu agree. */
export const routeContext = (pathname: string): { view: View; groupId?: string; cycleId?: string; designId?: string } => {
  if (pathname === '/' || pathname === '') return { view: 'start' };
  const group = matchPath('/groups/:groupId/:tab?', pathname);
  if (group) return { view: 'group', groupId: group.params.groupId };
  const compare = matchPath('/designs/:designId/compare', pathname);
  if (compare) return { view: 'compare', designId: compare.params.designId };
  const design = matchPath('/designs/:designId', pathname);
  if (design) return { view: 'design', designId: design.params.designId };
  const cycle = matchPath({ path: '/cycles/:cycleId', end: false }, pathname);
  if (cycle) {
    const rest = pathname.slice(cycle.pathnameBase.length);
    const view: View = rest.startsWith('/observe') ? 'observe' : /^\/(analyze|discussion|evidence|students|coverage|findings)/.test(rest) ? 'analyze' : 'cycle';
    return { view, cycleId: cycle.params.cycleId };
  }
  return { view: 'other' };
};

/**
 * The context of the screen on show, with the owning group (and the design's newest
 * version) looked up, so the native menu can enable "New cycle" and the exports.
 */
export const useMenuContext = (): MenuContext => {
  const { pathname } = useLocation();
  const base = routeContext(pathname);
  const cycle = useQuery({
    queryKey: ['app', 'menu-cycle', base.cycleId],
    queryFn: () => backend.getCycle({ cycleId: base.cycleId! }),
    enabled: Boolean(base.cycleId),
  });
  const design = useQuery({
    queryKey: ['app', 'menu-design', base.designId],
    queryFn: () => backend.getDesign({ designId: base.designId! }),
    enabled: Boolean(base.designId),
  });
  const groupId = base.groupId ?? (base.cycleId ? cycle.data?.groupId : undefined) ?? (base.designId ? design.data?.groupId : undefined);
  const versionId = design.data ? latestVersion(design.data)?.id : undefined;
  return {
    view: base.view,
    ...(groupId ? { groupId } : {}),
    ...(base.cycleId ? { cycleId: base.cycleId } : {}),
    ...(base.designId ? { designId: base.designId } : {}),
    ...(versionId ? { versionId } : {}),
  };
};

/** Tell main where the user is whenever it changes (fire and forget: the menu is a convenience). */
export const useReportMenuContext = (context: MenuContext) => {
  const key = JSON.stringify(context);
  useEffect(() => {
    backend.setMenuContext(JSON.parse(key) as MenuContext).catch(() => undefined);
  }, [key]);
};
