import type { IsoDate } from '../../core/calendarDate.ts';
import type { Fen } from '../../core/money.ts';
import type { ScheduleRow } from '../../core/schedule/index.ts';
import type { LoanScheduleRowTable } from '../../store/schema.ts';

/** A stored schedule row as the core's ScheduleRow (BIGINT fen may arrive as numbers or text). */
export function scheduleRowOf(
  r: Pick<
    LoanScheduleRowTable,
    'n' | 'period_start' | 'due_date' | 'principal' | 'interest' | 'total' | 'balance_after'
  >,
): ScheduleRow {
  return {
    n: r.n,
    periodStart: r.period_start as IsoDate,
    dueDate: r.due_date as IsoDate,
    principal: Number(r.principal) as Fen,
    interest: Number(r.interest) as Fen,
    total: Number(r.total) as Fen,
    balanceAfter: Number(r.balance_after) as Fen,
  };
}
