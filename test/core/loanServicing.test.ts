import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/core/calendarDate.ts';
import {
  allocatePayment,
  classifyByDaysPastDue,
  daysPastDue,
  type DueRow,
} from '../../src/core/loans/servicing.ts';
import type { Fen } from '../../src/core/money.ts';

const f = (n: number) => n as Fen;
const ROWS: DueRow[] = [
  { n: 1, dueDate: parseIsoDate('2017-02-15'), principal: f(1000), interest: f(100) },
  { n: 2, dueDate: parseIsoDate('2017-03-15'), principal: f(1000), interest: f(90) },
  { n: 3, dueDate: parseIsoDate('2017-04-15'), principal: f(1000), interest: f(80) },
];

describe('allocatePayment: penalty → interest → principal, instalment by instalment', () => {
  it('fills the first instalment, interest first', () => {
    expect(allocatePayment(ROWS, f(0), f(0), f(50))).toEqual({
      penalty: 0,
      interest: 50,
      principal: 0,
      unallocated: 0,
    });
    expect(allocatePayment(ROWS, f(0), f(0), f(1150))).toEqual({
      penalty: 0,
      interest: 150,
      principal: 1000,
      unallocated: 0,
    });
  });
  it('continues where earlier payments stopped', () => {
    // 100 interest and 500 principal already paid: row 1 still owes 500 principal
    expect(allocatePayment(ROWS, f(100), f(500), f(600))).toEqual({
      penalty: 0,
      interest: 90,
      principal: 510,
      unallocated: 0,
    });
  });
  it('takes penalty first and reports what the schedule cannot absorb', () => {
    expect(allocatePayment(ROWS, f(0), f(0), f(3300), f(20))).toEqual({
      penalty: 20,
      interest: 270,
      principal: 3000,
      unallocated: 10,
    });
  });
});

describe('daysPastDue and the five-tier classification', () => {
  it('counts from the oldest uncovered due date', () => {
    expect(daysPastDue(ROWS, f(0), parseIsoDate('2017-02-15'))).toBe(0);
    expect(daysPastDue(ROWS, f(0), parseIsoDate('2017-02-16'))).toBe(1);
    expect(daysPastDue(ROWS, f(1100), parseIsoDate('2017-03-16'))).toBe(1);
    expect(daysPastDue(ROWS, f(1099), parseIsoDate('2017-03-16'))).toBe(29);
    expect(daysPastDue(ROWS, f(3270), parseIsoDate('2020-01-01'))).toBe(0);
  });
  it.each([
    [0, 'normal'],
    [1, 'special-mention'],
    [90, 'special-mention'],
    [91, 'substandard'],
    [180, 'substandard'],
    [181, 'doubtful'],
    [360, 'doubtful'],
    [361, 'loss'],
  ])('%i days → %s', (days, cls) => {
    expect(classifyByDaysPastDue(days)).toBe(cls);
  });
});
