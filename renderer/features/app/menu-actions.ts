import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { API_GLOBAL } from '../../../shared/contract/names';
import type { MenuAction, MenuActionSource, MenuContext } from '../../../shared/contract/app';
import { pressButtonWhenReady, runAppCommand } from '../../app/commands';
import { performUndo } from '../../ui/undo';
import { usePrintCommand } from '../print/usePrintCommand';
import type { AppUi } from './app-ui';
import type { PaletteEntry } from './CommandPalette';
import { usePreferences, useUpdatePreferences } from './preferences';
import type { useSwitchWorkspace } from './workspace-actions';

type Switcher = ReturnType<typeof useSwitchWorkspace>;
type Command = Exclude<MenuAction['type'], 'open-recent'>;

/**
 * Carries out a command from the native menu, the palette or a shortcut. Commands a
 * feature owns go to its registered handler (`useAppCommand`); without one, the app
 * opens the screen that has the feature's button and presses it.
 */
const useCommandRunner = (ui: AppUi, context: MenuContext, switcher: Switcher) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const print = usePrintCommand();
  return (command: Command) => {
    switch (command) {
      case 'new-group':
        if (!runAppCommand('new-group')) void navigate('/?new=group');
        return;
      case 'new-cycle':
        if (runAppCommand('new-cycle') || !context.groupId) return;
        void navigate(`/groups/${context.groupId}/cycles`);
        void pressButtonWhenReady(t('cycle:dashboard.newCycle'));
        return;
      case 'export-report':
        if (runAppCommand('export-report') || !context.cycleId) return;
        // The report screen holds the export options (anonymise, appendix, photos, language).
        if (pathname !== `/cycles/${context.cycleId}/report`) void navigate(`/cycles/${context.cycleId}/report`);
        return;
      case 'export-lesson-plan':
        if (runAppCommand('export-lesson-plan') || !context.designId) return;
        if (pathname !== `/designs/${context.designId}`) void navigate(`/designs/${context.designId}`);
        void pressButtonWhenReady(t('plan:export.plan'));
        return;
      case 'print':
        print();
        return;
      case 'open-workspace':
        void switcher.run({ kind: 'folder' });
        return;
      case 'open-sample':
        void switcher.run({ kind: 'sample' });
        return;
      case 'preferences':
        ui.open('preferences');
        return;
      case 'command-palette':
        ui.open('palette');
        return;
      case 'show-shortcuts':
        ui.open('shortcuts');
        return;
      case 'show-tour':
        ui.close();
        ui.startTour();
        return;
      case 'about':
        ui.open('about');
        return;
      case 'undo':
      case 'redo':
        performUndo(command);
        return;
    }
  };
};

/** Subscribes to the native menu through the preload's one narrow `onMenuAction`. */
export const useMenuActions = (ui: AppUi, context: MenuContext, switcher: Switcher) => {
  const run = useCommandRunner(ui, context, switcher);
  const latest = useRef({ run, switcher });
  useEffect(() => {
    latest.current = { run, switcher };
  });
  useEffect(() => {
    const source = (window as unknown as Record<string, Partial<MenuActionSource> | undefined>)[API_GLOBAL];
    if (!source?.onMenuAction) return;
    return source.onMenuAction((action) => {
      if (action.type === 'open-recent') void latest.current.switcher.run({ kind: 'recent', path: action.path });
      else latest.current.run(action.type);
    });
  }, []);
};

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type)));

/**
 * Keys that work everywhere: Ctrl/Cmd+K palette, `?` shortcuts (not while typing),
 * Ctrl/Cmd+, preferences, Ctrl/Cmd+/ shortcuts. In Electron the menu accelerators send
 * the same commands; opening is idempotent, so both arriving does no harm. Ctrl/Cmd+P
 * is the page's alone (its menu item registers no accelerator): it prints the screen's
 * document, not the screen, so the browser's own print must not run.
 */
export const useGlobalShortcuts = (ui: AppUi) => {
  const print = usePrintCommand();
  const latest = useRef({ ui, print });
  useEffect(() => {
    latest.current = { ui, print };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && !event.altKey && !event.shiftKey && key === 'k') {
        event.preventDefault();
        latest.current.ui.open('palette');
      } else if (mod && !event.altKey && !event.shiftKey && key === 'p') {
        event.preventDefault();
        latest.current.print();
      } else if (mod && !event.altKey && key === ',') {
        event.preventDefault();
        latest.current.ui.open('preferences');
      } else if (mod && !event.altKey && key === '/') {
        event.preventDefault();
        latest.current.ui.open('shortcuts');
      } else if (event.key === '?' && !mod && !event.altKey && !isTyping(event.target) && !document.querySelector('[role="dialog"][aria-modal="true"], [role="alertdialog"]')) {
        event.preventDefault();
        latest.current.ui.open('shortcuts');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
};

/** The palette's commands; those that do not apply here are left out. */
export const usePaletteActions = (ui: AppUi, context: MenuContext, switcher: Switcher): PaletteEntry[] => {
  const { t } = useTranslation('app');
  const navigate = useNavigate();
  const run = useCommandRunner(ui, context, switcher);
  const preferences = usePreferences();
  const update = useUpdatePreferences();
  const language = preferences.data?.uiLanguage ?? 'en';

  // Rebuilt on each render (a few dozen objects): entries must run with the current context.
  {
    const command = (id: Command, label: string): PaletteEntry => ({ id: `cmd-${id}`, label, detail: t('palette.kinds.command'), run: () => run(id) });
    const go = (id: string, label: string, path: string): PaletteEntry => ({ id, label, detail: t('palette.kinds.screen'), run: () => void navigate(path) });
    const cycle = context.cycleId;
    return [
      command('new-group', t('commands.newGroup')),
      ...(context.groupId ? [command('new-cycle', t('commands.newCycle'))] : []),
      ...(cycle
        ? [
            go('go-observe', t('commands.goObserve'), `/cycles/${cycle}/observe`),
            go('go-discussion', t('commands.goDiscussion'), `/cycles/${cycle}/discussion`),
            go('go-evidence', t('commands.goEvidence'), `/cycles/${cycle}/evidence`),
            go('go-findings', t('commands.goFindings'), `/cycles/${cycle}/findings`),
            command('export-report', t('commands.exportReport')),
          ]
        : []),
      ...(context.designId ? [command('export-lesson-plan', t('commands.exportLessonPlan'))] : []),
      command('print', t('print:print')),
      go('go-groups', t('commands.goGroups'), '/'),
      command('open-workspace', t('commands.openWorkspace')),
      command('open-sample', t('commands.openSample')),
      command('preferences', t('commands.preferences')),
      command('show-shortcuts', t('commands.shortcuts')),
      command('show-tour', t('commands.tour')),
      {
        id: 'cmd-language',
        label: language === 'ja' ? 'Switch to English' : '日本語に切り替える',
        detail: t('palette.kinds.command'),
        lang: language === 'ja' ? 'en' : 'ja',
        run: () => void update({ uiLanguage: language === 'ja' ? 'en' : 'ja' }),
      },
      ...(['light', 'dark', 'system'] as const).map((theme) => ({
        id: `cmd-theme-${theme}`,
        label: t(`commands.theme.${theme}`),
        detail: t('palette.kinds.command'),
        run: () => void update({ theme }),
      })),
    ];
  }
};
