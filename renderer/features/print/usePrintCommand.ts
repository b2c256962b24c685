import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { printTarget } from './print-target';

/** The Print command (menu, Ctrl/Cmd+P, palette): opens the screen's print view, which prints itself, or prints at once. */
export const usePrintCommand = () => {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  return useCallback(() => {
    const target = printTarget(pathname, search);
    if (target.kind === 'open') void navigate(target.path);
    else window.print();
  }, [navigate, pathname, search]);
};
