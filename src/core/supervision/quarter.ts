import { type IsoDate } from '../calendarDate.ts';
import { DomainError } from '../errors.ts';
import { parsePeriod } from '../settlement/period.ts';

/** A reporting period of the supervision (art. 36): a quarter, written '2017-Q3'. */
export type Quarter = string & { readonly __brand: 'Quarter' };

export interface QuarterRange {
  readonly key: Quarter;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

const QUARTER = /^\d{4}-Q[1-4]$/;

/** Parses '2017-Q3'; anything else (a year, a range) is refused, naming `field`. */
export function parseQuarter(text: string, field = 'period'): QuarterRange {
  if (!QUARTER.test(text)) {
    throw new DomainError({
      code: 'QUARTER_FORMAT',
      message_zh: `报告期应为季度，如 2017-Q3，实际为“${text.slice(0, 40)}”`,
      message_en: `A reporting period is a quarter such as 2017-Q3, got "${text.slice(0, 40)}"`,
      field,
    });
  }
  const p = parsePeriod(text);
  return { key: text as Quarter, from: p.from, to: p.to };
}

export function quarterOf(date: IsoDate): Quarter {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${String(Math.floor((month - 1) / 3) + 1)}` as Quarter;
}

export function nextQuarter(q: Quarter): Quarter {
  const year = Number(q.slice(0, 4));
  const n = Number(q.slice(6));
  return (n === 4 ? `${String(year + 1)}-Q1` : `${String(year)}-Q${String(n + 1)}`) as Quarter;
}

/** The quarters from `first` to `last`, both included; empty when last is before first. */
export function quartersBetween(first: Quarter, last: Quarter): Quarter[] {
  const out: Quarter[] = [];
  for (let q = first; q <= last; q = nextQuarter(q)) out.push(q);
  return out;
}
