/**
 * Errors every caller sees: a stable code, a Chinese and an English message, the
 * field (and row, for imports) at fault, and the HTTP status the API answers with.
 */
export type ErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'throttled';

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  throttled: 429,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly message_zh: string,
    readonly message_en: string,
    readonly field?: string,
    readonly row?: number,
  ) {
    super(message_en);
    this.name = 'AppError';
    this.status = statusOf[kind];
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message_zh: this.message_zh,
      message_en: this.message_en,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.row === undefined ? {} : { row: this.row }),
    };
  }
}

export const invalid = (field: string, zh: string, en: string, code = 'invalid_input'): AppError =>
  new AppError('invalid', code, zh, en, field);

/** The same answer whether the record is missing or outside the caller's scope. */
export const notFound = (entity: string): AppError =>
  new AppError(
    'not_found',
    'not_found',
    '记录不存在或无权访问',
    `No such ${entity}, or not yours to see`,
  );

export const forbidden = (): AppError =>
  new AppError('forbidden', 'forbidden', '您的角色无权执行此操作', 'Your role may not do this');

export const unauthenticated = (): AppError =>
  new AppError('unauthenticated', 'unauthenticated', '请先登录', 'Please log in');

export const conflict = (code: string, zh: string, en: string, field?: string): AppError =>
  new AppError('conflict', code, zh, en, field);

/** A write that named a version someone else has since moved past (optimistic locking). */
export const staleVersion = (): AppError =>
  conflict(
    'stale_version',
    '该记录已被他人修改，请刷新后重试',
    'someone else changed this record; reload and try again',
    'version',
  );
