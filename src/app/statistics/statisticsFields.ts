import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { yuanToFen, type Fen } from '../../core/money.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { bilingual } from '../validation.ts';
import { STATISTICS_CATEGORIES } from './categories.ts';

/** Banks report; the PBOC sub-branch approves (issue 7 §3); district roles read. */
export const STATISTICS_REPORTERS: readonly Role[] = ['bank_officer'];
export const STATISTICS_APPROVERS: readonly Role[] = ['pboc'];
export const STATISTICS_READERS: readonly Role[] = [...DISTRICT_ROLES, 'bank_officer'];

/** A yuan amount ≥ 0 with at most two decimals, as fen; a negative one is refused. */
export const amountYuan = z.union([z.string(), z.number()]).transform((value, ctx): Fen => {
  let amount: Fen;
  try {
    amount = yuanToFen(typeof value === 'string' ? value.trim() : value);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        `应为元，最多两位小数，实际为“${String(value)}”`,
        `must be yuan with at most 2 decimals, got "${String(value)}"`,
      ),
    });
    return z.NEVER;
  }
  if (amount < 0) {
    ctx.addIssue({ code: 'custom', message: bilingual('不能为负数', 'must not be negative') });
    return z.NEVER;
  }
  return amount;
});

export const statisticsLine = z
  .object({
    category: z.enum(STATISTICS_CATEGORIES),
    /** Balance at the period's end. */
    balance: amountYuan,
    /** Granted in the period. */
    newLending: amountYuan,
    /** Principal repaid or written off in the period. */
    repaid: amountYuan,
    borrowers: z.coerce
      .number()
      .int(bilingual('应为整数', 'must be a whole number'))
      .min(0, bilingual('不能为负数', 'must not be negative'))
      .max(100_000_000),
    /** Non-performing part of the balance. */
    npl: amountYuan,
  })
  .strict();
export type StatisticsLineInput = z.output<typeof statisticsLine>;
