import { useCallback, useEffect, useState } from 'react';

/**
 * Distraction-free mode for a planning meeting on a projector: the app chrome is hidden
 * (a class on <html>, which also scales rem-based type), type grows, and the browser goes full screen where it can. Esc
 * leaves — the browser's own Esc ends full screen, which ends the mode with it.
 */
export const useFocusMode = () => {
  const [active, setActive] = useState(false);

  const exit = useCallback(() => {
    setActive(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);

  const enter = useCallback(() => {
    setActive(true);
    // Not every host allows it (or it is refused without a user gesture); the mode works anyway.
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!active) return;
    document.documentElement.classList.add('plan-focus-mode');
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('[role="dialog"], [role="alertdialog"]')) exit();
    };
    const onFullscreen = () => {
      if (!document.fullscreenElement) setActive(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      document.documentElement.classList.remove('plan-focus-mode');
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [active, exit]);

  return { active, enter, exit };
};
