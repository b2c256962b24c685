import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuContext } from '../../../shared/contract/app';
import type { MenuLanguage } from '../../../shared/menu';
import { backend } from '../../api/client';
import { sendMenuAction } from '../../api/http-transport';
import { modKey } from '../app/shortcuts';
import { browserMenus, itemForKey, type MenuRow } from './menu-rows';
import './menu-bar.css';

/**
 * The native menu, drawn by the page when the app runs in a browser: the same template
 * (shared/menu.ts), the same enabled states (from the MenuContext the app reports) and the
 * same commands, sent as the native menu sends them (`sendMenuAction`). Keyboard use
 * follows the WAI-ARIA menubar pattern: arrows move, Enter/Space/↓ open, Escape closes.
 */
export const BrowserMenuBar = ({ context, language }: { context: MenuContext; language: MenuLanguage }) => {
  const { t } = useTranslation('browser');
  const recent = useQuery({ queryKey: ['app', 'recent-workspaces'], queryFn: () => backend.listRecentWorkspaces({}) });
  const menus = browserMenus({ language, context, recentWorkspaces: recent.data ?? [], send: sendMenuAction, mod: modKey() });
  const [open, setOpen] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  /** Which item to focus once the open menu has rendered. */
  const [focusItem, setFocusItem] = useState<'first' | 'last' | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const tops = useRef<Array<HTMLButtonElement | null>>([]);
  /** Where focus was before the bar took it, so a command runs where the user was (undo in a field). */
  const returnTo = useRef<HTMLElement | null>(null);
  const latest = useRef(menus);
  useEffect(() => {
    latest.current = menus;
  });

  const itemButtons = () => [...(bar.current?.querySelectorAll<HTMLElement>('[data-menu-item]') ?? [])];

  useEffect(() => {
    if (open === null || !focusItem) return;
    const buttons = itemButtons();
    (focusItem === 'first' ? buttons[0] : buttons[buttons.length - 1])?.focus();
    setFocusItem(null);
  }, [open, focusItem]);

  useEffect(() => {
    if (open === null) return;
    const outside = (event: PointerEvent) => {
      if (!bar.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  // The menu's shortcuts the browser lets a page have (Ctrl+O, Ctrl+E, Ctrl+Shift+E).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const item = itemForKey(latest.current, event);
      if (!item) return;
      event.preventDefault();
      if (item.enabled) item.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const count = menus.length;
  const moveTop = (to: number, keepOpen: boolean) => {
    const index = (to + count) % count;
    setActive(index);
    tops.current[index]?.focus();
    if (keepOpen) {
      setOpen(index);
      setFocusItem('first');
    }
  };
  const openMenu = (index: number, focus: 'first' | 'last') => {
    setActive(index);
    setOpen(index);
    setFocusItem(focus);
  };
  const close = (focusTop: boolean) => {
    const index = open;
    setOpen(null);
    if (focusTop && index !== null) tops.current[index]?.focus();
  };
  const activate = (item: MenuRow) => {
    if (!item.enabled) return;
    setOpen(null);
    (returnTo.current?.isConnected ? returnTo.current : document.body).focus?.();
    item.run();
  };

  const onTopKey = (index: number) => (event: ReactKeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveTop(index + 1, open !== null),
      ArrowLeft: () => moveTop(index - 1, open !== null),
      Home: () => moveTop(0, false),
      End: () => moveTop(count - 1, false),
      ArrowDown: () => openMenu(index, 'first'),
      Enter: () => openMenu(index, 'first'),
      ' ': () => openMenu(index, 'first'),
      ArrowUp: () => openMenu(index, 'last'),
      Escape: () => close(true),
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };

  const onItemKey = (index: number, item: MenuRow) => (event: ReactKeyboardEvent) => {
    const buttons = itemButtons();
    const at = buttons.indexOf(event.currentTarget as HTMLElement);
    const focusAt = (to: number) => buttons[(to + buttons.length) % buttons.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusAt(at + 1),
      ArrowUp: () => focusAt(at - 1),
      Home: () => focusAt(0),
      End: () => focusAt(buttons.length - 1),
      ArrowRight: () => moveTop(index + 1, true),
      ArrowLeft: () => moveTop(index - 1, true),
      Escape: () => close(true),
      Enter: () => activate(item),
      ' ': () => activate(item),
    };
    if (event.key === 'Tab') return setOpen(null);
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };

  const renderItem = (index: number, item: MenuRow) => (
    <button
      key={item.id}
      type="button"
      className="menu-bar-item"
      role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
      aria-checked={item.checked}
      aria-disabled={item.enabled ? undefined : true}
      aria-keyshortcuts={item.shortcut?.replace('⌘', 'Meta')}
      tabIndex={-1}
      data-menu-item=""
      onClick={() => activate(item)}
      onKeyDown={onItemKey(index, item)}
    >
      {item.checked === undefined ? null : <span className="menu-bar-check" aria-hidden="true">{item.checked ? '✓' : ''}</span>}
      <span className="menu-bar-item-label">{item.label}</span>
      {item.shortcut ? <span className="menu-bar-shortcut">{item.shortcut}</span> : null}
    </button>
  );

  return (
    <div
      ref={bar}
      className="menu-bar"
      role="menubar"
      aria-label={t('menuBar.label')}
      onFocus={(event) => {
        if (!bar.current?.contains(event.relatedTarget as Node | null)) returnTo.current = event.relatedTarget as HTMLElement | null;
      }}
    >
      {menus.map((menu, index) => (
        <div className="menu-bar-entry" key={menu.label}>
          <button
            ref={(element) => {
              tops.current[index] = element;
            }}
            type="button"
            className="menu-bar-top"
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={open === index}
            tabIndex={index === active ? 0 : -1}
            onClick={() => (open === index ? setOpen(null) : openMenu(index, 'first'))}
            onPointerEnter={() => {
              if (open !== null && open !== index) openMenu(index, 'first');
            }}
            onKeyDown={onTopKey(index)}
          >
            {menu.label}
          </button>
          {open === index ? (
            <div className="menu-bar-menu" role="menu" aria-label={menu.label}>
              {menu.sections.map((section, at) =>
                section.kind === 'separator' ? (
                  <div key={`separator-${at}`} className="menu-bar-separator" role="separator" />
                ) : section.kind === 'group' ? (
                  <div key={`group-${at}`} className="menu-bar-group" role="group" aria-label={section.label}>
                    <div className="menu-bar-group-label" aria-hidden="true">
                      {section.label}
                    </div>
                    {section.items.map((item) => renderItem(index, item))}
                  </div>
                ) : (
                  renderItem(index, section)
                ),
              )}
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
};
