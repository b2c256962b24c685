import type { AppError, ErrorCode } from '../../shared/result';
import type { ChannelName, LessonStudyApi, RequestOf, ResponseOf } from '../../shared/contract';
import { API_GLOBAL } from '../../shared/contract/names';

/** An error from the backend, with its typed code, thrown by the client. */
export class BackendError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

declare global {
  interface Window {
    [API_GLOBAL]: LessonStudyApi;
  }
}

type Client = { [K in ChannelName]: (request: RequestOf<K>) => Promise<ResponseOf<K>> };

const rawApi = (): LessonStudyApi => {
  const api = window[API_GLOBAL];
  if (!api) throw new BackendError('internal', 'The app backend is not connected.');
  return api;
};

/**
 * The renderer's one way to reach the backend: `backend.listGroups({})` resolves with
 * the value or throws a BackendError. Components never see a channel string.
 */
export const backend: Client = new Proxy({} as Client, {
  get(_target, name: string) {
    return async (request: unknown) => {
      const call = rawApi()[name as ChannelName] as ((request: unknown) => Promise<{ ok: boolean; value?: unknown; error?: AppError }>) | undefined;
      if (!call) throw new BackendError('internal', `The backend has no function "${name}".`);
      const result = await call(request);
      if (result.ok) return result.value;
      throw new BackendError(result.error?.code ?? 'internal', result.error?.message ?? 'Unknown error');
    };
  },
});

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : 'Something went wrong.';
