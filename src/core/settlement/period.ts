import {
  addDays,
  addMonthsClamped,
  daysBetween,
  endOfYear,
  isoDate,
  parseIsoDate,
  startOfYear,
  type IsoDate,
} from '../calendarDate.ts';
import { DomainError } from '../errors.ts';

/**
 * A settlement period: a quarter ('2020-Q1'), a year ('2020') or a custom range
 * ('2020-01-01..2020-02-15'), both ends included. The key names the period in the
 * store, so the same period always has the same key.
 */
export interface SettlementPeriod {
  readonly key: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
/** A custom range longer than this is a mistake, not a settlement period. */
const MAX_RANGE_DAYS = 366;

function periodError(code: string, zh: string, en: string): DomainError {
  return new DomainError({ code, message_zh: zh, message_en: en, field: 'period' });
}

export function parsePeriod(text: string): SettlementPeriod {
  const q = QUARTER.exec(text);
  if (q) {
    const from = isoDate(Number(q[1]), (Number(q[2]) - 1) * 3 + 1, 1, 'period');
    return { key: text, from, to: addDays(addMonthsClamped(from, 3), -1) };
  }
  const y = YEAR.exec(text);
  if (y) {
    const year = Number(y[1]);
    return { key: text, from: startOfYear(year), to: endOfYear(year) };
  }
  const r = RANGE.exec(text);
  if (r) {
    const from = parseIsoDate(r[1] ?? '', 'period');
    const to = parseIsoDate(r[2] ?? '', 'period');
    if (to < from) {
      throw periodError(
        'PERIOD_REVERSED',
        `结算期的结束日 ${to} 早于开始日 ${from}`,
        `The period ends (${to}) before it starts (${from})`,
      );
    }
    if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
      throw periodError(
        'PERIOD_TOO_LONG',
        `自定义结算期不能超过 ${String(MAX_RANGE_DAYS)} 天`,
        `A custom period cannot exceed ${String(MAX_RANGE_DAYS)} days`,
      );
    }
    return { key: text, from, to };
  }
  throw periodError(
    'PERIOD_FORMAT',
    `结算期格式应为 2020-Q1、2020 或 2020-01-01..2020-03-31，实际为 "${text.slice(0, 40)}"`,
    `A period is written 2020-Q1, 2020 or 2020-01-01..2020-03-31, got "${text.slice(0, 40)}"`,
  );
}
