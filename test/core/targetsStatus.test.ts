import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/core/calendarDate.ts';
import { compareRatio, percentRatio, ratio, ratioToDecimal } from '../../src/core/targets/ratio.ts';
import { targetStatus, TARGET_STATUSES, type StatusInput } from '../../src/core/targets/status.ts';

const d = (s: string) => s as IsoDate;

/**
 * The status rule of decision 0015, worked by hand on the art. 6 ATM target: 145 ATMs by
 * 2017-12-31, the straight line starting 2017-01-01 (364 days to the deadline).
 */
const atms = (actual: number, asOf: string, baseline = 0): StatusInput => ({
  kind: 'at-least',
  asOf: d(asOf),
  start: d('2017-01-01'),
  deadline: d('2017-12-31'),
  actual: ratio(actual),
  goal: ratio(145),
  baseline: ratio(baseline),
});

describe('target status', () => {
  it('is met once the value reaches the goal, before or after the deadline', () => {
    expect(targetStatus(atms(145, '2017-06-30'))).toBe('met');
    expect(targetStatus(atms(150, '2019-01-01'))).toBe('met');
  });

  it('is missed after the deadline when not met', () => {
    expect(targetStatus(atms(144, '2018-01-01'))).toBe('missed');
    // on the deadline itself it is not missed yet, but the line stands at the goal
    expect(targetStatus(atms(144, '2017-12-31'))).toBe('at-risk');
  });

  it('is on track at or above the straight line from the baseline, at risk below it', () => {
    // 2017-07-02 is day 182 of 364: the line stands at 100 + 45 × 182/364 = 122.5.
    expect(targetStatus(atms(123, '2017-07-02', 100))).toBe('on-track');
    expect(targetStatus(atms(122, '2017-07-02', 100))).toBe('at-risk');
    // from 0: 145 × 182/364 = 72.5
    expect(targetStatus(atms(73, '2017-07-02'))).toBe('on-track');
    expect(targetStatus(atms(72, '2017-07-02'))).toBe('at-risk');
    // before the start day the line has not started: anything at the baseline is on track
    expect(targetStatus(atms(0, '2016-06-30'))).toBe('on-track');
  });

  it('has no data when the value or the other side of a comparison is missing', () => {
    expect(targetStatus({ ...atms(1, '2017-06-30'), actual: null })).toBe('no-data');
    expect(targetStatus({ ...atms(1, '2017-06-30'), goal: null })).toBe('no-data');
  });

  it('needs a comparison to hold strictly, in every period when it has no deadline', () => {
    // poverty loans +12 % vs all loans +12 %: equal is not faster
    const growth = (p: number, all: number): StatusInput => ({
      kind: 'exceeds',
      asOf: d('2017-12-31'),
      start: d('2017-01-01'),
      deadline: null,
      actual: ratio(p, 100),
      goal: ratio(all, 100),
      baseline: null,
    });
    expect(targetStatus(growth(12, 12))).toBe('missed');
    expect(targetStatus(growth(13, 12))).toBe('met');
  });

  it('without a deadline: on track when above the baseline, at risk otherwise', () => {
    const balance = (actual: number, baseline: number | null): StatusInput => ({
      ...atms(actual, '2018-06-30'),
      deadline: null,
      goal: ratio(600),
      baseline: baseline === null ? null : ratio(baseline),
    });
    expect(targetStatus(balance(400, 300))).toBe('on-track');
    expect(targetStatus(balance(300, 300))).toBe('at-risk');
    expect(targetStatus(balance(1, null))).toBe('on-track');
  });

  const input = fc.record({
    actual: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    goal: fc.bigInt({ min: 1n, max: 10n ** 15n }),
    baseline: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    day: fc.integer({ min: 0, max: 3000 }),
    kind: fc.constantFrom('at-least' as const, 'exceeds' as const),
    hasDeadline: fc.boolean(),
  });
  interface Drawn {
    goal: bigint;
    baseline: bigint;
    day: number;
    kind: 'at-least' | 'exceeds';
    hasDeadline: boolean;
  }
  const build = (i: Drawn, actual: bigint) => {
    const asOf = new Date(Date.UTC(2015, 0, 1 + i.day)).toISOString().slice(0, 10);
    return {
      kind: i.kind,
      asOf: d(asOf),
      start: d('2017-01-01'),
      deadline: i.hasDeadline ? d('2017-12-31') : null,
      actual: ratio(actual),
      goal: ratio(i.goal),
      baseline: ratio(i.baseline),
    } satisfies StatusInput;
  };
  const rank = (s: string) => ['missed', 'at-risk', 'on-track', 'met'].indexOf(s);

  it('is met exactly when the value reaches (or, for a comparison, exceeds) the goal', () => {
    fc.assert(
      fc.property(input, (i) => {
        const met = targetStatus(build(i, i.actual)) === 'met';
        expect(met).toBe(i.kind === 'exceeds' ? i.actual > i.goal : i.actual >= i.goal);
      }),
    );
  });

  it('never gets worse when the actual value rises', () => {
    fc.assert(
      fc.property(input, fc.bigInt({ min: 0n, max: 10n ** 12n }), (i, more) => {
        const a = targetStatus(build(i, i.actual));
        const b = targetStatus(build(i, i.actual + more));
        expect(TARGET_STATUSES).toContain(a);
        expect(rank(b)).toBeGreaterThanOrEqual(rank(a));
      }),
    );
  });
});

describe('ratios', () => {
  it('compare exactly where floating point would not', () => {
    // 1/3 against 333333333333333/10^15: a double rounds both to the same number
    expect(compareRatio(ratio(1, 3), ratio(333_333_333_333_333n, 10n ** 15n))).toBe(1);
    expect(compareRatio(percentRatio('80'), ratio(4, 5))).toBe(0);
    expect(compareRatio(percentRatio('12.5'), ratio(1, 8))).toBe(0);
  });

  it('print half away from zero', () => {
    expect(ratioToDecimal(ratio(2, 3), 2)).toBe('0.67');
    expect(ratioToDecimal(ratio(1, 8), 2)).toBe('0.13');
    expect(ratioToDecimal(ratio(-1, 8), 2)).toBe('-0.13');
    expect(ratioToDecimal(ratio(145), 0)).toBe('145');
  });

  it('refuses a denominator of 0', () => {
    expect(() => ratio(1, 0)).toThrow(/denominator/);
  });
});
