/**
 * The closed set of error kinds. Every error that leaves a service is an AppError with a stable,
 * greppable machine code (namespaced per context, e.g. `ACCESS_INVALID_CREDENTIALS`), a message a person
 * can act on, and optional details. The HTTP layer maps the kind to a status; nothing else does.
 */
export type ErrorKind =
  | 'Invalid'
  | 'NotFound'
  | 'Conflict'
  | 'Unprocessable'
  | 'Forbidden'
  | 'Unauthenticated'
  | 'Unavailable'
  | 'TooLarge'
  | 'RateLimited';

export const statusOfKind: Readonly<Record<ErrorKind, number>> = Object.freeze({
  Invalid: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  Unprocessable: 422,
  TooLarge: 413,
  RateLimited: 429,
  Unavailable: 503,
});

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError('Invalid', code, message, details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError('NotFound', code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError('Conflict', code, message, details);
/** Well-formed, but the rules exclude it for this record (e.g. a link colour its evidence rules out). */
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError('Unprocessable', code, message, details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError('Forbidden', code, message, details);
export const unauthenticated = (code: string, message: string) =>
  new AppError('Unauthenticated', code, message);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
