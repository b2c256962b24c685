import { contract, type ChannelName, type BackendService } from '../shared/contract';
import { LessonStudyError, type Result } from '../shared/result';

/** Large enough for a whole design or an observation pack; small enough to refuse abuse. */
export const MAX_PAYLOAD_CHARS = 8 * 1024 * 1024;

const describeIssues = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string =>
  issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');

/**
 * Validate a request against the contract, run the backend function, validate its answer
 * and wrap everything as a Result. Electron's ipc.ts and the e2e bridge both call this,
 * so the browser tests exercise the same validation as the desktop app.
 */
export const dispatch = async (
  service: Partial<BackendService>,
  name: string,
  payload: unknown,
): Promise<Result<unknown>> => {
  if (!Object.hasOwn(contract, name)) {
    return { ok: false, error: { code: 'invalid-request', message: `Unknown request "${String(name).slice(0, 60)}".` } };
  }
  const spec = contract[name as ChannelName];
  try {
    const size = JSON.stringify(payload ?? null)?.length ?? 0;
    if (size > MAX_PAYLOAD_CHARS) {
      return { ok: false, error: { code: 'too-large', message: 'That request is too large to process.' } };
    }
  } catch {
    return { ok: false, error: { code: 'invalid-request', message: 'That request cannot be read.' } };
  }
  const parsed = spec.request.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-request', message: `Invalid request to ${name}: ${describeIssues(parsed.error.issues)}` },
    };
  }
  try {
    const handler = service[name as ChannelName] as ((request: unknown) => Promise<unknown>) | undefined;
    if (!handler) {
      return { ok: false, error: { code: 'invalid-request', message: `"${name}" is not available here.` } };
    }
    const value = await handler(parsed.data);
    const checked = spec.response.safeParse(value);
    if (!checked.success) {
      return {
        ok: false,
        error: { code: 'internal', message: `The app produced an invalid answer for ${name}: ${describeIssues(checked.error.issues)}` },
      };
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    if (error instanceof LessonStudyError) return { ok: false, error: { code: error.code, message: error.message } };
    if (error && typeof error === 'object' && 'issues' in error) {
      return { ok: false, error: { code: 'invalid-request', message: describeIssues((error as { issues: [] }).issues) } };
    }
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
};
