import { z } from 'zod';
import { isoDateSchema, parseIsoDate, type IsoDate } from '../calendarDate.ts';
import { DomainError } from '../errors.ts';
import { fenToYuanString, yuanToFen, type Fen } from '../money.ts';
import { parseRate, rateToString, type Rate } from '../rate.ts';

/**
 * A policy parameter: one figure (or one configurable reading) of 武隆府办发〔2017〕53号,
 * as one file policy/parameters/<id>.yaml. Each value version says from when it is in
 * force and which document decided it, so that a computed amount can name the
 * parameter version it used and the sentence it comes from.
 */

export const PARAMETER_UNITS = [
  'CNY',
  'percent',
  'percentage-points',
  'count',
  'date',
  'months',
  'years',
  'ratio',
  'boolean',
  'enum',
] as const;
export type ParameterUnit = (typeof PARAMETER_UNITS)[number];

/** 'general' = the document's 总体目标; 'conventions' = practice the text leaves open. */
export const PARAMETER_SCOPES = ['general', 'conventions'] as const;
export type ParameterArticle = number | (typeof PARAMETER_SCOPES)[number];

/**
 * The typed value of a parameter, by unit: CNY → Fen; percent, percentage-points →
 * Rate (percent); count, months, years → integer; date → IsoDate; ratio → canonical
 * decimal string ('0.9'); boolean → boolean; enum → one of the parameter's choices.
 */
export type ParameterValue = Fen | Rate | number | IsoDate | string | boolean;

export interface ParameterVersion {
  /** 1 for the first value listed, 2 for the next, … */
  readonly version: number;
  /** First day this value is in force. */
  readonly from: IsoDate;
  readonly value: ParameterValue;
  /** The document that decided this value (e.g. 武隆府办发〔2017〕53号). */
  readonly document: string;
  readonly note?: string;
}

export interface ParameterDefinition {
  readonly id: string;
  readonly article: ParameterArticle;
  readonly title_zh: string;
  readonly title_en: string;
  readonly unit: ParameterUnit;
  /** Allowed values when unit is 'enum'. */
  readonly choices?: readonly string[];
  /** Words of the policy text the value comes from (a substring of the text). */
  readonly quote: string;
  readonly interpretation?: string;
  /** Versions in increasing order of `from`. */
  readonly versions: readonly ParameterVersion[];
}

/** 'art11.micro-credit.max-amount', 'general.…', 'conventions.…'. */
export const PARAMETER_ID =
  /^(?:art(?:[1-9]|[12]\d|3[0-6])|general|conventions)(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

const RATIO_TEXT = /^\d+(?:\.\d+)?$/;

function describe(raw: unknown): string {
  if (raw === undefined) return 'no value';
  return raw === null
    ? 'null'
    : Array.isArray(raw)
      ? 'a list'
      : `${typeof raw} ${JSON.stringify(raw)}`;
}

/**
 * Parses a value as written in a parameter file (or a scenario's `params` override)
 * for `unit`. Throws a DomainError naming `field` when the value does not fit.
 */
export function parseParameterValue(
  unit: ParameterUnit,
  raw: unknown,
  choices: readonly string[] | undefined,
  field = 'value',
): ParameterValue {
  const wrong = (expected_en: string, expected_zh: string): DomainError =>
    new DomainError({
      code: 'PARAMETER_VALUE_INVALID',
      message_zh: `参数值与单位“${unit}”不符：应为${expected_zh}，实际为 ${describe(raw)}`,
      message_en: `Value does not fit unit "${unit}": expected ${expected_en}, got ${describe(raw)}`,
      field,
    });
  const isText = typeof raw === 'string' || typeof raw === 'number';
  switch (unit) {
    case 'CNY':
      if (!isText)
        throw wrong('an amount in yuan (at most 2 decimals)', '以元为单位的金额（最多两位小数）');
      {
        let amount: Fen;
        try {
          amount = yuanToFen(raw, field);
        } catch {
          throw wrong('an amount in yuan (at most 2 decimals)', '以元为单位的金额（最多两位小数）');
        }
        // The policy's amounts are caps, subsidies and targets: none is negative.
        if (amount < 0) throw wrong('a non-negative amount in yuan', '非负的金额（元）');
        return amount;
      }
    case 'percent':
    case 'percentage-points':
      if (!isText) throw wrong('a decimal in percent, e.g. 4.75', '百分数的十进制数，如 4.75');
      {
        let rate: Rate;
        try {
          rate = parseRate(String(raw), field);
        } catch {
          throw wrong('a decimal in percent, e.g. 4.75', '百分数的十进制数，如 4.75');
        }
        // Reductions are written as positive figures ("下调1%"), so no rate is negative.
        if (rate < 0) throw wrong('a non-negative percent', '非负的百分数');
        return rate;
      }
    case 'count':
    case 'months':
    case 'years':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
        throw wrong('a non-negative whole number', '非负整数');
      }
      return raw;
    case 'date':
      if (typeof raw !== 'string') throw wrong('a date YYYY-MM-DD', 'YYYY-MM-DD 格式的日期');
      try {
        return parseIsoDate(raw, field);
      } catch {
        throw wrong('a date YYYY-MM-DD', 'YYYY-MM-DD 格式的日期');
      }
    case 'ratio': {
      const text = isText ? String(raw) : '';
      if (!RATIO_TEXT.test(text))
        throw wrong('a non-negative decimal, e.g. 0.9', '非负小数，如 0.9');
      return text;
    }
    case 'boolean':
      if (typeof raw !== 'boolean') throw wrong('true or false', 'true 或 false');
      return raw;
    case 'enum':
      if (typeof raw !== 'string' || choices === undefined || !choices.includes(raw)) {
        const list = (choices ?? []).join(', ');
        throw wrong(`one of: ${list}`, `以下之一：${list}`);
      }
      return raw;
  }
}

/** The value as text, the way parameter files and traces write it. */
export function formatParameterValue(unit: ParameterUnit, value: ParameterValue): string {
  switch (unit) {
    case 'CNY':
      return fenToYuanString(value as Fen);
    case 'percent':
    case 'percentage-points':
      return rateToString(value as Rate);
    default:
      return String(value);
  }
}

const versionSchema = z.strictObject({
  from: isoDateSchema,
  value: z.unknown(),
  document: z.string().trim().min(1),
  note: z.string().optional(),
});

const fileSchema = z.strictObject({
  id: z
    .string()
    .regex(PARAMETER_ID, 'expected art<1–36>.<name>, general.<name> or conventions.<name>'),
  article: z.union([z.number().int().min(1).max(36), z.enum(PARAMETER_SCOPES)]),
  title_zh: z.string().trim().min(1),
  title_en: z.string().trim().min(1),
  unit: z.enum(PARAMETER_UNITS),
  choices: z.array(z.string().min(1)).min(1).optional(),
  quote: z.string().trim().min(1),
  interpretation: z.string().trim().min(1).optional(),
  values: z.array(versionSchema).min(1),
});

/**
 * Strict schema of a parameter file; its output is the typed ParameterDefinition.
 * Unknown keys, a value without `document`, a value that does not fit the unit,
 * values not in strictly increasing order of `from`, an id that does not match the
 * article: all are errors with the path of the offending field.
 */
export const parameterFileSchema = fileSchema.transform((raw, ctx): ParameterDefinition => {
  const articleInId = /^art(\d+)\./.exec(raw.id)?.[1];
  const scope = raw.id.split('.')[0];
  if (
    (articleInId !== undefined && Number(articleInId) !== raw.article) ||
    (articleInId === undefined && scope !== raw.article)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['article'],
      message: `article ${String(raw.article)} does not match the id "${raw.id}"`,
    });
  }
  if (raw.unit === 'enum' && raw.choices === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['choices'],
      message: 'an enum parameter lists its choices',
    });
  }
  if (raw.unit !== 'enum' && raw.choices !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['choices'],
      message: 'only enum parameters have choices',
    });
  }
  const versions: ParameterVersion[] = [];
  raw.values.forEach((v, i) => {
    const prev = raw.values[i - 1];
    if (prev !== undefined && !(prev.from < v.from)) {
      ctx.addIssue({
        code: 'custom',
        path: ['values', i, 'from'],
        message:
          prev.from === v.from
            ? `two values from the same date ${v.from}`
            : `values must be sorted by from (${prev.from} comes before ${v.from})`,
      });
    }
    try {
      const value = parseParameterValue(
        raw.unit,
        v.value,
        raw.choices,
        `values[${String(i)}].value`,
      );
      versions.push({
        version: i + 1,
        from: v.from,
        value,
        document: v.document,
        ...(v.note === undefined ? {} : { note: v.note }),
      });
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        path: ['values', i, 'value'],
        message: e instanceof DomainError ? e.message_en : String(e),
      });
    }
  });
  return {
    id: raw.id,
    article: raw.article,
    title_zh: raw.title_zh,
    title_en: raw.title_en,
    unit: raw.unit,
    ...(raw.choices === undefined ? {} : { choices: raw.choices }),
    quote: raw.quote,
    ...(raw.interpretation === undefined ? {} : { interpretation: raw.interpretation }),
    versions,
  };
});

export interface ParameterIssue {
  /** Path of the offending field, e.g. 'values[1].from'; '' for the whole document. */
  readonly field: string;
  readonly message: string;
}

function pathToField(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${String(key)}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Validates a parsed parameter document; never throws. */
export function parseParameterDocument(
  raw: unknown,
): { ok: true; value: ParameterDefinition } | { ok: false; issues: ParameterIssue[] } {
  const result = parameterFileSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? {
            // Name the unknown key itself, so the message points at the line to fix.
            field: pathToField([...issue.path, issue.keys[0] ?? '']),
            message: `unknown key(s): ${issue.keys.join(', ')}`,
          }
        : { field: pathToField(issue.path), message: issue.message },
    ),
  };
}
