import { useTranslation } from 'react-i18next';
import { totalMinutes, type DesignContent, type ObservationAssignment, type UnitLesson } from '../../../shared/domain/design';
import type { Group } from '../../../shared/domain/group';
import { TextArea, TextField } from '../../ui/Field';
import { FlowTableEditor } from './FlowTableEditor';

type Change = (content: DesignContent) => void;

/** A text field that turns into plain text when the plan is read-only. */
const Text = ({ label, value, onChange, multiline = false, hint, error }: { label: string; value: string; onChange?: (value: string) => void; multiline?: boolean; hint?: string; error?: string }) => {
  if (!onChange) {
    return value ? (
      <div className="plan-readonly-field">
        <div className="plan-readonly-label">{label}</div>
        <div className="prose">{value}</div>
      </div>
    ) : null;
  }
  return multiline ? (
    <TextArea className="plan-autogrow" label={label} value={value} hint={hint} error={error} rows={3} onChange={(event) => onChange(event.target.value)} />
  ) : (
    <TextField label={label} value={value} hint={hint} error={error} onChange={(event) => onChange(event.target.value)} />
  );
};

const UnitSequenceEditor = ({ lessons, onChange }: { lessons: UnitLesson[]; onChange?: (lessons: UnitLesson[]) => void }) => {
  const { t } = useTranslation('plan');
  if (!onChange) {
    return lessons.length ? (
      <ol className="plan-unit-sequence">
        {lessons.map((lesson) => (
          <li key={lesson.id} className={lesson.isThisLesson ? 'is-this-lesson' : undefined}>
            {lesson.title} {lesson.isThisLesson ? <strong>{t('unit.thisLessonMark')}</strong> : null}
          </li>
        ))}
      </ol>
    ) : null;
  }
  return (
    <fieldset className="plan-unit-sequence-editor">
      <legend>{t('unit.sequence')}</legend>
      {lessons.map((lesson, index) => (
        <div key={lesson.id} className="plan-unit-row">
          <span aria-hidden="true">{index + 1}.</span>
          <input aria-label={t('unit.lessonTitle', { number: index + 1 })} value={lesson.title} onChange={(event) => onChange(lessons.map((l) => (l.id === lesson.id ? { ...l, title: event.target.value } : l)))} />
          <label className="plan-inline-check">
            <input type="radio" name="this-lesson" checked={lesson.isThisLesson} onChange={() => onChange(lessons.map((l) => ({ ...l, isThisLesson: l.id === lesson.id })))} />
            {t('unit.thisLesson')}
          </label>
          <button type="button" className="btn btn-ghost btn-small" aria-label={t('unit.remove', { number: index + 1 })} onClick={() => onChange(lessons.filter((l) => l.id !== lesson.id))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange([...lessons, { id: crypto.randomUUID(), title: '', isThisLesson: lessons.length === 0 }])}>
        + {t('unit.add')}
      </button>
    </fieldset>
  );
};

const ObservationPlanEditor = ({ rows, onChange, group }: { rows: ObservationAssignment[]; onChange?: (rows: ObservationAssignment[]) => void; group?: Group }) => {
  const { t } = useTranslation('plan');
  const members = group?.members ?? [];
  const students = (group?.focusStudents ?? []).filter((s) => !s.retired);
  const name = (id?: string) => members.find((m) => m.id === id)?.name ?? '';
  const pseudonym = (id?: string) => group?.focusStudents.find((s) => s.id === id)?.pseudonym ?? '';
  const update = (id: string, change: Partial<ObservationAssignment>) => onChange?.(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  if (!onChange && !rows.length) return null;
  return (
    <table className="plan-observation-table">
      <thead>
        <tr>
          <th scope="col">{t('observation.observer')}</th>
          <th scope="col">{t('observation.focusStudent')}</th>
          <th scope="col">{t('observation.groupLabel')}</th>
          <th scope="col">{t('observation.lookFor')}</th>
          {onChange ? <th scope="col"><span className="visually-hidden">{t('observation.actions')}</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) =>
          onChange ? (
            <tr key={row.id}>
              <td>
                <select aria-label={t('observation.observerOf', { number: index + 1 })} value={row.observerId ?? ''} onChange={(event) => update(row.id, { observerId: event.target.value || undefined })}>
                  <option value="">{t('observation.none')}</option>
                  {members.map((m) => (
                    <option key={m.id} value={m.id}>{m.name}</option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={t('observation.studentOf', { number: index + 1 })} value={row.studentId ?? ''} onChange={(event) => update(row.id, { studentId: event.target.value || undefined })}>
                  <option value="">{t('observation.none')}</option>
                  {students.map((s) => (
                    <option key={s.id} value={s.id}>{s.pseudonym}</option>
                  ))}
                </select>
              </td>
              <td>
                <input aria-label={t('observation.groupLabelOf', { number: index + 1 })} value={row.groupLabel} onChange={(event) => update(row.id, { groupLabel: event.target.value })} />
              </td>
              <td>
                <textarea className="plan-autogrow" rows={1} aria-label={t('observation.lookForOf', { number: index + 1 })} value={row.lookFor} onChange={(event) => update(row.id, { lookFor: event.target.value })} />
              </td>
              <td>
                <button type="button" className="btn btn-ghost btn-small" aria-label={t('observation.remove', { number: index + 1 })} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                  ×
                </button>
              </td>
            </tr>
          ) : (
            <tr key={row.id}>
              <td>{name(row.observerId)}</td>
              <td>{pseudonym(row.studentId)}</td>
              <td>{row.groupLabel}</td>
              <td className="prose">{row.lookFor}</td>
            </tr>
          ),
        )}
        {onChange ? (
          <tr>
            <td colSpan={5}>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange([...rows, { id: crypto.randomUUID(), groupLabel: '', lookFor: '' }])}>
                + {t('observation.add')}
              </button>
              {!members.length || !students.length ? <span className="field-hint"> {t('observation.hint')}</span> : null}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
};

/**
 * Every field of a research lesson plan. Editable when `onChange` is given (the draft),
 * read-only otherwise (a saved version, which nothing may edit).
 */
export const DesignEditor = ({
  content,
  onChange,
  group,
  changeNoteCounts,
  titleError,
}: {
  content: DesignContent;
  onChange?: Change;
  group?: Group;
  changeNoteCounts?: Record<string, number>;
  titleError?: string;
}) => {
  const { t } = useTranslation('plan');
  const set = <K extends keyof DesignContent>(key: K) => (onChange ? (value: DesignContent[K]) => onChange({ ...content, [key]: value }) : undefined);
  const setGoal = (key: keyof DesignContent['goals']) => (onChange ? (value: string) => onChange({ ...content, goals: { ...content.goals, [key]: value } }) : undefined);
  const total = totalMinutes(content);
  // A saved version shows only the sections it has; the draft shows every field to fill.
  const show = (...values: unknown[]) => Boolean(onChange) || values.some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v)));
  const over = total > content.durationMinutes;

  return (
    <div className="plan-editor">
      <section className="plan-section" aria-labelledby="plan-basics">
        <h2 id="plan-basics">{t('sections.basics')}</h2>
        <div className="form-row">
          <Text label={t('fields.title')} value={content.title} onChange={set('title')} error={titleError} />
        </div>
        <div className="form-row">
          <Text label={t('fields.subject')} value={content.subject} onChange={set('subject')} />
          <Text label={t('fields.grade')} value={content.grade} onChange={set('grade')} />
          <Text label={t('fields.unitName')} value={content.unitName} onChange={set('unitName')} />
        </div>
        <div className="form-row">
          {onChange ? (
            <TextField label={t('fields.duration')} type="number" min={1} max={600} value={content.durationMinutes} onChange={(event) => onChange({ ...content, durationMinutes: Math.max(1, Math.min(600, Math.round(Number(event.target.value) || 1))) })} />
          ) : (
            <Text label={t('fields.duration')} value={t('flow.minutesValue', { count: content.durationMinutes })} />
          )}
          <Text label={t('fields.plannedDate')} value={content.plannedDate} onChange={set('plannedDate')} />
          <Text label={t('fields.teacher')} value={content.teacher} onChange={set('teacher')} />
        </div>
        <UnitSequenceEditor lessons={content.unitSequence} onChange={set('unitSequence')} />
      </section>

      {show(content.researchTheme, group?.researchTheme, ...Object.values(content.goals)) ? (
      <section className="plan-section" aria-labelledby="plan-goals">
        <h2 id="plan-goals">{t('sections.goals')}</h2>
        <Text label={t('fields.researchTheme')} value={content.researchTheme} onChange={set('researchTheme')} multiline hint={group?.researchTheme ? t('fields.researchThemeHint', { theme: group.researchTheme }) : undefined} />
        {!onChange && !content.researchTheme && group?.researchTheme ? <Text label={t('fields.researchTheme')} value={group.researchTheme} /> : null}
        <Text label={t('fields.goalLongTerm')} value={content.goals.longTerm} onChange={setGoal('longTerm')} multiline />
        <Text label={t('fields.goalUnit')} value={content.goals.unit} onChange={setGoal('unit')} multiline />
        <Text label={t('fields.goalLesson')} value={content.goals.lesson} onChange={setGoal('lesson')} multiline />
      </section>
      ) : null}

      {show(content.background, content.materialStudy, content.materials) ? (
      <section className="plan-section" aria-labelledby="plan-background">
        <h2 id="plan-background">{t('sections.background')}</h2>
        <Text label={t('fields.background')} value={content.background} onChange={set('background')} multiline hint={t('fields.backgroundHint')} />
        <Text label={t('fields.materialStudy')} value={content.materialStudy} onChange={set('materialStudy')} multiline />
        <Text label={t('fields.materials')} value={content.materials} onChange={set('materials')} multiline />
      </section>
      ) : null}

      <section className="plan-section plan-section-flow" aria-labelledby="plan-flow">
        <div className="plan-flow-heading">
          <h2 id="plan-flow">{t('sections.flow')}</h2>
          <p className={`plan-minutes${over ? ' is-over' : ''}`} role="status" data-testid="minutes-total">
            {over ? <span aria-hidden="true">⚠ </span> : null}
            {t('flow.total', { total, duration: content.durationMinutes })}
            {over ? ` — ${t('flow.over', { count: total - content.durationMinutes })}` : null}
          </p>
        </div>
        <FlowTableEditor steps={content.steps} onChange={set('steps')} changeNoteCounts={changeNoteCounts} />
      </section>

      {show(content.boardPlan) ? (
      <section className="plan-section" aria-labelledby="plan-board">
        <h2 id="plan-board">{t('sections.board')}</h2>
        <Text label={t('fields.boardPlan')} value={content.boardPlan} onChange={set('boardPlan')} multiline />
      </section>
      ) : null}

      {show(content.observationPlan) ? (
      <section className="plan-section" aria-labelledby="plan-observation">
        <h2 id="plan-observation">{t('sections.observation')}</h2>
        <ObservationPlanEditor rows={content.observationPlan} onChange={set('observationPlan')} group={group} />
      </section>
      ) : null}
    </div>
  );
};
