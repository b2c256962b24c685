import { JOIN_PATH, JoinAnswer, JoinCode, type JoinRequest } from '../../shared/capture/protocol';

/**
 * Joining the lesson: `POST /join` with the secret from the QR code's URL fragment or
 * the code typed by hand. Each way it can fail gets its own message on the page, and
 * "cannot reach the laptop at all" gets advice about school Wi-Fi that keeps devices apart.
 */

export type JoinFailure =
  | { reason: 'wrong-code' }
  | { reason: 'throttled' }
  | { reason: 'unreachable' }
  /** The page's own check, before anything is sent. */
  | { reason: 'name-missing' }
  | { reason: 'code-format' }
  | { reason: 'server'; detail: string };

export type JoinOutcome = { ok: true; answer: JoinAnswer } | ({ ok: false } & JoinFailure);

/** The join secret from `#join=<secret>`, if the address carries one. */
export const joinSecretFromHash = (hash: string): string | undefined => {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const secret = params.get('join')?.trim();
  return secret ? secret : undefined;
};

/** The same fragment without the secret, so it leaves the address bar and the history. */
export const hashWithoutSecret = (hash: string): string => {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('join');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
};

export type FetchLike = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

export const joinLesson = async (
  fetchJson: FetchLike,
  input: { deviceName: string; secret?: string; code?: string; language: 'en' | 'ja' },
): Promise<JoinOutcome> => {
  const deviceName = input.deviceName.trim();
  if (!deviceName) return { ok: false, reason: 'name-missing' };
  const request: JoinRequest = { deviceName: deviceName.slice(0, 60), language: input.language };
  if (input.secret) request.secret = input.secret;
  else {
    const code = JoinCode.safeParse(input.code ?? '');
    if (!code.success) return { ok: false, reason: 'code-format' };
    request.code = code.data;
  }
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchJson(JOIN_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  } catch {
    // fetch rejects only when no answer came at all: wrong network, isolated Wi-Fi, laptop asleep.
    return { ok: false, reason: 'unreachable' };
  }
  // 410: the invitation has ended; to the observer that reads as "that code does not work".
  if (response.status === 403 || response.status === 401 || response.status === 404 || response.status === 410) return { ok: false, reason: 'wrong-code' };
  if (response.status === 429) return { ok: false, reason: 'throttled' };
  const body = await response.json().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) return { ok: false, reason: 'server', detail: errorDetail(body, response.status) };
  // The capture door answers as every door does, `{ ok: true, value }`; a bare JoinAnswer is read too.
  const value = body && typeof body === 'object' && 'ok' in body && 'value' in body ? (body as { value: unknown }).value : body;
  const answer = JoinAnswer.safeParse(value);
  return answer.success ? { ok: true, answer: answer.data } : { ok: false, reason: 'server', detail: 'unexpected answer' };
};

const errorDetail = (body: unknown, status: number): string => {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  }
  return `HTTP ${status}`;
};
