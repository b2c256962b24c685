import { useState } from 'react';
import type { DeviceLesson } from '../../../shared/capture/protocol';
import { formatClock } from '../../../shared/observe/clock';
import type { NoteEntry } from '../db';
import type { Translate } from '../i18n';
import { isWaiting } from '../outbox';
import { targetName } from '../target';

/** This observer's notes, newest first, each with whether the host has it yet. */
export const MyNotes = ({
  t,
  entries,
  lesson,
  pseudonyms,
  onEdit,
  onDelete,
}: {
  t: Translate;
  entries: NoteEntry[];
  lesson: DeviceLesson;
  pseudonyms: ReadonlyMap<string, string>;
  onEdit: (id: string, text: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}) => {
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const codes = new Map(lesson.codebook.map((c) => [c.id, c.label]));

  return (
    <section className="panel notes" aria-labelledby="my-notes">
      <h2 id="my-notes">{t('myNotes')}</h2>
      {entries.length === 0 && <p className="hint">{t('noNotes')}</p>}
      <ol className="plain">
        {entries.map((entry) => {
          const { note } = entry;
          const step = lesson.steps.findIndex((s) => s.id === note.stepId);
          const who = targetName(note.target, pseudonyms, t('wholeClass'), t('nameSeparator'));
          const photos = note.photos.length + entry.photoIds.length;
          const status = entry.refused && entry.refused.rev === entry.rev
            ? t('statusRefused', { message: entry.refused.message })
            : isWaiting(entry)
              ? t('statusWaiting')
              : t('statusSent');
          return (
            <li key={entry.id} className="note-item">
              <p className="note-meta">
                <span>{formatClock(note.clockMs)}</span>
                {step >= 0 && <span>{t('stepOf', { n: step + 1, total: lesson.steps.length })}</span>}
                <span>{who}</span>
                <span className={isWaiting(entry) ? 'status waiting' : 'status'}>{status}</span>
              </p>
              {note.codeIds.length > 0 && <p className="note-codes">{note.codeIds.map((id) => codes.get(id) ?? '').filter(Boolean).join(' · ')}</p>}
              {editing?.id === entry.id ? (
                <div className="edit">
                  <label className="visually-hidden" htmlFor={`edit-${entry.id}`}>
                    {t('editingNote')}
                  </label>
                  <textarea id={`edit-${entry.id}`} className="field note" rows={3} value={editing.text} onChange={(e) => setEditing({ id: entry.id, text: e.target.value })} />
                  <div className="actions">
                    <button type="button" className="secondary" onClick={() => setEditing(null)}>
                      {t('cancelEdit')}
                    </button>
                    <button
                      type="button"
                      className="primary"
                      onClick={async () => {
                        await onEdit(entry.id, editing.text.trim());
                        setEditing(null);
                      }}
                    >
                      {t('saveEdit')}
                    </button>
                  </div>
                </div>
              ) : (
                <>
                  {note.text && <p className="note-text">{note.text}</p>}
                  {photos > 0 && <p className="hint">{photos === 1 ? t('photoOne') : t('photos', { count: photos })}</p>}
                  <div className="actions">
                    <button type="button" className="secondary" onClick={() => setEditing({ id: entry.id, text: note.text })}>
                      {t('edit')}
                    </button>
                    <button
                      type="button"
                      className="secondary danger"
                      onClick={() => {
                        if (window.confirm(t('confirmDelete'))) void onDelete(entry.id);
                      }}
                    >
                      {t('delete')}
                    </button>
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
};
