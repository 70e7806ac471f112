import { sumFen, type Fen } from '../money.ts';
import { equalInstalmentRows, equalPrincipalRows } from './amortising.ts';
import { interestByDaysRows } from './byDays.ts';
import { graceEndDate, schedulePeriods } from './dueDates.ts';
import { resolveTerms, type ScheduleTerms } from './terms.ts';
import type { Schedule, ScheduleRow } from './types.ts';

/**
 * The repayment schedule of a loan, exact to the fen. Conventions (ADR 0005, and
 * POLICY.md "Conventions the text leaves to practice"):
 *
 *  - equal-instalment / equal-principal: periodic rate = annual / 12 for every
 *    regular month, whatever the day count (the standard Chinese bank formula);
 *    the instalment is computed exactly (BigInt rationals) and rounded once by the
 *    named rule; each month's interest = balance × annual / 12 rounded; the principal
 *    part is instalment − interest (equal-instalment) or principal / months rounded
 *    (equal-principal); the LAST row repays the remaining balance, so it absorbs
 *    every rounding difference and the principal parts add up to the loan exactly.
 *    A broken first period (firstDueDate) is charged by days; its principal part is
 *    the regular one, so only that row's interest and total change.
 *  - interest-only / bullet: interest by days, principal × days × rate / basis under
 *    the day count (default actual/360), per interest period, rounded per period.
 *  - grace period (宽限期, amortising methods): the first graceMonths months repay no
 *    principal and pay interest by days each interest period, like interest-only;
 *    the method then amortises the whole principal over the remaining months.
 *  - due dates: anchor + k months clamped to the month's end, always from the anchor
 *    (the start, or firstDueDate), never chained, so a clamp does not drift.
 *  - rounding: one named rule (default half-up-fen) for every amount.
 *
 * Throws a DomainError naming the field for invalid terms (principal ≤ 0, a rate of 0
 * or ≥ 100 %, months outside 1…600, …) and for terms whose rounded schedule would
 * need a negative principal part or balance.
 */
export function buildSchedule(input: ScheduleTerms): Schedule {
  const terms = resolveTerms(input);
  const all = schedulePeriods(terms);
  const graceEnd = graceEndDate(terms);
  const graceCount = graceEnd === undefined ? 0 : all.findIndex((p) => p.dueDate === graceEnd) + 1;
  const grace = interestByDaysRows(terms, all.slice(0, graceCount), { repaysPrincipal: false });
  const periods = all.slice(graceCount);
  let repaying: ScheduleRow[];
  let instalment: Fen | undefined;
  switch (terms.method) {
    case 'equal-instalment':
      ({ rows: repaying, instalment } = equalInstalmentRows(terms, periods, graceCount + 1));
      break;
    case 'equal-principal':
      repaying = equalPrincipalRows(terms, periods, graceCount + 1);
      break;
    case 'interest-only':
    case 'bullet':
      repaying = interestByDaysRows(terms, periods, { repaysPrincipal: true });
      break;
  }
  const rows = [...grace, ...repaying];
  const totals = {
    principal: sumFen(rows.map((r) => r.principal)),
    interest: sumFen(rows.map((r) => r.interest)),
    total: sumFen(rows.map((r) => r.total)),
  };
  const last = rows[rows.length - 1]!;
  return {
    terms,
    rows,
    totals,
    ...(instalment === undefined ? {} : { instalment }),
    maturityDate: last.dueDate,
  };
}
