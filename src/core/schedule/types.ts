import type { IsoDate } from '../calendarDate.ts';
import type { Fen } from '../money.ts';
import type { ResolvedTerms } from './terms.ts';

/** One instalment. Interest covers [periodStart, dueDate); total = principal + interest. */
export interface ScheduleRow {
  /** 1-based instalment number (期次). */
  readonly n: number;
  readonly periodStart: IsoDate;
  readonly dueDate: IsoDate;
  readonly principal: Fen;
  readonly interest: Fen;
  readonly total: Fen;
  /** Principal still owed after this instalment; 0 after the last. */
  readonly balanceAfter: Fen;
}

export interface ScheduleTotals {
  /** Always exactly the loan's principal. */
  readonly principal: Fen;
  readonly interest: Fen;
  readonly total: Fen;
}

export interface Schedule {
  /** The terms with every default filled in. */
  readonly terms: ResolvedTerms;
  readonly rows: readonly ScheduleRow[];
  readonly totals: ScheduleTotals;
  /** equal-instalment only: the regular monthly payment (the last one may differ). */
  readonly instalment?: Fen;
  /** The last due date. */
  readonly maturityDate: IsoDate;
}
