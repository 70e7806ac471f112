import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  addYearsClamped,
  compareDate,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  endOfMonth,
  endOfYear,
  fromDayNumber,
  isEndOfMonth,
  isoDate,
  isoDateSchema,
  isWeekend,
  maxDate,
  minDate,
  parseIsoDate,
  startOfMonth,
  startOfYear,
  toCivil,
  toDayNumber,
  yearOf,
  type IsoDate,
} from '../../src/core/calendarDate.ts';
import { DomainError } from '../../src/core/errors.ts';

const d = (s: string): IsoDate => parseIsoDate(s);
const dayNumber = fc.integer({
  min: toDayNumber(d('0001-01-01')),
  max: toDayNumber(d('9999-12-31')),
});
const anyDate = dayNumber.map((n) => fromDayNumber(n));

describe('parseIsoDate', () => {
  it.each(['2017-04-12', '2016-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (s) => {
      expect(parseIsoDate(s)).toBe(s);
    },
  );
  it.each([
    '2017-02-29',
    '1900-02-29',
    '2017-13-01',
    '2017-00-10',
    '2017-04-31',
    '2017-4-12',
    '2017-04-12T00:00:00Z',
    '20170412',
    '0000-01-01',
    '',
  ])('rejects %s naming the field', (s) => {
    expect(() => parseIsoDate(s, 'contract_date')).toThrow(DomainError);
    try {
      parseIsoDate(s, 'contract_date');
    } catch (e) {
      expect((e as DomainError).field).toBe('contract_date');
    }
  });
  it('validates through zod', () => {
    expect(isoDateSchema.safeParse('2017-02-29').success).toBe(false);
    expect(isoDateSchema.parse('2017-02-28')).toBe('2017-02-28');
  });
});

describe('day numbers', () => {
  it('anchors on the Unix epoch and known dates', () => {
    expect(toDayNumber(d('1970-01-01'))).toBe(0);
    expect(toDayNumber(d('2000-03-01'))).toBe(11017);
    expect(toDayNumber(d('1969-12-31'))).toBe(-1);
  });

  it('round-trips day numbers and dates', () => {
    fc.assert(fc.property(dayNumber, (n) => toDayNumber(fromDayNumber(n)) === n));
    fc.assert(fc.property(anyDate, (x) => fromDayNumber(toDayNumber(x)) === x));
  });

  it('consecutive day numbers are consecutive calendar days', () => {
    fc.assert(
      fc.property(
        dayNumber.filter((n) => n < toDayNumber(d('9999-12-31'))),
        (n) => {
          const a = toCivil(fromDayNumber(n));
          const b = toCivil(fromDayNumber(n + 1));
          return (
            (b.year === a.year && b.month === a.month && b.day === a.day + 1) ||
            (b.day === 1 &&
              a.day === daysInMonth(a.year, a.month) &&
              ((b.year === a.year && b.month === a.month + 1) ||
                (b.year === a.year + 1 && b.month === 1 && a.month === 12)))
          );
        },
      ),
    );
  });

  it('agrees with UTC Date (which is time-zone free) on day counts', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`);
        return daysBetween(a, b) === ms / 86_400_000;
      }),
    );
  });
});

describe('arithmetic', () => {
  it('counts days exactly', () => {
    expect(daysBetween(d('2017-06-21'), d('2017-09-20'))).toBe(91);
    expect(daysBetween(d('2017-06-21'), d('2017-09-21'))).toBe(92);
    expect(daysBetween(d('2017-01-01'), d('2018-01-01'))).toBe(365);
    expect(daysBetween(d('2016-01-01'), d('2017-01-01'))).toBe(366);
    expect(daysBetween(d('2018-01-01'), d('2017-01-01'))).toBe(-365);
  });

  it('adds days and is consistent with daysBetween', () => {
    expect(addDays(d('2017-12-31'), 1)).toBe('2018-01-01');
    expect(addDays(d('2016-03-01'), -1)).toBe('2016-02-29');
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -3000, max: 3000 }), (a, n) => {
        fc.pre(toDayNumber(a) + n >= toDayNumber(d('0001-01-01')));
        fc.pre(toDayNumber(a) + n <= toDayNumber(d('9999-12-31')));
        return daysBetween(a, addDays(a, n)) === n;
      }),
    );
    expect(() => addDays(d('2017-01-01'), 0.5)).toThrow(DomainError);
  });

  it.each([
    ['2017-01-31', 1, '2017-02-28'],
    ['2016-01-31', 1, '2016-02-29'],
    ['2017-01-31', 2, '2017-03-31'],
    ['2017-01-31', 3, '2017-04-30'],
    ['2017-03-31', -1, '2017-02-28'],
    ['2017-12-15', 1, '2018-01-15'],
    ['2017-01-15', -1, '2016-12-15'],
    ['2017-04-12', 36, '2020-04-12'],
    ['2016-02-29', 12, '2017-02-28'],
    ['2016-02-29', 48, '2020-02-29'],
    ['2017-08-31', 6, '2018-02-28'],
  ])('addMonthsClamped(%s, %i) = %s', (start, n, expected) => {
    expect(addMonthsClamped(d(start), n)).toBe(expected);
  });

  it('keeps the start day when computed from the start, not when chained', () => {
    const start = d('2017-01-31');
    expect(addMonthsClamped(addMonthsClamped(start, 1), 1)).toBe('2017-03-28');
    expect(addMonthsClamped(start, 2)).toBe('2017-03-31');
  });

  it('addMonthsClamped properties', () => {
    fc.assert(
      fc.property(
        dayNumber.filter((n) => n > 0 && n < 2_900_000),
        fc.integer({ min: -1200, max: 1200 }),
        (n, k) => {
          const a = fromDayNumber(n);
          const b = addMonthsClamped(a, k);
          const ca = toCivil(a);
          const cb = toCivil(b);
          const monthsApart = (cb.year - ca.year) * 12 + (cb.month - ca.month);
          const dayOk =
            cb.day === Math.min(ca.day, daysInMonth(cb.year, cb.month)) &&
            (cb.day === ca.day || isEndOfMonth(b));
          // Whenever the day survives unclamped, going back returns the start.
          const back = cb.day === ca.day ? addMonthsClamped(b, -k) === a : true;
          return monthsApart === k && dayOk && back;
        },
      ),
    );
  });

  it('adds years, clamping 02-29', () => {
    expect(addYearsClamped(d('2016-02-29'), 1)).toBe('2017-02-28');
    expect(addYearsClamped(d('2015-08-01'), 20)).toBe('2035-08-01');
  });

  it('compares, weekends, year and month boundaries', () => {
    expect(compareDate(d('2017-01-01'), d('2016-12-31'))).toBe(1);
    expect(compareDate(d('2017-01-01'), d('2017-01-01'))).toBe(0);
    expect(minDate(d('2017-01-02'), d('2017-01-01'))).toBe('2017-01-01');
    expect(maxDate(d('2017-01-02'), d('2017-01-01'))).toBe('2017-01-02');
    expect(dayOfWeek(d('2017-04-12'))).toBe(3); // a Wednesday
    expect(isWeekend(d('2017-09-23'))).toBe(true); // Saturday
    expect(isWeekend(d('2017-09-24'))).toBe(true); // Sunday
    expect(isWeekend(d('2017-09-25'))).toBe(false);
    expect(isWeekend(d('1969-12-28'))).toBe(true); // Sunday before the epoch
    expect(endOfYear(2017)).toBe('2017-12-31');
    expect(startOfYear(2017)).toBe('2017-01-01');
    expect(yearOf(d('2017-04-12'))).toBe(2017);
    expect(endOfMonth(d('2016-02-10'))).toBe('2016-02-29');
    expect(startOfMonth(d('2016-02-10'))).toBe('2016-02-01');
    expect(isoDate(2017, 4, 12)).toBe('2017-04-12');
    expect(() => isoDate(2017, 2, 29)).toThrow(DomainError);
  });

  it('weekday matches UTC Date', () => {
    fc.assert(
      fc.property(anyDate, (a) => {
        const js = new Date(`${a}T00:00:00Z`).getUTCDay();
        return dayOfWeek(a) === (js === 0 ? 7 : js);
      }),
    );
  });
});
