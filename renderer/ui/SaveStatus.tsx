import { useIsMutating, useMutationState, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';

/**
 * Always visible: "Saved", "Saving…" or "Could not save — <reason>" with a retry.
 * It reads TanStack Query's mutation cache, so every save in the app reports here.
 */
/** Marks a write (as a mutation's `meta`) that does not show "Saving…" here; its failure still shows. */
export const quietSave = { quiet: true } as const;

export const SaveStatus = () => {
  const { t } = useTranslation();
  const pending = useIsMutating({ predicate: (mutation) => mutation.meta?.quiet !== quietSave.quiet });
  const client = useQueryClient();
  const latest = useMutationState({ select: (mutation) => mutation.state }).at(-1);
  let content: string;
  let state: string;
  if (pending > 0) {
    state = 'saving';
    content = t('saving');
  } else if (latest?.status === 'error') {
    state = 'error';
    content = t('saveFailed', { reason: errorMessage(latest.error) });
  } else {
    state = 'saved';
    content = t('saved');
  }
  return (
    <div className={`save-status save-status-${state}`} role="status" aria-live="polite" data-save-state={state}>
      <span className="save-status-dot" aria-hidden="true" />
      <span>{content}</span>
      {state === 'error' ? (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => {
            const failed = client.getMutationCache().getAll().filter((m) => m.state.status === 'error').at(-1);
            if (failed) void failed.execute(failed.state.variables);
          }}
        >
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
};
