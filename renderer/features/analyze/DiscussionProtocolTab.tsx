import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultProtocol } from '../../../shared/domain/analysis';
import type { Group } from '../../../shared/domain/group';
import { backend, errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';

type Entry = Group['discussionProtocol'][number];

/**
 * The group's own order for the post-lesson discussion. Until the group changes it, the
 * established order is shown (and used); saving makes it the group's own.
 */
export const DiscussionProtocolTab = ({ group }: { group: Group }) => {
  const { t } = useTranslation('analyze');
  const client = useQueryClient();
  const fallback = (): Entry[] =>
    defaultProtocol.map(({ kind, minutes }) => ({ id: crypto.randomUUID(), title: t(`segments.${kind}`), plannedMinutes: minutes }));
  const [entries, setEntries] = useState<Entry[]>(() => (group.discussionProtocol.length ? group.discussionProtocol : fallback()));
  const [message, setMessage] = useState<string>();
  const save = useMutation({
    mutationFn: (protocol: Entry[]) => backend.saveDiscussionProtocol({ groupId: group.id, protocol }),
    onSuccess: (saved) => {
      client.setQueryData(['group', group.id], saved);
      setMessage(t('protocol.saved'));
    },
    onError: (error) => setMessage(errorMessage(error)),
  });
  const change = (index: number, patch: Partial<Entry>) =>
    setEntries((current) => current.map((entry, i) => (i === index ? { ...entry, ...patch } : entry)));
  const move = (index: number, by: number) =>
    setEntries((current) => {
      const next = [...current];
      const [entry] = next.splice(index, 1);
      next.splice(Math.max(0, Math.min(next.length, index + by)), 0, entry);
      return next;
    });
  const total = entries.reduce((sum, entry) => sum + entry.plannedMinutes, 0);

  return (
    <section aria-labelledby="protocol-heading" className="protocol-editor">
      <h2 id="protocol-heading">{t('protocol.heading')}</h2>
      <p className="field-hint">{t('protocol.hint')}</p>
      <ol className="protocol-list">
        {entries.map((entry, index) => (
          <li key={entry.id} className="protocol-row">
            <label>
              <span className="visually-hidden">{t('protocol.title', { number: index + 1 })}</span>
              <input value={entry.title} onChange={(e) => change(index, { title: e.target.value })} aria-label={t('protocol.title', { number: index + 1 })} />
            </label>
            <label className="protocol-minutes">
              <input
                type="number"
                min={0}
                max={240}
                value={entry.plannedMinutes}
                onChange={(e) => change(index, { plannedMinutes: Math.max(0, Math.min(240, Number(e.target.value) || 0)) })}
                aria-label={t('protocol.minutes', { number: index + 1 })}
              />
              <span aria-hidden="true">{t('protocol.min')}</span>
            </label>
            <Button variant="ghost" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t('protocol.up', { number: index + 1 })}>
              ↑
            </Button>
            <Button variant="ghost" onClick={() => move(index, 1)} disabled={index === entries.length - 1} aria-label={t('protocol.down', { number: index + 1 })}>
              ↓
            </Button>
            <Button variant="ghost" onClick={() => setEntries((current) => current.filter((_, i) => i !== index))} aria-label={t('protocol.remove', { number: index + 1 })}>
              {t('common:remove')}
            </Button>
          </li>
        ))}
      </ol>
      <p>{t('protocol.total', { minutes: total })}</p>
      <div className="form-actions protocol-actions">
        <Button onClick={() => setEntries((current) => [...current, { id: crypto.randomUUID(), title: t('protocol.newSegment'), plannedMinutes: 5 }])}>{t('protocol.add')}</Button>
        <Button onClick={() => setEntries(fallback())}>{t('protocol.restore')}</Button>
        <Button
          variant="primary"
          disabled={save.isPending || entries.some((entry) => !entry.title.trim())}
          onClick={() => {
            setMessage(undefined);
            save.mutate(entries.map((entry) => ({ ...entry, title: entry.title.trim() })));
          }}
        >
          {t('protocol.save')}
        </Button>
      </div>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
};
