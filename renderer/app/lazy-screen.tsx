import { lazy, type ComponentType } from 'react';

/**
 * A screen loaded when it is first opened, not with the app: the start screen paints
 * before the code of the screens behind it (the chart stack, the editors, zod's schemas)
 * has even been fetched. `name` is the screen's named export.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: each screen states its own
export const lazyScreen = <K extends string>(load: () => Promise<Record<K, ComponentType<any>>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));
