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
 * The order a payment pays what is owed (a product setting, ADR 0008). Penalty interest
 * is owed by the loan as a whole, so it comes either first or last; within an instalment
 * interest comes before principal (先息后本) or after it (先本后息). "Last" means after
 * the instalments due on or before the payment date, so a payment still pays the
 * penalty before it pays instalments ahead of schedule.
 */
export const ALLOCATION_ORDERS = [
  'penalty-interest-principal',
  'penalty-principal-interest',
  'interest-principal-penalty',
  'principal-interest-penalty',
] as const;
export type AllocationOrder = (typeof ALLOCATION_ORDERS)[number];
export const DEFAULT_ALLOCATION_ORDER: AllocationOrder = 'penalty-interest-principal';

export interface AllocationOptions {
  readonly order?: AllocationOrder;
  /** The payment date: with penalty last, instalments due by then come before the penalty. */
  readonly paidOn?: IsoDate;
}

/**
 * Allocates `amount` in the configured order (default penalty → interest → principal),
 * instalment by instalment in due-date order. `paidInterest` / `paidPrincipal` are the
 * totals earlier payments already covered; every order fills each column (interest,
 * principal) from the first instalment, so those two totals are all the state there is.
 */
export function allocatePayment(
  rows: readonly DueRow[],
  paidInterest: Fen,
  paidPrincipal: Fen,
  amount: Fen,
  penaltyDue: Fen = 0 as Fen,
  options: AllocationOptions = {},
): Allocation {
  const order = options.order ?? DEFAULT_ALLOCATION_ORDER;
  const penaltyFirst = order.startsWith('penalty');
  const interestFirst = order.indexOf('interest') < order.indexOf('principal');
  let left = amount as number;
  let penalty = 0;
  const takePenalty = (): void => {
    penalty = Math.min(left, penaltyDue);
    left -= penalty;
  };
  if (penaltyFirst) takePenalty();
  let interestCovered = paidInterest as number;
  let principalCovered = paidPrincipal as number;
  let interest = 0;
  let principal = 0;
  let penaltyTaken = penaltyFirst;
  for (const row of [...rows].sort((a, b) => a.n - b.n)) {
    if (!penaltyTaken && options.paidOn !== undefined && row.dueDate > options.paidOn) {
      takePenalty();
      penaltyTaken = true;
    }
    const interestAlready = Math.min(row.interest, interestCovered);
    interestCovered -= interestAlready;
    const principalAlready = Math.min(row.principal, principalCovered);
    principalCovered -= principalAlready;
    const payInterest = (): void => {
      const i = Math.min(left, row.interest - interestAlready);
      interest += i;
      left -= i;
    };
    const payPrincipal = (): void => {
      const p = Math.min(left, row.principal - principalAlready);
      principal += p;
      left -= p;
    };
    if (interestFirst) {
      payInterest();
      payPrincipal();
    } else {
      payPrincipal();
      payInterest();
    }
  }
  if (!penaltyTaken) takePenalty();
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

/**
 * The upper bounds (days past due, inclusive) of the first four classes, a product
 * setting (ADR 0008). The defaults are those banks commonly apply to retail loans:
 * 正常 0, 关注 1–90, 次级 91–180, 可疑 181–360, 损失 beyond.
 */
export type ClassBounds = readonly [number, number, number, number];
export const DEFAULT_CLASS_BOUNDS: ClassBounds = [0, 90, 180, 360];

/** Four whole numbers of days, ≥ 0 and strictly increasing: otherwise a class would be empty. */
export function isClassBounds(value: unknown): value is ClassBounds {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((v, i) => Number.isSafeInteger(v) && v >= 0 && (i === 0 || v > value[i - 1]))
  );
}

export function classifyByDaysPastDue(
  days: number,
  bounds: ClassBounds = DEFAULT_CLASS_BOUNDS,
): LoanClass {
  const index = bounds.findIndex((max) => days <= max);
  return LOAN_CLASSES[index === -1 ? 4 : index]!;
}

/**
 * Delinquency buckets (逾期账龄) as banks report them: M0 not past due, then one bucket
 * per 30 days past due (M1 1–30 … M6 151–180), M7+ beyond 180 days.
 */
export const DELINQUENCY_BUCKETS = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+'] as const;
export type DelinquencyBucket = (typeof DELINQUENCY_BUCKETS)[number];

export function delinquencyBucket(days: number): DelinquencyBucket {
  return DELINQUENCY_BUCKETS[days <= 0 ? 0 : Math.min(7, Math.ceil(days / 30))]!;
}
