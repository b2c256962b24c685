import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { Code } from '../../../shared/domain/group';
import { toggleCode } from '../../../shared/observe/stamp';
import type { Draft } from '../draft';
import type { Translate } from '../i18n';
import { newId } from '../ids';
import { preparePhoto } from '../photo';

/** The note field, the codebook's chips, the camera button and Save. */
export const Composer = ({
  t,
  codebook,
  draft,
  onChange,
  onSave,
  stampLabel,
}: {
  t: Translate;
  codebook: Code[];
  draft: Draft;
  onChange: (change: Partial<Omit<Draft, 'stamp'>>) => void;
  onSave: () => Promise<void>;
  stampLabel: string;
}) => {
  const noteId = useId();
  const camera = useRef<HTMLInputElement>(null);
  const [photoError, setPhotoError] = useState('');
  const [saving, setSaving] = useState(false);
  const blank = draft.text.trim() === '' && draft.codeIds.length === 0 && draft.pointIds.length === 0 && draft.photos.length === 0;

  const takePhoto = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPhotoError('');
    try {
      const { dataBase64 } = await preparePhoto(file);
      const id = newId();
      onChange({ photos: [...draft.photos, { id, name: `photo-${id.slice(0, 8)}.jpg`, dataBase64 }] });
    } catch {
      setPhotoError(t('photoFailed'));
    }
  };

  return (
    <section className="panel composer" aria-labelledby={`${noteId}-label`}>
      {codebook.length > 0 && (
        <div className="chips" role="group" aria-label={t('codebook')}>
          {codebook.map((code) => (
            <button
              key={code.id}
              type="button"
              className="chip code"
              aria-pressed={draft.codeIds.includes(code.id)}
              onClick={() => onChange({ codeIds: toggleCode(draft.codeIds, code.id) })}
            >
              <span className="swatch" aria-hidden="true" style={{ backgroundColor: code.color }} />
              {code.label}
            </button>
          ))}
        </div>
      )}
      <label id={`${noteId}-label`} htmlFor={noteId} className="note-label">
        {t('note')}
      </label>
      <textarea
        id={noteId}
        className="field note"
        rows={4}
        value={draft.text}
        placeholder={t('notePlaceholder')}
        onChange={(e) => onChange({ text: e.target.value })}
      />
      {stampLabel && <p className="hint">{stampLabel}</p>}
      {draft.photos.length > 0 && (
        <ul className="thumbs">
          {draft.photos.map((p, i) => (
            <li key={p.id}>
              <img src={`data:image/jpeg;base64,${p.dataBase64}`} alt={t('photoAlt', { n: i + 1 })} />
              <button type="button" className="chip" onClick={() => onChange({ photos: draft.photos.filter((x) => x.id !== p.id) })}>
                {t('removePhoto', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {photoError && <p className="error" role="alert">{photoError}</p>}
      <div className="actions">
        <input ref={camera} type="file" accept="image/*" capture="environment" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={takePhoto} />
        <button type="button" className="secondary" onClick={() => camera.current?.click()}>
          <CameraIcon />
          {t('camera')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={blank || saving}
          onClick={async () => {
            setSaving(true);
            await onSave().finally(() => setSaving(false));
          }}
        >
          {t('save')}
        </button>
      </div>
    </section>
  );
};

/** Drawn, not an emoji: school devices without an emoji font would show an empty box. */
const CameraIcon = () => (
  <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9Zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z"
    />
  </svg>
);
