import { addDays, addMonthsClamped, type IsoDate } from '../../calendarDate.ts';

/**
 * Memoised date steps for the bulk paths. Building a date string is the most
 * expensive thing an interest-subsidy evaluation does after the exact arithmetic,
 * and a district's loans share few dates (quarter ends, contract dates), so the
 * results are remembered. Bounded, so arbitrary inputs cannot grow them without limit;
 * the results are those of calendarDate.ts, only not recomputed.
 */
const LIMIT = 20_000;
const nextDays = new Map<IsoDate, IsoDate>();
const monthSteps = new Map<IsoDate, (IsoDate | undefined)[]>();

/** The day after `date`. */
export function nextDay(date: IsoDate): IsoDate {
  let next = nextDays.get(date);
  if (next === undefined) {
    next = addDays(date, 1);
    if (nextDays.size >= LIMIT) nextDays.clear();
    nextDays.set(date, next);
  }
  return next;
}

/** addMonthsClamped(date, months), memoised (per start date, indexed by months ≥ 0). */
export function plusMonths(date: IsoDate, months: number): IsoDate {
  if (months < 0 || months > 1200) return addMonthsClamped(date, months);
  let steps = monthSteps.get(date);
  if (steps === undefined) {
    steps = [];
    if (monthSteps.size >= LIMIT) monthSteps.clear();
    monthSteps.set(date, steps);
  }
  let out = steps[months];
  if (out === undefined) {
    out = addMonthsClamped(date, months);
    steps[months] = out;
  }
  return out;
}
