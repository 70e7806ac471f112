import { z } from 'zod';
import { daysInMonth, isoDate, type IsoDate } from '../../core/calendarDate.ts';
import { bilingual } from '../validation.ts';

/** A statistics period: a month ('2017-03') or a quarter ('2017-Q1'). */
export interface StatisticsPeriod {
  readonly key: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The period just before, of the same length, whose balances this one's flows continue. */
  readonly previousKey: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const pad = (n: number) => String(n).padStart(2, '0');

function ofMonths(year: number, first: number, months: number): { from: IsoDate; to: IsoDate } {
  const last = first + months - 1;
  return { from: isoDate(year, first, 1), to: isoDate(year, last, daysInMonth(year, last)) };
}

export function parseStatisticsPeriod(text: string): StatisticsPeriod | null {
  const m = MONTH.exec(text);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    const prev = mo === 1 ? `${String(y - 1)}-12` : `${String(y)}-${pad(mo - 1)}`;
    return { key: text, ...ofMonths(y, mo, 1), previousKey: prev };
  }
  const q = QUARTER.exec(text);
  if (q) {
    const [y, n] = [Number(q[1]), Number(q[2])];
    const prev = n === 1 ? `${String(y - 1)}-Q4` : `${String(y)}-Q${String(n - 1)}`;
    return { key: text, ...ofMonths(y, 3 * n - 2, 3), previousKey: prev };
  }
  return null;
}

export const statisticsPeriod = z.string().transform((value, ctx): StatisticsPeriod => {
  const p = parseStatisticsPeriod(value.trim());
  if (p === null || p.from < '2000-01-01') {
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        '统计期应为月份（如“2017-03”）或季度（如“2017-Q1”）',
        'must be a month ("2017-03") or a quarter ("2017-Q1")',
      ),
    });
    return z.NEVER;
  }
  return p;
});
