/**
 * Results cross process boundaries as data: Electron keeps only `error.message` of a
 * thrown error, so a typed code would be lost if we threw across IPC.
 */
export const errorCodes = [
  'invalid-request',
  'not-found',
  'conflict',
  'immutable',
  'invalid-transition',
  'corrupt-file',
  'newer-schema',
  'locked',
  'read-only',
  'disk-full',
  'io',
  'forbidden',
  'too-large',
  'cancelled',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside the backend; turned into `{ ok: false, error }` at the boundary. */
export class LessonStudyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LessonStudyError';
  }
}

export const fail = (code: ErrorCode, message: string): never => {
  throw new LessonStudyError(code, message);
};
