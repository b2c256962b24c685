import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group } from '../../../shared/domain/group';
import type { ObservationTarget } from '../../../shared/domain/observation';
import { targetKey } from '../../../shared/observe/filter';
import { groupLabels, seatAt } from '../../../shared/observe/seating';
import { targetOfPicks, type TargetPick } from '../../../shared/observe/target-students';
import { Button } from '../../ui/Button';
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

/** A seat or roster chip picked towards a note about several students. */
type Chosen = TargetPick & { key: string };

/** A student is one pick whether chosen by seat or by chip; a free-labelled seat is its own. */
const chosenOf = (seat: { id: string; studentId?: string; label: string }, name: string): Chosen =>
  seat.studentId ? { key: `student:${seat.studentId}`, studentId: seat.studentId, name } : { key: `seat:${seat.id}`, name: seat.label || '?' };

/**
 * Who a note is about: type to narrow, arrows to move, Enter to pick — or click seats on
 * the seating chart and students' chips, then "Note about …": several students make a
 * note about each of them (a pair, a table); with a free-labelled seat, a group. Opened
 * with Alt+T from the note field; focus returns there.
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
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const toggle = (pick: Chosen) =>
    setChosen((now) => (now.some((c) => c.key === pick.key) ? now.filter((c) => c.key !== pick.key) : [...now, pick]));
  const isChosen = (key: string) => chosen.some((c) => c.key === key);
  const roster = useMemo(() => group.focusStudents.filter((s) => !s.retired), [group]);
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
    setChosen([]);
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
              const name = targetText(group, target, t);
              const choice = chosenOf(seat, name);
              return (
                <button
                  key={cell}
                  type="button"
                  className={`seat seat-button${isChosen(choice.key) ? ' is-selected' : ''}`}
                  tabIndex={-1}
                  aria-pressed={isChosen(choice.key)}
                  onClick={() => toggle(choice)}
                >
                  {name}
                </button>
              );
            })}
          </div>
          <p className="field-label" id={`${id}-several`}>
            {t('target.several')}
          </p>
          <p className="field-hint">{t('target.severalHint')}</p>
          <div role="group" aria-labelledby={`${id}-several`} className="seat-grid" style={{ display: 'flex', flexWrap: 'wrap' }}>
            {roster.map((student) => {
              const key = `student:${student.id}`;
              return (
                <button
                  key={student.id}
                  type="button"
                  className={`seat seat-button${isChosen(key) ? ' is-selected' : ''}`}
                  style={{ flex: '0 0 auto', padding: '0.2rem 0.6rem' }}
                  aria-pressed={isChosen(key)}
                  onClick={() => toggle({ key, studentId: student.id, name: student.pseudonym })}
                >
                  {student.pseudonym}
                </button>
              );
            })}
          </div>
          {chosen.length > 0 ? (
            <div className="data-actions" style={{ marginTop: '0.5rem' }}>
              <Button variant="primary" onClick={() => pick(targetOfPicks(chosen))}>
                {t('target.useSeveral', { names: chosen.map((c) => c.name) })}
              </Button>
              <Button variant="ghost" onClick={() => setChosen([])}>
                {t('target.clearSeveral')}
              </Button>
            </div>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
};
