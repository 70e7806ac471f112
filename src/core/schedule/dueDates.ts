import { addMonthsClamped, type IsoDate } from '../calendarDate.ts';
import { MONTHS_PER_PERIOD, type ResolvedTerms } from './terms.ts';

/** One repayment period: interest runs over [periodStart, dueDate). */
export interface SchedulePeriod {
  readonly periodStart: IsoDate;
  readonly dueDate: IsoDate;
}

/** The contract maturity: start + months, the day clamped to the month's length. */
export function maturityDate(terms: Pick<ResolvedTerms, 'start' | 'months'>): IsoDate {
  return addMonthsClamped(terms.start, terms.months);
}

/**
 * Interest dates every `step` months from the anchor while they are before `end`, then
 * `end` itself, so a span that is not a whole number of periods ends with a short one.
 */
function interestDates(terms: ResolvedTerms, step: number, end: IsoDate): IsoDate[] {
  const first = terms.firstDueDate;
  const dates: IsoDate[] = [];
  for (let k = 0; ; k++) {
    const due =
      first === undefined
        ? addMonthsClamped(terms.start, (k + 1) * step)
        : addMonthsClamped(first, k * step);
    if (due >= end) break;
    dates.push(due);
  }
  dates.push(end);
  return dates;
}

/** The end of the grace period (start + graceMonths), or undefined without one. */
export function graceEndDate(terms: ResolvedTerms): IsoDate | undefined {
  const grace = terms.graceMonths ?? 0;
  return grace === 0 ? undefined : addMonthsClamped(terms.start, grace);
}

/**
 * The due dates of a schedule. Every date is computed from one anchor (the start, or
 * the first due date when one is given) as anchor + k months, clamped to the month's
 * end, never from the previous due date: chaining would let one clamp drift the day
 * for the rest of the loan (01-31 → 02-29 → 03-29 …), whereas from the anchor it is
 * 02-29, 03-31, 04-30.
 *
 *  - equal-instalment, equal-principal: `months` monthly instalments; with a first
 *    due date F they fall on F, F + 1, … F + (months − 1) (the term shifts with F,
 *    as with a bank's fixed repayment day). With a grace period of G months, interest
 *    dates every interest period up to start + G (a short last one if G is not a
 *    whole number of periods), then instalments on start + G + 1 … start + months.
 *  - interest-only: interest dates every 1, 3 or 12 months from the anchor while they
 *    are before maturity (start + months), then maturity itself; a term that is not a
 *    whole number of periods ends with a short period.
 *  - bullet: a single period from the start to maturity.
 */
export function schedulePeriods(terms: ResolvedTerms): SchedulePeriod[] {
  const dueDates: IsoDate[] = [];
  const first = terms.firstDueDate;
  const step = MONTHS_PER_PERIOD[terms.interestPeriod ?? 'monthly'];
  switch (terms.method) {
    case 'equal-instalment':
    case 'equal-principal': {
      const graceEnd = graceEndDate(terms);
      if (graceEnd !== undefined) dueDates.push(...interestDates(terms, step, graceEnd));
      for (let k = (terms.graceMonths ?? 0) + 1; k <= terms.months; k++) {
        dueDates.push(
          first === undefined ? addMonthsClamped(terms.start, k) : addMonthsClamped(first, k - 1),
        );
      }
      break;
    }
    case 'interest-only':
      dueDates.push(...interestDates(terms, step, maturityDate(terms)));
      break;
    case 'bullet':
      dueDates.push(maturityDate(terms));
      break;
  }
  let periodStart = terms.start;
  return dueDates.map((dueDate) => {
    const period = { periodStart, dueDate };
    periodStart = dueDate;
    return period;
  });
}
