import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyStep, type FlowStep } from '../../../shared/domain/design';
import { ListEditor } from './ListEditor';

/** Move one item of a list to another index; pure, so the keyboard and the mouse share it. */
export const moveItem = <T,>(items: T[], from: number, to: number): T[] => {
  if (to < 0 || to >= items.length || from === to) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

/** A copy of a step under new ids (its list items too), placed right after it. */
const duplicate = (step: FlowStep): FlowStep => ({
  ...step,
  id: crypto.randomUUID(),
  anticipatedResponses: step.anticipatedResponses.map((r) => ({ ...r, id: crypto.randomUUID() })),
  pointsToNotice: step.pointsToNotice.map((p) => ({ ...p, id: crypto.randomUUID() })),
});

const focusRow = (stepId: string) =>
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-step-handle="${stepId}"]`)?.focus());

/**
 * The lesson flow table as wide columns, one row per step. Steps reorder by dragging the
 * handle, by Alt+↑/↓ on a focused row or its handle, or with the move buttons; every
 * control is labelled with its step so a screen reader user knows where they are.
 */
export const FlowTableEditor = ({
  steps,
  onChange,
  changeNoteCounts = {},
}: {
  steps: FlowStep[];
  onChange?: (steps: FlowStep[]) => void;
  changeNoteCounts?: Record<string, number>;
}) => {
  const { t } = useTranslation('plan');
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const readOnly = !onChange;

  const update = (id: string, change: Partial<FlowStep>) => onChange?.(steps.map((s) => (s.id === id ? { ...s, ...change } : s)));
  const move = (index: number, to: number) => {
    if (!onChange || to < 0 || to >= steps.length) return;
    onChange(moveItem(steps, index, to));
    setAnnouncement(t('flow.movedTo', { title: steps[index].title || t('flow.untitledStep'), position: to + 1 }));
    focusRow(steps[index].id);
  };
  const onRowKeyDown = (event: KeyboardEvent, index: number) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(index, event.key === 'ArrowUp' ? index - 1 : index + 1);
  };
  const stepName = (index: number) => t('flow.stepName', { number: index + 1, title: steps[index].title || t('flow.untitledStep') });

  return (
    <div className="plan-flow">
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {!readOnly ? <p className="field-hint plan-flow-help">{t('flow.keyboardHelp')}</p> : null}
      <div className="plan-flow-scroll">
        <table className="plan-flow-table">
          <caption className="visually-hidden">{t('flow.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="plan-col-step">{t('flow.step')}</th>
              <th scope="col">{t('flow.activities')}</th>
              <th scope="col">{t('flow.anticipatedResponses')}</th>
              <th scope="col">{t('flow.teacherSupport')}</th>
              <th scope="col">{t('flow.pointsToNotice')}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step, index) => (
              <tr
                key={step.id}
                data-step-id={step.id}
                className={`plan-step-row${dragging === step.id ? ' is-dragging' : ''}${dropTarget === index ? ' is-drop-target' : ''}`}
                onKeyDown={(event) => onRowKeyDown(event, index)}
                onDragOver={(event) => {
                  if (!dragging) return;
                  event.preventDefault();
                  setDropTarget(index);
                }}
                onDrop={(event) => {
                  event.preventDefault();
                  const from = steps.findIndex((s) => s.id === dragging);
                  if (from >= 0) move(from, index);
                  setDragging(null);
                  setDropTarget(null);
                }}
              >
                <th scope="row" className="plan-col-step">
                  <div className="plan-step-head">
                    <span
                      className="plan-step-handle"
                      tabIndex={0}
                      role="button"
                      data-step-handle={step.id}
                      aria-label={readOnly ? stepName(index) : t('flow.handle', { step: stepName(index) })}
                      draggable={!readOnly}
                      onDragStart={(event) => {
                        event.dataTransfer.effectAllowed = 'move';
                        event.dataTransfer.setData('text/plain', step.id);
                        setDragging(step.id);
                      }}
                      onDragEnd={() => {
                        setDragging(null);
                        setDropTarget(null);
                      }}
                    >
                      {!readOnly ? <span aria-hidden="true">⠿ </span> : null}
                      {index + 1}
                    </span>
                    {changeNoteCounts[step.id] ? (
                      <span className="badge plan-badge">{t('flow.notesBadge', { count: changeNoteCounts[step.id] })}</span>
                    ) : null}
                  </div>
                  {readOnly ? (
                    <>
                      <div className="plan-step-title">{step.title}</div>
                      <div className="plan-step-minutes">{t('flow.minutesValue', { count: step.minutes })}</div>
                    </>
                  ) : (
                    <>
                      <input
                        className="plan-step-title-input"
                        aria-label={t('flow.titleOf', { number: index + 1 })}
                        placeholder={t('flow.titlePlaceholder')}
                        value={step.title}
                        onChange={(event) => update(step.id, { title: event.target.value })}
                      />
                      <label className="plan-step-minutes">
                        <input
                          type="number"
                          min={0}
                          max={600}
                          aria-label={t('flow.minutesOf', { number: index + 1 })}
                          value={step.minutes}
                          onChange={(event) => update(step.id, { minutes: Math.max(0, Math.min(600, Math.round(Number(event.target.value) || 0))) })}
                        />
                        <span aria-hidden="true">{t('flow.minutesUnit')}</span>
                      </label>
                      <div className="plan-step-actions">
                        <button type="button" className="btn btn-ghost btn-small plan-icon-button" aria-label={t('flow.moveUp', { step: stepName(index) })} disabled={index === 0} onClick={() => move(index, index - 1)}>
                          ↑
                        </button>
                        <button type="button" className="btn btn-ghost btn-small plan-icon-button" aria-label={t('flow.moveDown', { step: stepName(index) })} disabled={index === steps.length - 1} onClick={() => move(index, index + 1)}>
                          ↓
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost btn-small plan-icon-button"
                          aria-label={t('flow.duplicate', { step: stepName(index) })}
                          onClick={() => {
                            const copy = duplicate(step);
                            const next = [...steps];
                            next.splice(index + 1, 0, copy);
                            onChange(next);
                            focusRow(copy.id);
                          }}
                        >
                          {t('flow.duplicateShort')}
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost btn-small plan-icon-button plan-danger"
                          aria-label={t('flow.delete', { step: stepName(index) })}
                          onClick={() => {
                            onChange(steps.filter((s) => s.id !== step.id));
                            setAnnouncement(t('flow.deleted', { step: stepName(index) }));
                          }}
                        >
                          {t('flow.deleteShort')}
                        </button>
                      </div>
                    </>
                  )}
                </th>
                <td data-label={t('flow.activities')}>
                  {readOnly ? (
                    <div className="prose">{step.activities}</div>
                  ) : (
                    <textarea className="plan-autogrow plan-cell-text" aria-label={t('flow.activitiesOf', { number: index + 1 })} value={step.activities} onChange={(event) => update(step.id, { activities: event.target.value })} />
                  )}
                </td>
                <td data-label={t('flow.anticipatedResponses')}>
                  <ListEditor
                    items={step.anticipatedResponses}
                    onChange={readOnly ? undefined : (items) => update(step.id, { anticipatedResponses: items })}
                    listLabel={t('flow.responsesOf', { number: index + 1 })}
                    itemLabel={(i) => t('flow.responseItem', { item: i + 1, number: index + 1 })}
                    addLabel={t('flow.addResponse')}
                  />
                </td>
                <td data-label={t('flow.teacherSupport')}>
                  {readOnly ? (
                    <div className="prose">{step.teacherSupport}</div>
                  ) : (
                    <textarea className="plan-autogrow plan-cell-text" aria-label={t('flow.supportOf', { number: index + 1 })} value={step.teacherSupport} onChange={(event) => update(step.id, { teacherSupport: event.target.value })} />
                  )}
                </td>
                <td data-label={t('flow.pointsToNotice')}>
                  <ListEditor
                    items={step.pointsToNotice}
                    onChange={readOnly ? undefined : (items) => update(step.id, { pointsToNotice: items })}
                    listLabel={t('flow.pointsOf', { number: index + 1 })}
                    itemLabel={(i) => t('flow.pointItem', { item: i + 1, number: index + 1 })}
                    addLabel={t('flow.addPoint')}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!readOnly ? (
        <button
          type="button"
          className="btn plan-add-step"
          onClick={() => {
            const step = emptyStep(crypto.randomUUID());
            onChange([...steps, step]);
            requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-step-id="${step.id}"] .plan-step-title-input`)?.focus());
          }}
        >
          + {t('flow.addStep')}
        </button>
      ) : null}
    </div>
  );
};
