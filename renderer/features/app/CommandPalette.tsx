import * as RadixDialog from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { backend } from '../../api/client';
import { researchThemePath } from '../theme/paths';
import { fuzzyFilter } from './fuzzy';

export interface PaletteEntry {
  id: string;
  label: string;
  /** What kind of thing it is ("Group", "Cycle · Maple"), shown muted and searched too. */
  detail: string;
  /** Set when the label is in another language than the UI (e.g. "English" in a Japanese UI). */
  lang?: string;
  run: () => void;
}

/** Every group, cycle and design in the workspace, fetched when the palette opens. */
const usePaletteIndex = (enabled: boolean) =>
  useQuery({
    queryKey: ['app', 'palette-index'],
    enabled,
    staleTime: 0,
    queryFn: async () => {
      const groups = await backend.listGroups({});
      return Promise.all(
        groups.map(async (group) => ({
          group,
          cycles: await backend.listCycles({ groupId: group.id }),
          designs: await backend.listDesigns({ groupId: group.id }),
        })),
      );
    },
  });

/**
 * Ctrl/Cmd+K: jump to any group, cycle or lesson design, or run a command. An ARIA
 * combobox: focus stays in the input, arrows move the active option, Enter runs it.
 */
export const CommandPalette = ({
  open,
  onOpenChange,
  actions,
  navigate,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  actions: PaletteEntry[];
  navigate: (path: string) => void;
}) => {
  const { t } = useTranslation('app');
  const index = usePaletteIndex(open);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  const entries = useMemo<PaletteEntry[]>(() => {
    const places: PaletteEntry[] = (index.data ?? []).flatMap(({ group, cycles, designs }) => [
      { id: `group-${group.id}`, label: group.name, detail: t('palette.kinds.group'), run: () => navigate(`/groups/${group.id}`) },
      { id: `theme-${group.id}`, label: t('theme:palette'), detail: t('theme:paletteKind', { group: group.name }), run: () => navigate(researchThemePath(group.id)) },
      ...cycles.map((cycle) => ({
        id: `cycle-${cycle.id}`,
        label: cycle.title,
        detail: t('palette.kinds.cycle', { group: group.name }),
        run: () => navigate(`/cycles/${cycle.id}`),
      })),
      ...designs.map((design) => ({
        id: `design-${design.id}`,
        label: design.title || t('palette.untitled'),
        detail: t('palette.kinds.design', { group: group.name }),
        run: () => navigate(`/designs/${design.id}`),
      })),
    ]);
    return [...actions, ...places];
  }, [index.data, actions, navigate, t]);

  const shown = useMemo(() => fuzzyFilter(entries, query, (e) => `${e.label} ${e.detail}`).slice(0, 50), [entries, query]);
  const current = Math.min(active, Math.max(shown.length - 1, 0));
  const optionId = (i: number) => `${listId}-option-${i}`;

  const choose = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    onOpenChange(false);
    setQuery('');
    // After the dialog has closed and returned focus, so a dialog the command opens keeps it.
    setTimeout(entry.run, 0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + delta + shown.length) % Math.max(shown.length, 1));
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0);
    } else if (event.key === 'End' && event.ctrlKey) {
      setActive(shown.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(shown[current]);
    }
  };

  return (
    <RadixDialog.Root
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setQuery('');
      }}
    >
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className="dialog palette" aria-describedby={`${listId}-hint`}>
          <RadixDialog.Title className="visually-hidden">{t('palette.title')}</RadixDialog.Title>
          <p id={`${listId}-hint`} className="visually-hidden">
            {t('palette.hint')}
          </p>
          <input
            className="palette-input"
            role="combobox"
            aria-label={t('palette.inputLabel')}
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown.length ? optionId(current) : undefined}
            placeholder={t('palette.placeholder')}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            autoFocus
          />
          <ul id={listId} role="listbox" aria-label={t('palette.results')} className="palette-list">
            {shown.map((entry, i) => (
              <li
                key={entry.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className={`palette-option${i === current ? ' is-active' : ''}`}
                onMouseMove={() => setActive(i)}
                onClick={() => choose(entry)}
              >
                <span className="palette-label" lang={entry.lang}>
                  {entry.label}
                </span>
                <span className="palette-detail">{entry.detail}</span>
              </li>
            ))}
          </ul>
          {shown.length === 0 ? (
            <p className="palette-empty" role="status">
              {index.isLoading ? t('common:loading') : t('palette.noResults')}
            </p>
          ) : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
};
