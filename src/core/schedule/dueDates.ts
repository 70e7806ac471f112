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
 * The due dates of a schedule. Every date is computed from one anchor (the start, or
 * the first due date when one is given) as anchor + k months, clamped to the month's
 * end, never from the previous due date: chaining would let one clamp drift the day
 * for the rest of the loan (01-31 → 02-29 → 03-29 …), whereas from the anchor it is
 * 02-29, 03-31, 04-30.
 *
 *  - equal-instalment, equal-principal: `months` monthly instalments; with a first
 *    due date F they fall on F, F + 1, … F + (months − 1) (the term shifts with F,
 *    as with a bank's fixed repayment day).
 *  - interest-only: interest dates every 1, 3 or 12 months from the anchor while they
 *    are before maturity (start + months), then maturity itself; a term that is not a
 *    whole number of periods ends with a short period.
 *  - bullet: a single period from the start to maturity.
 */
export function schedulePeriods(terms: ResolvedTerms): SchedulePeriod[] {
  const dueDates: IsoDate[] = [];
  const first = terms.firstDueDate;
  switch (terms.method) {
    case 'equal-instalment':
    case 'equal-principal':
      for (let k = 1; k <= terms.months; k++) {
        dueDates.push(
          first === undefined ? addMonthsClamped(terms.start, k) : addMonthsClamped(first, k - 1),
        );
      }
      break;
    case 'interest-only': {
      const step = MONTHS_PER_PERIOD[terms.interestPeriod ?? 'monthly'];
      const maturity = maturityDate(terms);
      for (let k = 0; ; k++) {
        const due =
          first === undefined
            ? addMonthsClamped(terms.start, (k + 1) * step)
            : addMonthsClamped(first, k * step);
        if (due >= maturity) break;
        dueDates.push(due);
      }
      dueDates.push(maturity);
      break;
    }
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
