import { Component, createElement, use, type ComponentType, type ReactNode } from 'react';

/** Waits between the attempts to fetch a screen's code: a server restarting under the tab is back within seconds. */
export const SCREEN_RETRY_WAITS_MS: readonly number[] = [250, 1000, 3000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Loads a screen's code, trying again after each wait when the fetch fails (Chromium
 * fetches a failed module again when it is imported again). The last failure is thrown.
 */
export const loadWithRetry = async <T,>(load: () => Promise<T>, waits: readonly number[] = SCREEN_RETRY_WAITS_MS, wait: (ms: number) => Promise<void> = sleep): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= waits.length) throw error;
      await wait(waits[attempt]);
    }
  }
};

/** Screens whose last load failed; ScreenBoundary forgets them when it is reset (Try again, another path). */
const failedScreens = new Set<() => void>();
export const forgetFailedScreens = () => {
  for (const forget of failedScreens) forget();
  failedScreens.clear();
};

/**
 * A screen loaded when it is first opened, not with the app: the start screen paints
 * before the code of the screens behind it (the chart stack, the editors, zod's schemas)
 * has even been fetched. `name` is the screen's named export. Unlike React.lazy, a load
 * that failed is not remembered: the next time the screen is shown, it is fetched again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: each screen states its own
export const lazyScreen = <K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K): M[K] => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  let screen: ComponentType<any> | undefined;
  let pending: Promise<void> | undefined;
  // Kept until forgotten, so React's own re-render after an error does not start another load.
  let failure: { error: unknown } | undefined;
  const Screen = (props: Record<string, unknown>) => {
    if (screen) return createElement(screen, props);
    if (failure) throw failure.error;
    pending ??= loadWithRetry(load).then(
      (module) => void (screen = module[name]),
      (error: unknown) => {
        failure = { error };
        failedScreens.add(() => {
          failure = undefined;
          pending = undefined;
        });
      },
    );
    use(pending);
    // Set while suspended (TypeScript cannot know the promise set it).
    const failed = failure as { error: unknown } | undefined;
    if (failed) throw failed.error;
    return createElement(screen!, props);
  };
  Screen.displayName = `Lazy(${name})`;
  return Screen as unknown as M[K];
};

/** Did this error come from fetching code (a module or a chunk), not from the screen itself? */
export const isCodeLoadFailure = (error: unknown): boolean =>
  error instanceof Error && /dynamically imported module|Importing a module script failed|error loading dynamically imported|Unable to preload/i.test(error.message);

/**
 * Around the screens: a screen whose code could not be fetched (the app stopped, the
 * network went away), or that failed while drawing, says so in place with "Try again",
 * instead of blanking the window. `resetKey` (the path) clears it when the user goes
 * elsewhere.
 */
export class ScreenBoundary extends Component<
  { resetKey: string; fallback: (error: unknown, retry: () => void) => ReactNode; children: ReactNode },
  { failed: boolean; error: unknown; key: string | null }
> {
  override state = { failed: false, error: undefined as unknown, key: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown) {
    this.setState({ key: this.props.resetKey });
    // Still an uncaught error to the page (DevTools, and tests that watch for them), though the window stays usable.
    reportError(error);
  }

  override componentDidUpdate() {
    if (this.state.key !== null && this.state.key !== this.props.resetKey) this.reset();
  }

  private reset() {
    forgetFailedScreens();
    this.setState({ failed: false, error: undefined, key: null });
  }

  override render() {
    if (this.state.failed) return this.props.fallback(this.state.error, () => this.reset());
    return this.props.children;
  }
}
