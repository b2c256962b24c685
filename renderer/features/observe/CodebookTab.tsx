import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code, Group } from '../../../shared/domain/group';
import { nextCodeColor } from '../../../shared/observe/codebook';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { useAddCode, useMoveCode, useUpdateCode } from './queries';

/** `key`: the code's capture key (1…9, 0) when it has one; `first`/`last` among the codes in use. */
const CodeRow = ({ code, groupId, keyDigit, first, last }: { code: Code; groupId: string; keyDigit?: number; first?: boolean; last?: boolean }) => {
  const { t } = useTranslation('observe');
  const update = useUpdateCode(groupId);
  const move = useMoveCode(groupId);
  const [label, setLabel] = useState(code.label);
  const rename = () => {
    if (label.trim() && label.trim() !== code.label) update.mutate({ codeId: code.id, label: label.trim() });
  };
  return (
    <li className={`codebook-row${code.retired ? ' is-retired' : ''}`}>
      <span className="codebook-key">{keyDigit !== undefined ? <kbd aria-label={t('codebook.keyOf', { key: `Alt+${keyDigit}` })}>Alt+{keyDigit}</kbd> : null}</span>
      <input
        type="color"
        value={code.color}
        aria-label={t('codebook.colorOf', { label: code.label })}
        onChange={(e) => update.mutate({ codeId: code.id, color: e.target.value })}
      />
      <input
        className="codebook-label"
        value={label}
        aria-label={t('codebook.labelOf', { label: code.label })}
        onChange={(e) => setLabel(e.target.value)}
        onBlur={rename}
        onKeyDown={(e) => {
          if (e.key === 'Enter') rename();
        }}
      />
      {code.retired ? <span className="badge">{t('codebook.retired')}</span> : code.rubric ? <span className="badge">{code.rubric}</span> : <span />}
      {!code.retired ? (
        <span className="codebook-move">
          <Button className="btn-small" disabled={first || move.isPending} onClick={() => move.mutate({ codeId: code.id, direction: 'earlier' })} aria-label={t('codebook.moveEarlier', { label: code.label })}>
            <span aria-hidden="true">↑</span>
          </Button>
          <Button className="btn-small" disabled={last || move.isPending} onClick={() => move.mutate({ codeId: code.id, direction: 'later' })} aria-label={t('codebook.moveLater', { label: code.label })}>
            <span aria-hidden="true">↓</span>
          </Button>
        </span>
      ) : (
        <span />
      )}
      <Button className="btn-small" onClick={() => update.mutate({ codeId: code.id, retired: !code.retired })}>
        {code.retired ? t('codebook.restore', { label: code.label }) : t('codebook.retire', { label: code.label })}
      </Button>
      {update.error || move.error ? (
        <p className="field-error" role="alert">
          {errorMessage(update.error ?? move.error)}
        </p>
      ) : null}
    </li>
  );
};

/** The group's codebook: add, rename, colour, order and retire codes. Retired codes stay on old notes. */
export const CodebookTab = ({ group }: { group: Group }) => {
  const { t } = useTranslation('observe');
  const add = useAddCode(group.id);
  const [label, setLabel] = useState('');
  const [color, setColor] = useState(() => nextCodeColor(group.codebook));
  const [rubric, setRubric] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!label.trim()) return;
    add.mutate(
      { label: label.trim(), color, ...(rubric.trim() ? { rubric: rubric.trim() } : {}) },
      {
        onSuccess: (saved) => {
          setLabel('');
          // The next new code gets a hue of its own.
          setColor(nextCodeColor(saved.codebook));
        },
      },
    );
  };
  const rubrics = [...new Set(group.codebook.map((c) => c.rubric ?? '').filter(Boolean))];
  // One list in the order of the capture keys, which the group sets; retired codes below.
  const inUse = group.codebook.filter((c) => !c.retired);
  const retired = group.codebook.filter((c) => c.retired);
  return (
    <div className="codebook">
      <p className="field-hint">{t('codebook.intro')}</p>
      <section aria-labelledby="codebook-in-use">
        <h2 id="codebook-in-use">{t('codebook.inUse')}</h2>
        <p className="field-hint">{t('codebook.orderHint')}</p>
        <ol className="codebook-list">
          {inUse.map((code, i) => (
            <CodeRow key={`${code.id}:${code.label}`} code={code} groupId={group.id} keyDigit={i < 10 ? (i + 1) % 10 : undefined} first={i === 0} last={i === inUse.length - 1} />
          ))}
        </ol>
      </section>
      {retired.length ? (
        <section aria-labelledby="codebook-retired">
          <h2 id="codebook-retired">{t('codebook.retiredCodes')}</h2>
          <ul className="codebook-list">
            {retired.map((code) => (
              <CodeRow key={`${code.id}:${code.label}`} code={code} groupId={group.id} />
            ))}
          </ul>
        </section>
      ) : null}
      <form className="codebook-add" onSubmit={submit} aria-label={t('codebook.add')}>
        <h2>{t('codebook.add')}</h2>
        <div className="form-row">
          <div className="field">
            <label htmlFor="new-code-label">{t('codebook.newLabel')}</label>
            <input id="new-code-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={60} />
          </div>
          <div className="field">
            <label htmlFor="new-code-color">{t('codebook.newColor')}</label>
            <input id="new-code-color" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="new-code-rubric">{t('codebook.newRubric')}</label>
            <input id="new-code-rubric" value={rubric} onChange={(e) => setRubric(e.target.value)} list="rubric-names" maxLength={60} />
            <datalist id="rubric-names">
              {rubrics.filter(Boolean).map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </div>
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary">
            {t('codebook.addButton')}
          </Button>
        </div>
        {add.error ? (
          <p className="field-error" role="alert">
            {errorMessage(add.error)}
          </p>
        ) : null}
      </form>
    </div>
  );
};
