import { describe, expect, it } from 'vitest';
import { loadPolicyData } from '../../src/app/policy/loadPolicyData.ts';
import type { IsoDate } from '../../src/core/calendarDate.ts';
import { judgeArea, percentText, type AreaFacts } from '../../src/core/credit/designation.ts';
import type { Fen } from '../../src/core/money.ts';

const params = loadPolicyData('policy').parameters;
const ON = '2018-06-30' as IsoDate;

/** A village of 10 households, 7 credit households, 20 borrowers 17 clean, 1,000,000 fen lent. */
const base: AreaFacts = {
  units: 10,
  creditUnits: 7,
  borrowers: 20,
  borrowersWithoutArrears: 17,
  loanBalance: 1_000_000 as Fen,
  nplBalance: 49_999 as Fen,
  newNplBalance: 9_999 as Fen,
};
const verdict = (level: 'village' | 'township', f: Partial<AreaFacts>) =>
  judgeArea(params, level, { ...base, ...f }, ON);
const met = (level: 'village' | 'township', f: Partial<AreaFacts>, criterion: string) =>
  verdict(level, f).checks.find((c) => c.criterion === criterion)!.met;

describe('credit village thresholds (defaults 70 %, 85 %, < 5 %, < 1 %)', () => {
  it('the base village meets all four and qualifies', () => {
    // 7/10 = 70 % ≥ 70; 17/20 = 85 % ≥ 85; 49,999/1,000,000 = 4.9999 % < 5; 9,999/1,000,000 < 1
    expect(verdict('village', {}).qualifies).toBe(true);
  });
  it('credit households: exactly 70 % meets, one household fewer (6/10 = 60 %) does not', () => {
    expect(met('village', { creditUnits: 7 }, 'credit-share')).toBe(true);
    expect(met('village', { creditUnits: 6 }, 'credit-share')).toBe(false);
    expect(verdict('village', { creditUnits: 6 }).qualifies).toBe(false);
    // 70 of 101 = 69.3 % misses; 71 of 101 = 70.3 % meets
    expect(met('village', { units: 101, creditUnits: 70 }, 'credit-share')).toBe(false);
    expect(met('village', { units: 101, creditUnits: 71 }, 'credit-share')).toBe(true);
  });
  it('borrowers without arrears: exactly 85 % (17/20) meets, 16/20 = 80 % does not', () => {
    expect(met('village', { borrowersWithoutArrears: 17 }, 'no-arrears-share')).toBe(true);
    expect(met('village', { borrowersWithoutArrears: 16 }, 'no-arrears-share')).toBe(false);
  });
  it('NPL stock: 4.9999 % is under 5 %, exactly 5 % (50,000 of 1,000,000 fen) is not', () => {
    expect(met('village', { nplBalance: 49_999 as Fen }, 'npl-stock')).toBe(true);
    expect(met('village', { nplBalance: 50_000 as Fen }, 'npl-stock')).toBe(false);
  });
  it('new NPL: 0.9999 % is under 1 %, exactly 1 % (10,000 of 1,000,000 fen) is not', () => {
    expect(met('village', { newNplBalance: 9_999 as Fen }, 'npl-new')).toBe(true);
    expect(met('village', { newNplBalance: 10_000 as Fen }, 'npl-new')).toBe(false);
  });
  it('no borrowers: nobody is in arrears and no loan is bad; an empty village never qualifies', () => {
    const none = {
      borrowers: 0,
      borrowersWithoutArrears: 0,
      loanBalance: 0 as Fen,
      nplBalance: 0 as Fen,
      newNplBalance: 0 as Fen,
    };
    expect(verdict('village', none).qualifies).toBe(true);
    expect(verdict('village', { ...none, units: 0, creditUnits: 0 }).qualifies).toBe(false);
  });
});

describe('credit township thresholds (defaults 50 %, 90 %, < 5 %, < 1 %)', () => {
  it('credit villages: exactly 50 % (5 of 10) meets, 4 of 10 does not', () => {
    expect(met('township', { units: 10, creditUnits: 5 }, 'credit-share')).toBe(true);
    expect(met('township', { units: 10, creditUnits: 4 }, 'credit-share')).toBe(false);
  });
  it('borrowers without arrears: exactly 90 % (18/20) meets, 17/20 = 85 % does not', () => {
    expect(met('township', { borrowersWithoutArrears: 18 }, 'no-arrears-share')).toBe(true);
    expect(met('township', { borrowersWithoutArrears: 17 }, 'no-arrears-share')).toBe(false);
  });
  it('the same loan limits as a village', () => {
    expect(met('township', { nplBalance: 50_000 as Fen }, 'npl-stock')).toBe(false);
    expect(met('township', { newNplBalance: 10_000 as Fen }, 'npl-new')).toBe(false);
  });
  it('exact at a district scale: 500,000 of 1,000,000 is 50 %, 499,999 is not', () => {
    expect(met('township', { units: 1_000_000, creditUnits: 500_000 }, 'credit-share')).toBe(true);
    expect(met('township', { units: 1_000_000, creditUnits: 499_999 }, 'credit-share')).toBe(false);
  });
});

describe('percent text', () => {
  it('truncates to 2 decimals', () => {
    expect(percentText(2, 3)).toBe('66.66');
    expect(percentText(7, 10)).toBe('70.00');
    expect(percentText(0, 0)).toBe('0.00');
  });
});
