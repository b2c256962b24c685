import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group } from '../../../shared/domain/group';
import type { ObservationTarget } from '../../../shared/domain/observation';
import { targetKey } from '../../../shared/observe/filter';
import { groupLabels, seatAt } from '../../../shared/observe/seating';
import { Dialog } from '../../ui/Dialog';
import { targetText } from './labels';

interface Option {
  key: string;
  label: string;
  kind: string;
  target: ObservationTarget;
}

export const targetOptions = (group: Group, t: ReturnType<typeof useTranslation>['t']): Option[] => [
  { key: 'class', label: t('target.wholeClass'), kind: t('target.kind.class'), target: { kind: 'class' } },
  ...groupLabels(group.seatingChart).map((label) => ({
    key: `group:${label}`,
    label,
    kind: t('target.kind.group'),
    target: { kind: 'group' as const, label },
  })),
  ...group.focusStudents
    .filter((s) => !s.retired)
    .map((s) => ({ key: `student:${s.id}`, label: s.pseudonym, kind: t('target.kind.student'), target: { kind: 'student' as const, studentId: s.id } })),
];

/**
 * Who a note is about: type to narrow, arrows to move, Enter to pick — or click a seat on
 * the seating chart. Opened with Alt+T from the note field; focus returns there.
 */
export const TargetPicker = ({
  open,
  onOpenChange,
  group,
  current,
  onPick,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  group: Group;
  current: ObservationTarget;
  onPick: (target: ObservationTarget) => void;
}) => {
  const { t } = useTranslation('observe');
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const options = useMemo(() => targetOptions(group, t), [group, t]);
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? options.filter((o) => o.label.toLocaleLowerCase().includes(q)) : options;
  }, [options, query]);
  const activeIndex = Math.min(active, Math.max(shown.length - 1, 0));

  const pick = (target: ObservationTarget) => {
    onPick(target);
    setQuery('');
    setActive(0);
    onOpenChange(false);
  };

  const chart = group.seatingChart;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('target.pickerTitle')} wide>
      <div className="target-picker">
        <div className="target-picker-list">
          <label htmlFor={`${id}-q`} className="field-label">
            {t('target.search')}
          </label>
          <input
            id={`${id}-q`}
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={shown[activeIndex] ? `${id}-${activeIndex}` : undefined}
            aria-autocomplete="list"
            value={query}
            autoFocus
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setActive((activeIndex + 1) % Math.max(shown.length, 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((activeIndex - 1 + shown.length) % Math.max(shown.length, 1));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                const option = shown[activeIndex];
                if (option) pick(option.target);
              }
            }}
          />
          <ul id={`${id}-list`} role="listbox" aria-label={t('target.options')} className="target-options">
            {shown.map((option, i) => (
              <li
                key={option.key}
                id={`${id}-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                className={`target-option${i === activeIndex ? ' is-active' : ''}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(option.target)}
              >
                <span>{option.label}</span>
                <span className="badge">{option.kind}</span>
                {targetKey(current) === option.key ? <span className="visually-hidden">{t('target.current')}</span> : null}
              </li>
            ))}
            {shown.length === 0 ? <li className="muted">{t('target.none')}</li> : null}
          </ul>
        </div>
        <div>
          <p className="field-label">{t('target.chart')}</p>
          <div
            className="seat-grid seat-grid-small"
            style={{ gridTemplateColumns: `repeat(${chart.cols}, minmax(0, 1fr))` }}
            aria-label={t('target.chart')}
            role="group"
          >
            {Array.from({ length: chart.rows * chart.cols }, (_, cell) => {
              const col = cell % chart.cols;
              const row = Math.floor(cell / chart.cols);
              const seat = seatAt(chart, col, row);
              if (!seat) return <div key={cell} className="seat-cell" />;
              const target: ObservationTarget = seat.studentId
                ? { kind: 'student', studentId: seat.studentId }
                : { kind: 'group', label: seat.label || '?' };
              return (
                <button key={cell} type="button" className="seat seat-button" tabIndex={-1} onClick={() => pick(target)}>
                  {targetText(group, target, t)}
                </button>
              );
            })}
          </div>
        </div>
      </div>
    </Dialog>
  );
};
