import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../calendarDate.ts';
import { DomainError } from '../errors.ts';
import { yuanToFen, type Fen } from '../money.ts';
import { parseRate, type Rate } from '../rate.ts';

/**
 * Building blocks for rule input schemas, and the one place where a zod failure
 * becomes a bilingual DomainError naming the offending field.
 *
 * Inputs are written as people write them: money as yuan strings ('30000.00'), rates
 * as percent strings ('4.75'), dates 'YYYY-MM-DD'. Money and rates must be strings,
 * never JSON/YAML numbers: a number has already been through binary floating point
 * and an amount that may have been altered must not be accepted silently.
 */

/** Dates outside this window are typing mistakes, not loans of this policy. */
export const EARLIEST_INPUT_DATE = '1990-01-01' as IsoDate;
export const LATEST_INPUT_DATE = '2100-12-31' as IsoDate;

interface BilingualParams {
  readonly zh: string;
  readonly code: string;
}

function bilingualIssue(
  ctx: z.RefinementCtx,
  code: string,
  zh: string,
  en: string,
): typeof z.NEVER {
  const params: BilingualParams = { zh, code };
  ctx.addIssue({ code: 'custom', message: en, params });
  return z.NEVER;
}

/** Non-negative yuan amount with at most two decimals → Fen. */
export const yuanSchema = z
  .string()
  .meta({
    description: '金额（元，最多两位小数）/ amount in yuan, at most 2 decimals',
    pattern: '^\\d+(\\.\\d{1,2})?$',
    examples: ['30000.00'],
  })
  .transform((value, ctx): Fen => {
    let amount: Fen;
    try {
      amount = yuanToFen(value);
    } catch (e) {
      if (e instanceof DomainError) return bilingualIssue(ctx, e.code, e.message_zh, e.message_en);
      throw e;
    }
    if (amount < 0) {
      return bilingualIssue(
        ctx,
        'MONEY_NEGATIVE',
        `金额不能为负数：“${value}”`,
        `Amount must not be negative: "${value}"`,
      );
    }
    return amount;
  });

/** Rate or share in percent, ≥ 0 ('4.75' = 4.75 %). */
export const percentSchema = z
  .string()
  .meta({
    description: '百分数（年利率或比例）/ percent (annual rate or share)',
    pattern: '^\\d+(\\.\\d{1,8})?$',
    examples: ['4.75'],
  })
  .transform((value, ctx): Rate => {
    let rate: Rate;
    try {
      rate = parseRate(value);
    } catch (e) {
      if (e instanceof DomainError) return bilingualIssue(ctx, e.code, e.message_zh, e.message_en);
      throw e;
    }
    if (rate < 0) {
      return bilingualIssue(
        ctx,
        'RATE_NEGATIVE',
        `利率或比例不能为负数：“${value}”`,
        `Rate or share must not be negative: "${value}"`,
      );
    }
    return rate;
  });

/** 'YYYY-MM-DD', a real calendar date within [1990-01-01, 2100-12-31]. */
export const dateSchema = z
  .string()
  .meta({ description: '日期 / date YYYY-MM-DD', format: 'date', examples: ['2017-09-20'] })
  .transform((value, ctx): IsoDate => {
    let date: IsoDate;
    try {
      date = parseIsoDate(value);
    } catch (e) {
      if (e instanceof DomainError) return bilingualIssue(ctx, e.code, e.message_zh, e.message_en);
      throw e;
    }
    if (date < EARLIEST_INPUT_DATE || date > LATEST_INPUT_DATE) {
      return bilingualIssue(
        ctx,
        'DATE_OUT_OF_RANGE',
        `日期 ${value} 超出允许范围（${EARLIEST_INPUT_DATE} 至 ${LATEST_INPUT_DATE}）`,
        `Date ${value} is out of range (${EARLIEST_INPUT_DATE} to ${LATEST_INPUT_DATE})`,
      );
    }
    return date;
  });

/** A positive whole number of months, at most 50 years. */
export const termMonthsSchema = z.number().int().min(1).max(600);

/** A settlement year. */
export const yearSchema = z.number().int().min(1990).max(2100);

/** An interest period as banks write it: both ends included. */
export const inclusivePeriodSchema = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .superRefine((p, ctx) => {
    if (p.to < p.from) {
      const params: BilingualParams = {
        zh: `计息期结束日 ${p.to} 早于开始日 ${p.from}`,
        code: 'PERIOD_REVERSED',
      };
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `The period ends (${p.to}) before it starts (${p.from})`,
        params,
      });
    }
  });
export type InclusivePeriod = z.output<typeof inclusivePeriodSchema>;

/** Adds a bilingual custom issue at `path` from a superRefine. */
export function addBilingualIssue(
  ctx: z.RefinementCtx,
  path: readonly (string | number)[],
  code: string,
  zh: string,
  en: string,
): void {
  const params: BilingualParams = { zh, code };
  ctx.addIssue({ code: 'custom', path: [...path], message: en, params });
}

/** 'loan.principal', 'devices[0].count' */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${String(part)}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function typeName(expected: unknown): { zh: string; en: string } {
  switch (expected) {
    case 'string':
      return { zh: '字符串', en: 'a string' };
    case 'number':
      return { zh: '数字', en: 'a number' };
    case 'boolean':
      return { zh: '布尔值（true/false）', en: 'a boolean (true/false)' };
    case 'object':
      return { zh: '对象', en: 'an object' };
    case 'array':
      return { zh: '列表', en: 'a list' };
    case 'int':
      return { zh: '整数', en: 'a whole number' };
    default:
      return { zh: String(expected), en: String(expected) };
  }
}

/** One zod issue → a DomainError naming the field, in Chinese and English. */
export function issueToDomainError(issue: z.core.$ZodIssue): DomainError {
  let field = fieldPath(issue.path);
  let code = 'INPUT_INVALID';
  let zh: string;
  let en: string = issue.message;
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as Partial<BilingualParams> | undefined;
      zh = params?.zh ?? issue.message;
      code = params?.code ?? code;
      break;
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      field = field === '' ? key : `${field}.${key}`;
      code = 'INPUT_UNKNOWN_KEY';
      zh = `未知字段：${issue.keys.join('、')}`;
      en = `Unknown field(s): ${issue.keys.join(', ')}`;
      break;
    }
    case 'invalid_type': {
      const t = typeName(issue.expected);
      code = 'INPUT_WRONG_TYPE';
      zh = `${field === '' ? '输入' : field} 应为${t.zh}`;
      en = `${field === '' ? 'input' : field} must be ${t.en}`;
      break;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v)).join(' | ');
      code = 'INPUT_NOT_ALLOWED';
      zh = `取值无效，应为：${options}`;
      en = `Invalid value, expected one of: ${options}`;
      break;
    }
    case 'too_small':
      code = 'INPUT_TOO_SMALL';
      zh = `取值过小：应${issue.inclusive === false ? '大于' : '不小于'} ${String(issue.minimum)}`;
      en = `Too small: must be ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
      break;
    case 'too_big':
      code = 'INPUT_TOO_BIG';
      zh = `取值过大：应${issue.inclusive === false ? '小于' : '不大于'} ${String(issue.maximum)}`;
      en = `Too big: must be ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
      break;
    default:
      zh = `输入无效：${issue.message}`;
  }
  return new DomainError({
    code,
    message_zh: zh,
    message_en: en,
    field: field === '' ? 'input' : field,
  });
}

/**
 * Validates `raw` against a rule's schema. Throws the first problem zod reports as a
 * DomainError naming its field; nothing is evaluated.
 */
export function parseInput<I>(schema: z.ZodType<I>, raw: unknown): I {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (first === undefined) {
    throw new DomainError({
      code: 'INPUT_INVALID',
      message_zh: '输入无效',
      message_en: 'Invalid input',
      field: 'input',
    });
  }
  throw issueToDomainError(first);
}
