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
  const own = steps.filter((s) => s.id === note.stepId);
  const offered = own.length ? own : steps;
  const points = offered.flatMap((s) => s.pointsToNotice);
  const responses = offered.flatMap((s) => s.anticipatedResponses);
  if (points.length === 0 && responses.length === 0) return null;
  const linked = { pointToNoticeIds: note.pointToNoticeIds, anticipatedResponseIds: note.anticipatedResponseIds ?? [] };
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
              disabled={save.isPending}
              onChange={(e) => save.mutate({ ...note, [field]: toggled(linked[field], item.id, e.target.checked) })}
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
