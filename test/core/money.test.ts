import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.ts';
import {
  addFen,
  chineseCapital,
  compareFen,
  fen,
  fenToYuanString,
  maxFen,
  minFen,
  mulFenByCount,
  negFen,
  splitByShares,
  subFen,
  sumFen,
  yuanToFen,
  type Fen,
} from '../../src/core/money.ts';
import { parseRate } from '../../src/core/rate.ts';

const anyFen = fc.integer({ min: -1e13, max: 1e13 }).map((n) => n as Fen);

describe('fen', () => {
  it('accepts safe integers and rejects everything else with a DomainError', () => {
    expect(fen(36417)).toBe(36417);
    expect(fen(-5)).toBe(-5);
    for (const bad of [0.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => fen(bad)).toThrow(DomainError);
    }
    try {
      fen(1.5, 'principal');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('MONEY_NOT_INTEGER_FEN');
      expect((e as DomainError).field).toBe('principal');
      expect((e as DomainError).message_zh).toContain('分');
    }
  });
});

describe('yuanToFen / fenToYuanString', () => {
  it.each([
    ['50000', 5_000_000],
    ['364.17', 36417],
    ['364.1', 36410],
    ['0.05', 5],
    ['-12.5', -1250],
    ['-0.00', 0],
    ['007', 700],
  ])('%s → %i fen', (text, expected) => {
    expect(yuanToFen(text)).toBe(expected);
  });

  it.each(['364.171', '', ' 1', '1 ', 'NaN', '1e3', '1,000', '+5', '.5', '5.', '¥5', 'Infinity'])(
    'rejects %j',
    (text) => {
      expect(() => yuanToFen(text, 'amount_yuan')).toThrow(DomainError);
    },
  );

  it('rejects amounts beyond safe integers', () => {
    expect(() => yuanToFen('90071992547409.92')).toThrow(DomainError);
    expect(() => yuanToFen('-90071992547409.92')).toThrow(/range/);
  });

  it('reads YAML numbers through their decimal text', () => {
    expect(yuanToFen(50000)).toBe(5_000_000);
    expect(yuanToFen(364.17)).toBe(36417);
    expect(() => yuanToFen(0.1 + 0.2)).toThrow(DomainError);
  });

  it.each([
    [36417, '364.17'],
    [5, '0.05'],
    [-5, '-0.05'],
    [0, '0.00'],
    [5_000_000, '50000.00'],
  ])('%i fen → %s', (f, text) => {
    expect(fenToYuanString(f as Fen)).toBe(text);
  });

  it('round-trips every amount', () => {
    fc.assert(fc.property(anyFen, (f) => yuanToFen(fenToYuanString(f)) === f));
  });
});

describe('arithmetic', () => {
  it('adds, subtracts, negates and compares', () => {
    const a = fen(100);
    const b = fen(250);
    expect(addFen(a, b)).toBe(350);
    expect(subFen(a, b)).toBe(-150);
    expect(negFen(a)).toBe(-100);
    expect(Object.is(negFen(fen(0)), 0)).toBe(true);
    expect(sumFen([a, b, fen(1)])).toBe(351);
    expect(sumFen([])).toBe(0);
    expect(compareFen(a, b)).toBe(-1);
    expect(minFen(b, a)).toBe(100);
    expect(maxFen(a, b)).toBe(250);
    expect(mulFenByCount(fen(1_000_000), 2)).toBe(2_000_000);
    expect(() => mulFenByCount(a, 1.5)).toThrow(DomainError);
  });

  it('refuses to leave the safe-integer range', () => {
    expect(() => addFen(fen(Number.MAX_SAFE_INTEGER), fen(1))).toThrow(DomainError);
  });

  it('never yields a fraction of a fen', () => {
    fc.assert(
      fc.property(anyFen, anyFen, (a, b) => {
        for (const r of [addFen(a, b), subFen(a, b), negFen(a), sumFen([a, b])]) {
          if (!Number.isInteger(r)) return false;
        }
        return true;
      }),
    );
  });
});

describe('splitByShares', () => {
  it('splits the art. 16 example 90/10', () => {
    expect(splitByShares(fen(20_000_000), [parseRate('90'), parseRate('10')])).toEqual([
      18_000_000, 2_000_000,
    ]);
  });

  it('splits the art. 26 example 35/35/30', () => {
    expect(splitByShares(fen(200_000), ['35', '35', '30'])).toEqual([70_000, 70_000, 60_000]);
  });

  it('gives leftover fen to the largest remainders, ties to the earlier part', () => {
    expect(splitByShares(fen(100), ['1', '1', '1'])).toEqual([34, 33, 33]);
    expect(splitByShares(fen(2), ['1', '1', '1'])).toEqual([1, 1, 0]);
    expect(splitByShares(fen(10), ['1', '2'])).toEqual([3, 7]); // 3.33 / 6.67
    expect(splitByShares(fen(-100), ['1', '1', '1'])).toEqual([-34, -33, -33]);
    expect(splitByShares(fen(7), ['0', '1'])).toEqual([0, 7]);
  });

  it('rejects empty, negative and all-zero shares', () => {
    expect(() => splitByShares(fen(1), [])).toThrow(DomainError);
    expect(() => splitByShares(fen(1), ['-1', '2'])).toThrow(DomainError);
    expect(() => splitByShares(fen(1), ['0', '0'])).toThrow(DomainError);
  });

  it('always sums exactly to the total, with no part off its exact share by a fen or more', () => {
    fc.assert(
      fc.property(
        anyFen,
        fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const shares = weights.map((w) => parseRate((w / 1e8).toFixed(8)));
          const parts = splitByShares(total, shares);
          const sumW = weights.reduce((a, b) => a + b, 0);
          return (
            parts.length === weights.length &&
            parts.reduce((a, b) => a + b, 0) === total &&
            parts.every((p, i) => {
              const exact = (BigInt(total) * BigInt(weights[i] ?? 0) * 1000n) / BigInt(sumW);
              const diff = BigInt(p) * 1000n - exact;
              return Number.isInteger(p) && diff < 1000n && diff > -1000n;
            })
          );
        },
      ),
    );
  });
});

describe('chineseCapital', () => {
  it.each([
    [3_200_000, '叁万贰仟元整'],
    [36417, '叁佰陆拾肆元壹角柒分'],
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角'],
    [15, '壹角伍分'],
    [1000, '壹拾元整'],
    [1500, '壹拾伍元整'],
    [140950, '壹仟肆佰零玖元伍角'],
    [600714, '陆仟零柒元壹角肆分'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [10700053, '壹拾万柒仟元伍角叁分'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [100070000, '壹佰万零柒佰元整'],
    [10000000100, '壹亿零壹元整'],
    [100000000000, '壹拾亿元整'],
    [1000000000, '壹仟万元整'],
    [1000001000, '壹仟万零壹拾元整'],
    [20000000000, '贰亿元整'],
    [100000, '壹仟元整'],
    [1440, '壹拾肆元肆角'],
    [10101, '壹佰零壹元零壹分'],
    [14447917, '壹拾肆万肆仟肆佰柒拾玖元壹角柒分'],
    [-36417, '负叁佰陆拾肆元壹角柒分'],
    [100000000000000, '壹万亿元整'],
  ])('%i fen → %s', (f, text) => {
    expect(chineseCapital(f as Fen)).toBe(text);
  });

  it('uses only capital digits and units, never two 零 in a row, never a trailing 零', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e15 }), (n) => {
        const s = chineseCapital(n as Fen);
        return (
          /^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/.test(s) &&
          !s.includes('零零') &&
          !/零[元万亿整]/.test(s) &&
          !s.startsWith('零')
        );
      }),
    );
  });
});
