import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/core/settlement/period.ts';

describe('settlement periods', () => {
  it.each([
    ['2016-Q1', '2016-01-01', '2016-03-31'],
    ['2016-Q2', '2016-04-01', '2016-06-30'],
    ['2016-Q3', '2016-07-01', '2016-09-30'],
    ['2016-Q4', '2016-10-01', '2016-12-31'],
    ['2019', '2019-01-01', '2019-12-31'],
    ['2016-02-01..2016-02-29', '2016-02-01', '2016-02-29'],
    ['2016-05-05..2016-05-05', '2016-05-05', '2016-05-05'],
    // 365 days after the first day is the longest custom range (a leap year's last day).
    ['2016-01-01..2016-12-31', '2016-01-01', '2016-12-31'],
  ])('%s runs from %s to %s', (key, from, to) => {
    expect(parsePeriod(key)).toEqual({ key, from, to });
  });

  it.each([
    ['2016-Q5', 'PERIOD_FORMAT'],
    ['2016-q1', 'PERIOD_FORMAT'],
    ['Q1-2016', 'PERIOD_FORMAT'],
    ['', 'PERIOD_FORMAT'],
    ['2016-03-31..2016-03-01', 'PERIOD_REVERSED'],
    ['2016-01-01..2017-01-01', 'PERIOD_TOO_LONG'],
    ['2017-02-29..2017-03-31', 'DATE_INVALID'],
  ])('%s is refused (%s), naming the field', (key, code) => {
    expect(() => parsePeriod(key)).toThrow(expect.objectContaining({ code, field: 'period' }));
  });
});
