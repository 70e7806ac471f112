import { daysBetween, type IsoDate } from '../calendarDate.ts';
import type { Fen } from '../money.ts';

/**
 * Loan servicing arithmetic on a stored schedule: how a payment is allocated, what is
 * still owed, and how many days a loan is past due. Pure; amounts in integer fen.
 */

export interface DueRow {
  readonly n: number;
  readonly dueDate: IsoDate;
  readonly principal: Fen;
  readonly interest: Fen;
}

export interface Allocation {
  readonly penalty: Fen;
  readonly interest: Fen;
  readonly principal: Fen;
  /** What the schedule could not absorb (an overpayment); callers refuse it. */
  readonly unallocated: Fen;
}

/**
 * Allocates `amount` penalty → interest → principal, instalment by instalment in
 * due-date order: each instalment's interest, then its principal, then the next one.
 * `paidInterest` / `paidPrincipal` are the totals earlier payments already covered;
 * because every payment is allocated in this same order they fill the instalments
 * from the first. Penalty interest is not computed yet, so `penaltyDue` is 0 today.
 */
export function allocatePayment(
  rows: readonly DueRow[],
  paidInterest: Fen,
  paidPrincipal: Fen,
  amount: Fen,
  penaltyDue: Fen = 0 as Fen,
): Allocation {
  let left = amount as number;
  const penalty = Math.min(left, penaltyDue);
  left -= penalty;
  let interestCovered = paidInterest as number;
  let principalCovered = paidPrincipal as number;
  let interest = 0;
  let principal = 0;
  for (const row of [...rows].sort((a, b) => a.n - b.n)) {
    const interestAlready = Math.min(row.interest, interestCovered);
    interestCovered -= interestAlready;
    const principalAlready = Math.min(row.principal, principalCovered);
    principalCovered -= principalAlready;
    const i = Math.min(left, row.interest - interestAlready);
    interest += i;
    left -= i;
    const p = Math.min(left, row.principal - principalAlready);
    principal += p;
    left -= p;
    if (left === 0) break;
  }
  return {
    penalty: penalty as Fen,
    interest: interest as Fen,
    principal: principal as Fen,
    unallocated: left as Fen,
  };
}

/**
 * Days past due on `asOf`: days since the due date of the oldest instalment that the
 * payments made on or before `asOf` (principal + interest, `covered`) do not cover.
 * An instalment due on `asOf` itself is not yet past due (paid by the due date is on
 * time), so the count is 0 on the due date and 1 the day after.
 */
export function daysPastDue(rows: readonly DueRow[], covered: Fen, asOf: IsoDate): number {
  let cumulative = 0;
  for (const row of [...rows].sort((a, b) => a.n - b.n)) {
    cumulative += row.principal + row.interest;
    if (cumulative > covered) {
      return row.dueDate < asOf ? daysBetween(row.dueDate, asOf) : 0;
    }
  }
  return 0;
}

/** The five-tier loan classification (贷款五级分类) by days past due. */
export const LOAN_CLASSES = [
  'normal',
  'special-mention',
  'substandard',
  'doubtful',
  'loss',
] as const;
export type LoanClass = (typeof LOAN_CLASSES)[number];

export const LOAN_CLASS_NAMES_ZH: Readonly<Record<LoanClass, string>> = {
  normal: '正常',
  'special-mention': '关注',
  substandard: '次级',
  doubtful: '可疑',
  loss: '损失',
};

/*
 * The upper bounds (days past due, inclusive) of the first four classes. These are the
 * defaults banks commonly apply to retail loans; issue 4 asks for them to become
 * configurable (a parameter with effective dates), which is not done yet.
 */
export const NORMAL_MAX_DAYS = 0;
export const SPECIAL_MENTION_MAX_DAYS = 90;
export const SUBSTANDARD_MAX_DAYS = 180;
export const DOUBTFUL_MAX_DAYS = 360;

export function classifyByDaysPastDue(days: number): LoanClass {
  if (days <= NORMAL_MAX_DAYS) return 'normal';
  if (days <= SPECIAL_MENTION_MAX_DAYS) return 'special-mention';
  if (days <= SUBSTANDARD_MAX_DAYS) return 'substandard';
  if (days <= DOUBTFUL_MAX_DAYS) return 'doubtful';
  return 'loss';
}
