import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/core/calendarDate.ts';
import type { Fen } from '../../src/core/money.ts';
import { instalmentCoverage, type PaymentMade } from '../../src/core/loans/onTime.ts';
import type { DueRow } from '../../src/core/loans/servicing.ts';

/**
 * Four instalments of 1,010.00 (1,000.00 principal + 10.00 interest), worked by hand.
 * Due dates: Thu 2017-04-20, Sat 2017-05-20 (next working day Mon 05-22), Tue 2017-06-20,
 * Thu 2017-07-20.
 */
const d = (s: string): IsoDate => s as IsoDate;
const f = (n: number): Fen => n as Fen;
const ROWS: DueRow[] = ['2017-04-20', '2017-05-20', '2017-06-20', '2017-07-20'].map((due, i) => ({
  n: i + 1,
  dueDate: d(due),
  principal: f(100_000),
  interest: f(1_000),
}));
/** A payment of `fen`, split interest-first as allocatePayment would (only the sum matters). */
const pay = (on: string, fen: number): PaymentMade => ({
  paidOn: d(on),
  interest: f(Math.min(fen, 1_000)),
  principal: f(fen - Math.min(fen, 1_000)),
});

describe('instalmentCoverage: paid on time per interest period', () => {
  it('paid on the due date is on time; one day late is not', () => {
    const out = instalmentCoverage(
      ROWS,
      [pay('2017-04-20', 101_000), pay('2017-06-21', 101_000)],
      d('2017-06-30'),
    );
    expect(out[0]).toEqual({ n: 1, dueDate: '2017-04-20', coveredOn: '2017-04-20', onTime: true });
    // the second payment (06-21) covers instalment 2 (due 05-20), a month late
    expect(out[1]).toEqual({ n: 2, dueDate: '2017-05-20', coveredOn: '2017-06-21', onTime: false });
    // instalment 3 (due Tue 06-20) is not covered, and 06-30 is past its deadline
    expect(out[2]).toEqual({ n: 3, dueDate: '2017-06-20', coveredOn: null, onTime: false });
    // instalment 4 is not due yet on 06-30: undecided
    expect(out[3]).toEqual({ n: 4, dueDate: '2017-07-20', coveredOn: null, onTime: null });
  });

  it('one day late on a weekday due date is late', () => {
    const out = instalmentCoverage(ROWS, [pay('2017-04-21', 101_000)], d('2017-04-30'));
    expect(out[0]).toMatchObject({ coveredOn: '2017-04-21', onTime: false });
  });

  it('due on a Saturday, paid on the Monday, is on time; on the Tuesday it is not', () => {
    const monday = instalmentCoverage(
      ROWS,
      [pay('2017-04-20', 101_000), pay('2017-05-22', 101_000)],
      d('2017-05-31'),
    );
    expect(monday[1]).toEqual({
      n: 2,
      dueDate: '2017-05-20',
      coveredOn: '2017-05-22',
      onTime: true,
    });
    const tuesday = instalmentCoverage(
      ROWS,
      [pay('2017-04-20', 101_000), pay('2017-05-23', 101_000)],
      d('2017-05-31'),
    );
    expect(tuesday[1]).toMatchObject({ coveredOn: '2017-05-23', onTime: false });
    // on the Sunday nothing is decided yet: the Monday still counts
    const sunday = instalmentCoverage(ROWS, [pay('2017-04-20', 101_000)], d('2017-05-21'));
    expect(sunday[1]).toMatchObject({ coveredOn: null, onTime: null });
  });

  it('partial then complete: covered on the day of the payment that completes it', () => {
    // 500.00 on 04-15, 510.00 on 04-20: instalment 1 (1,010.00) covered on 04-20, on time.
    // 600.00 on 05-10 and 410.00 on 05-25 (after Mon 05-22): instalment 2 covered late.
    const out = instalmentCoverage(
      ROWS,
      [
        pay('2017-05-25', 41_000),
        pay('2017-04-15', 50_000),
        pay('2017-05-10', 60_000),
        pay('2017-04-20', 51_000),
      ],
      d('2017-05-31'),
    );
    expect(out.map((r) => [r.coveredOn, r.onTime])).toEqual([
      ['2017-04-20', true],
      ['2017-05-25', false],
      [null, null],
      [null, null],
    ]);
    // as of 05-24 the 410.00 is not paid yet: instalment 2 is uncovered and overdue
    const before = instalmentCoverage(
      ROWS,
      [pay('2017-04-15', 50_000), pay('2017-04-20', 51_000), pay('2017-05-10', 60_000)],
      d('2017-05-24'),
    );
    expect(before[1]).toMatchObject({ coveredOn: null, onTime: false });
  });

  it('one payment covering several instalments ahead of schedule makes each on time', () => {
    const out = instalmentCoverage(ROWS, [pay('2017-04-01', 404_000)], d('2017-04-01'));
    expect(out.map((r) => [r.coveredOn, r.onTime])).toEqual([
      ['2017-04-01', true],
      ['2017-04-01', true],
      ['2017-04-01', true],
      ['2017-04-01', true],
    ]);
  });

  it('a listed holiday moves the deadline; a make-up working day does not', () => {
    const calendar = { holidays: new Set([d('2017-05-22')]) };
    const out = instalmentCoverage(
      ROWS,
      [pay('2017-04-20', 101_000), pay('2017-05-23', 101_000)],
      d('2017-05-31'),
      calendar,
    );
    expect(out[1]).toMatchObject({ coveredOn: '2017-05-23', onTime: true });
  });
});
