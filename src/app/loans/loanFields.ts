import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../../core/calendarDate.ts';
import { DomainError } from '../../core/errors.ts';
import { yuanToFen, type Fen } from '../../core/money.ts';
import { parseRate, RATE_UNITS_PER_PERCENT, type Rate } from '../../core/rate.ts';
import { AppError } from '../errors.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { bilingual } from '../validation.ts';

/** Field schemas and roles shared by the loan use cases. */

/** Everyone who may read loans and needs (each within scope). */
export const LOAN_READERS: readonly Role[] = [...DISTRICT_ROLES, 'township_clerk', 'bank_officer'];

export const LOAN_CATEGORIES = [
  'poverty_micro_credit',
  'rural_tourism_micro_credit',
  'self_employed_mortgage',
  'employer_mortgage',
  'industry',
  'relocation',
  'student',
  'supplementary_student',
  'infrastructure',
  'property_mortgage',
  'land_income_guarantee',
  'entrusted',
  'entrepreneurship_guarantee',
] as const;

/** Categories that count against the art. 11 household cap across all lenders. */
export const MICRO_CREDIT_CATEGORIES = [
  'poverty_micro_credit',
  'rural_tourism_micro_credit',
] as const;

/**
 * A yuan amount (string or number) > 0 with at most two decimals, as integer fen.
 * '12.345' is refused, never rounded.
 */
export const positiveYuan = z.union([z.string(), z.number()]).transform((value, ctx): Fen => {
  let amount: Fen;
  try {
    amount = yuanToFen(typeof value === 'string' ? value.trim() : value);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        `应为元，最多两位小数（如“364.17”），实际为“${String(value)}”`,
        `must be yuan with at most 2 decimals (e.g. "364.17"), got "${String(value)}"`,
      ),
    });
    return z.NEVER;
  }
  if (amount <= 0) {
    ctx.addIssue({ code: 'custom', message: bilingual('必须大于0元', 'must be more than 0 yuan') });
    return z.NEVER;
  }
  return amount;
});

/** An annual rate in percent, 0 < rate < 100 ('4.75'; a trailing '%' is accepted). */
export const annualRate = z.union([z.string(), z.number()]).transform((value, ctx): Rate => {
  const text = String(value).trim().replace(/%$/, '').trim();
  let rate: Rate;
  try {
    rate = parseRate(text, 'annualRate');
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    ctx.addIssue({ code: 'custom', message: bilingual(e.message_zh, e.message_en) });
    return z.NEVER;
  }
  if (rate <= 0 || rate >= 100 * RATE_UNITS_PER_PERCENT) {
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        '年利率必须大于0%且小于100%',
        'must be greater than 0% and less than 100%',
      ),
    });
    return z.NEVER;
  }
  return rate;
});

/** A calendar date 'YYYY-MM-DD' that exists. */
export const businessDate = z.string().transform((value, ctx): IsoDate => {
  try {
    return parseIsoDate(value.trim());
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    ctx.addIssue({
      code: 'custom',
      message: bilingual('日期应为存在的YYYY-MM-DD', 'must be an existing YYYY-MM-DD date'),
    });
    return z.NEVER;
  }
});

export const termMonths = z.coerce
  .number()
  .int(bilingual('应为整数月数', 'must be a whole number of months'))
  .min(1, bilingual('期限至少1个月', 'must be at least 1 month'))
  .max(600, bilingual('期限不能超过600个月', 'must be at most 600 months'));

export const id = z.string().trim().min(1).max(64);

export const shortText = z
  .string()
  .trim()
  .min(1, bilingual('不能为空', 'must not be empty'))
  .max(200, bilingual('不能超过200个字', 'must be at most 200 characters'));

/** A core DomainError (e.g. from buildSchedule) as the platform's 'invalid' answer. */
export function asInvalid(e: unknown): never {
  if (e instanceof DomainError) {
    throw new AppError(
      'invalid',
      'invalid_input',
      e.message_zh,
      e.message_en,
      e.field ?? '(input)',
    );
  }
  throw e;
}

/** A bank's own transaction id (流水号), unique per (region, institution). */
export const bankTxnId = z
  .string()
  .trim()
  .min(1, bilingual('不能为空', 'must not be empty'))
  .max(64, bilingual('不能超过64个字符', 'must be at most 64 characters'));
