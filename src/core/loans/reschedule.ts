import type { IsoDate } from '../calendarDate.ts';
import { DomainError } from '../errors.ts';
import { fen, type Fen } from '../money.ts';
import { buildSchedule, type ScheduleTerms } from '../schedule/index.ts';
import type { ScheduleRow } from '../schedule/types.ts';
import { accruedInterestTo, type AccrualTerms } from './accruedInterest.ts';

/**
 * A new schedule version from an event's date (展期, 续贷, 追加贷款; ADR 0008). History
 * stays: instalments the payments covered in full keep their rows; what payments covered
 * of the others becomes one settled row due on the event date; the principal still owed
 * (plus any additional loan) is scheduled afresh from the event date, and the interest
 * owed on that date (arrears and the running period accrued by days) is carried into the
 * first new instalment. Pure; amounts in integer fen.
 */

export interface RescheduleInput {
  /** The schedule version in force. */
  readonly rows: readonly ScheduleRow[];
  /** Everything payments covered so far; the caller refuses events before a payment. */
  readonly paidPrincipal: Fen;
  readonly paidInterest: Fen;
  readonly effectiveOn: IsoDate;
  /** Rate, day count and rounding of the schedule in force, for interest accrued to the event. */
  readonly accrual: AccrualTerms;
  /** 追加贷款: principal lent on the event date. */
  readonly additionalPrincipal?: Fen;
  /** The new part's terms; its principal and start are the remaining balance and the event date. */
  readonly terms: Omit<ScheduleTerms, 'principal' | 'start' | 'firstDueDate'>;
}

export interface Rescheduled {
  readonly rows: ScheduleRow[];
  /** Interest owed on the event date, added to the first new instalment. */
  readonly carriedInterest: Fen;
  /** Principal scheduled from the event date: what was owed plus the additional loan. */
  readonly newPrincipal: Fen;
  readonly maturityDate: IsoDate;
}

const sum = (rows: readonly ScheduleRow[], key: 'principal' | 'interest'): number =>
  rows.reduce((s, r) => s + r[key], 0);

export function rescheduleFrom(input: RescheduleInput): Rescheduled {
  const { effectiveOn: on, paidPrincipal, paidInterest } = input;
  const rows = [...input.rows].sort((a, b) => a.n - b.n);
  const due = rows.filter((r) => r.dueDate <= on);
  // Payments ahead of schedule would leave covered rows after the event date, which the
  // new schedule replaces: the event must be dated on or after what they covered.
  if (paidPrincipal > sum(due, 'principal') || paidInterest > sum(due, 'interest')) {
    const covered = rows.find((r) => r.dueDate > on)!.dueDate;
    throw new DomainError({
      code: 'EVENT_BEFORE_PREPAID_INSTALMENT',
      message_zh: `已有还款提前覆盖了 ${covered} 到期的还款计划，事件日期不能早于该日`,
      message_en: `Payments already cover the instalment due ${covered}; the event cannot be dated before it`,
      field: 'effectiveOn',
    });
  }

  const kept: ScheduleRow[] = [];
  let p = paidPrincipal as number;
  let i = paidInterest as number;
  for (const row of due) {
    if (row.principal > p || row.interest > i) break;
    kept.push(row);
    p -= row.principal;
    i -= row.interest;
  }
  const owedPrincipal = sum(rows, 'principal') - paidPrincipal;
  const newPrincipal = owedPrincipal + (input.additionalPrincipal ?? 0);
  if (newPrincipal <= 0) {
    throw new DomainError({
      code: 'EVENT_NOTHING_OWED',
      message_zh: '贷款本金已全部还清，无可重新安排的本金',
      message_en: 'The principal is fully repaid; there is nothing to reschedule',
      field: 'effectiveOn',
    });
  }
  const settled: ScheduleRow[] = [];
  if (p + i > 0) {
    const first = rows[kept.length]!;
    settled.push({
      n: kept.length + 1,
      periodStart: first.periodStart,
      dueDate: on,
      principal: fen(p),
      interest: fen(i),
      total: fen(p + i),
      balanceAfter: fen(owedPrincipal),
    });
  }
  const carriedInterest = fen(accruedInterestTo(rows, on, input.accrual) - paidInterest);
  const schedule = buildSchedule({ ...input.terms, principal: fen(newPrincipal), start: on });
  const base = kept.length + settled.length;
  const fresh = schedule.rows.map((r, index) => {
    const interest = index === 0 ? fen(r.interest + carriedInterest) : r.interest;
    return { ...r, n: base + r.n, interest, total: fen(r.principal + interest) };
  });
  return {
    rows: [...kept, ...settled, ...fresh],
    carriedInterest,
    newPrincipal: fen(newPrincipal),
    maturityDate: schedule.maturityDate,
  };
}
