import { useTranslation } from 'react-i18next';
import type { ListItem } from '../../../shared/domain/design';

/**
 * An editable list whose items keep stable ids (anticipated responses, points to notice),
 * so a comparison can tell a revised response from a new one. Read-only without onChange.
 */
export const ListEditor = ({
  items,
  onChange,
  itemLabel,
  addLabel,
  listLabel,
}: {
  items: ListItem[];
  onChange?: (items: ListItem[]) => void;
  itemLabel: (index: number) => string;
  addLabel: string;
  listLabel: string;
}) => {
  const { t } = useTranslation('plan');
  if (!onChange) {
    return items.length ? (
      <ul className="plan-list-readonly" aria-label={listLabel}>
        {items.map((item) => (
          <li key={item.id}>{item.text}</li>
        ))}
      </ul>
    ) : null;
  }
  const focusItem = (index: number) =>
    requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(`[data-list="${listLabel}"][data-index="${index}"]`)?.focus());
  return (
    <div className="plan-list-editor" role="group" aria-label={listLabel}>
      {items.map((item, index) => (
        <div key={item.id} className="plan-list-item">
          <span className="plan-list-bullet" aria-hidden="true">
            •
          </span>
          <textarea
            className="plan-autogrow"
            aria-label={itemLabel(index)}
            data-list={listLabel}
            data-index={index}
            value={item.text}
            rows={1}
            onChange={(event) => onChange(items.map((x) => (x.id === item.id ? { ...x, text: event.target.value } : x)))}
            onKeyDown={(event) => {
              // Enter adds the next item, as in any list editor; Shift+Enter keeps a line break.
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                const next = [...items];
                next.splice(index + 1, 0, { id: crypto.randomUUID(), text: '' });
                onChange(next);
                focusItem(index + 1);
              }
              if (event.key === 'Backspace' && item.text === '' && items.length > 0) {
                event.preventDefault();
                onChange(items.filter((x) => x.id !== item.id));
                focusItem(Math.max(0, index - 1));
              }
            }}
          />
          <button
            type="button"
            className="btn btn-ghost btn-small plan-icon-button"
            aria-label={t('removeItem', { item: itemLabel(index) })}
            onClick={() => onChange(items.filter((x) => x.id !== item.id))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-small plan-add-item"
        onClick={() => {
          onChange([...items, { id: crypto.randomUUID(), text: '' }]);
          focusItem(items.length);
        }}
      >
        + {addLabel}
      </button>
    </div>
  );
};
