/**
 * The one error shape of the platform: `{ code, message_zh, message_en, field? }`.
 * Every layer (rules, store, HTTP, web) shows or serialises exactly these fields, so
 * a user always gets the message in both languages and, when an input caused it, the
 * name of that input.
 */
export interface DomainErrorShape {
  /** Stable machine-readable code, e.g. 'MONEY_NOT_INTEGER'. */
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  /** The input (field path) that caused the error, when there is one. */
  readonly field?: string;
}

export class DomainError extends Error implements DomainErrorShape {
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  readonly field?: string;

  constructor(shape: DomainErrorShape) {
    // `message` carries the English text so stack traces and logs stay readable.
    super(shape.field === undefined ? shape.message_en : `${shape.field}: ${shape.message_en}`);
    this.name = 'DomainError';
    this.code = shape.code;
    this.message_zh = shape.message_zh;
    this.message_en = shape.message_en;
    if (shape.field !== undefined) this.field = shape.field;
  }

  /** The wire shape; `JSON.stringify(error)` uses it. */
  toJSON(): DomainErrorShape {
    return this.field === undefined
      ? { code: this.code, message_zh: this.message_zh, message_en: this.message_en }
      : {
          code: this.code,
          message_zh: this.message_zh,
          message_en: this.message_en,
          field: this.field,
        };
  }

  /** A copy that names `field` (e.g. when a caller knows which input it passed). */
  withField(field: string): DomainError {
    return new DomainError({ ...this.toJSON(), field });
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
