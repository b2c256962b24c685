import { createContext, useContext } from 'react';

/** The app-level overlays; one at a time. */
export type Overlay = 'palette' | 'shortcuts' | 'preferences' | 'about';

export interface AppUi {
  overlay: Overlay | null;
  open: (overlay: Overlay) => void;
  close: () => void;
  tourOpen: boolean;
  /** Show the guided tour (from Help, the palette, or right after the welcome). */
  startTour: () => void;
  endTour: () => void;
}

export const AppUiContext = createContext<AppUi>({
  overlay: null,
  open: () => undefined,
  close: () => undefined,
  tourOpen: false,
  startTour: () => undefined,
  endTour: () => undefined,
});

export const useAppUi = () => useContext(AppUiContext);
