import { addYearsClamped, type IsoDate } from '../calendarDate.ts';
import { instalmentCoverage, type PaymentMade } from '../loans/onTime.ts';
import {
  classifyByDaysPastDue,
  daysPastDue,
  type ClassBounds,
  type DueRow,
} from '../loans/servicing.ts';
import type { Fen } from '../money.ts';
import type { RepaymentBehaviour } from './rating.ts';

/**
 * A loan's standing for the credit system: its balance, whether it is in arrears, and
 * whether it is non-performing (次级, 可疑, 损失) now and a year ago. Pure.
 */

export interface LoanFacts {
  readonly amount: Fen;
  readonly disbursedOn: IsoDate;
  /** Written off (核销) on or before the date: counts as a loss. */
  readonly writtenOffOn: IsoDate | null;
  /** The schedule in force on the date of interest. */
  readonly rows: readonly DueRow[];
  readonly payments: readonly PaymentMade[];
  readonly classBounds: ClassBounds;
}

export interface LoanStanding {
  /** Principal outstanding on the date (0 before disbursement). */
  readonly balance: Fen;
  readonly daysPastDue: number;
  readonly nonPerforming: boolean;
  readonly instalmentsDue: number;
  readonly overdueInstalments: number;
}

const NON_PERFORMING = new Set(['substandard', 'doubtful', 'loss']);

export function loanStanding(loan: LoanFacts, asOf: IsoDate): LoanStanding {
  if (loan.disbursedOn > asOf) {
    return {
      balance: 0 as Fen,
      daysPastDue: 0,
      nonPerforming: false,
      instalmentsDue: 0,
      overdueInstalments: 0,
    };
  }
  let principal = 0;
  let covered = 0;
  for (const p of loan.payments) {
    if (p.paidOn > asOf) continue;
    principal += p.principal;
    covered += p.principal + p.interest;
  }
  const balance = Math.max(0, loan.amount - principal) as Fen;
  const dpd = daysPastDue(loan.rows, covered as Fen, asOf);
  const writtenOff = loan.writtenOffOn !== null && loan.writtenOffOn <= asOf;
  const coverage = instalmentCoverage(loan.rows, loan.payments, asOf);
  let instalmentsDue = 0;
  let overdueInstalments = 0;
  for (const c of coverage) {
    if (c.dueDate >= asOf) continue;
    instalmentsDue++;
    if (c.onTime === false) overdueInstalments++;
  }
  return {
    balance,
    daysPastDue: dpd,
    nonPerforming:
      balance > 0 &&
      (writtenOff || NON_PERFORMING.has(classifyByDaysPastDue(dpd, loan.classBounds))),
    instalmentsDue,
    overdueInstalments,
  };
}

/** Non-performing on `asOf` but not a year before: a new non-performing loan (新增不良). */
export function newlyNonPerforming(loan: LoanFacts, asOf: IsoDate): boolean {
  return (
    loanStanding(loan, asOf).nonPerforming &&
    !loanStanding(loan, addYearsClamped(asOf, -1)).nonPerforming
  );
}

/** What a subject's loans say about its repayments up to `asOf` (the rating's input). */
export function repaymentBehaviour(loans: readonly LoanFacts[], asOf: IsoDate): RepaymentBehaviour {
  let instalmentsDue = 0;
  let overdueInstalments = 0;
  let count = 0;
  for (const loan of loans) {
    if (loan.disbursedOn > asOf) continue;
    count++;
    const s = loanStanding(loan, asOf);
    instalmentsDue += s.instalmentsDue;
    overdueInstalments += s.overdueInstalments;
  }
  return { loans: count, instalmentsDue, overdueInstalments };
}
