import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowStep, ListItem } from '../../../shared/domain/design';
import type { Observation } from '../../../shared/domain/observation';
import { errorMessage } from '../../api/client';
import { useSaveNoteLinks } from './queries';

const toggled = (ids: readonly string[], id: string, on: boolean) => (on ? [...new Set([...ids, id])] : ids.filter((x) => x !== id));

/**
 * What the plan predicted, beside one note: the points to notice and anticipated responses
 * of the note's step (of every step when the note has none), each a checkbox that links or
 * unlinks the note. Coverage, the students sheet and the report count these links.
 */
export const NoteLinks = ({ cycleId, note, steps }: { cycleId: string; note: Observation; steps: readonly FlowStep[] }) => {
  const { t } = useTranslation('analyze');
  const save = useSaveNoteLinks(cycleId);
  // A ticked box stays ticked from the click on, before the cache has the saved note.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const own = steps.filter((s) => s.id === note.stepId);
  const offered = own.length ? own : steps;
  const points = offered.flatMap((s) => s.pointsToNotice);
  const responses = offered.flatMap((s) => s.anticipatedResponses);
  if (points.length === 0 && responses.length === 0) return null;
  const withTicks = (ids: readonly string[], items: readonly ListItem[]) =>
    items.reduce((all, item) => (item.id in ticked ? toggled(all, item.id, ticked[item.id]) : all), [...ids]);
  const linked = {
    pointToNoticeIds: withTicks(note.pointToNoticeIds, points),
    anticipatedResponseIds: withTicks(note.anticipatedResponseIds ?? [], responses),
  };
  const linkedCount = linked.pointToNoticeIds.length + linked.anticipatedResponseIds.length;

  const list = (items: ListItem[], field: 'pointToNoticeIds' | 'anticipatedResponseIds', title: string) =>
    items.length ? (
      <fieldset className="note-links-group">
        <legend>{title}</legend>
        {items.map((item) => (
          <label key={item.id} className="checkbox">
            <input
              type="checkbox"
              checked={linked[field].includes(item.id)}
              onChange={(e) => {
                const on = e.target.checked;
                setTicked((all) => ({ ...all, [item.id]: on }));
                save.mutate({ ...note, ...linked, [field]: toggled(linked[field], item.id, on) }, { onError: () => setTicked({}) });
              }}
            />
            {item.text}
          </label>
        ))}
      </fieldset>
    ) : null;

  return (
    <details className="note-links">
      <summary>{t('links.summary', { count: linkedCount })}</summary>
      {list(points, 'pointToNoticeIds', t('links.points'))}
      {list(responses, 'anticipatedResponseIds', t('links.responses'))}
      {save.error ? (
        <p className="field-error" role="alert">
          {errorMessage(save.error)}
        </p>
      ) : null}
    </details>
  );
};
