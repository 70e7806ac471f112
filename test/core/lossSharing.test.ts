import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.ts';
import {
  checkShares,
  defaultShares,
  fundShareOfRecovery,
  LOSS_PARTIES,
  shareLoss,
  type Claimant,
  type LossShares,
} from '../../src/core/losses/lossSharing.ts';
import type { Fen } from '../../src/core/money.ts';
import { parseRate, RATE_UNITS_PER_PERCENT, type Rate } from '../../src/core/rate.ts';
import { ROUNDING_MODES } from '../../src/core/rounding.ts';

/**
 * Loss sharing (arts. 11, 28, 31; decision 0023), with figures worked out by hand:
 * the fund's part rounded half-up to the fen (conventions.subsidy-rounding), the other
 * sharers' rounded down, the claimant taking the rest.
 */

const shares = (fund: string, bank: string, guarantor: string, insurer: string): LossShares => ({
  fund: parseRate(fund),
  bank: parseRate(bank),
  guarantor: parseRate(guarantor),
  insurer: parseRate(insurer),
});
const f = (n: number) => n as Fen;
const HUNDRED = 100 * RATE_UNITS_PER_PERCENT;

describe('shareLoss, hand-worked', () => {
  it('a 50,000 micro-credit loss with the art. 31 default (fund 50 %): 25,000 each', () => {
    const s = defaultShares(parseRate('50'), 'bank');
    expect(s).toEqual(shares('50', '50', '0', '0'));
    expect(shareLoss(f(5_000_000), s, 'bank', 'half-up-fen')).toEqual({
      fund: 2_500_000,
      bank: 2_500_000,
      guarantor: 0,
      insurer: 0,
    });
  });

  it('50,000 principal + 1,234.57 interest, fund 60 % / bank 25 % / insurer 15 %: the bank takes the remainder fen', () => {
    // 5,123,457 fen × 60 % = 3,074,074.2 → 3,074,074 (half-up);
    // × 15 % = 768,518.55 → 768,518 (down); bank: 5,123,457 − 3,074,074 − 768,518 = 1,280,865
    // (its exact 25 % is 1,280,864.25: it gets the 0.75 fen the rounding left).
    expect(shareLoss(f(5_123_457), shares('60', '25', '0', '15'), 'bank', 'half-up-fen')).toEqual({
      fund: 3_074_074,
      bank: 1_280_865,
      guarantor: 0,
      insurer: 768_518,
    });
  });

  it('a guarantor claim of 10,000.01, fund 40 / bank 20 / guarantor 30 / insurer 10: the guarantor takes the rest', () => {
    // 1,000,001 fen: fund 400,000.4 → 400,000; bank 200,000.2 → 200,000; insurer
    // 100,000.1 → 100,000; guarantor 1,000,001 − 700,000 = 300,001 (exact 300,000.3).
    expect(
      shareLoss(f(1_000_001), shares('40', '20', '30', '10'), 'guarantor', 'half-up-fen'),
    ).toEqual({ fund: 400_000, bank: 200_000, guarantor: 300_001, insurer: 100_000 });
  });

  it('a fund half-fen rounds up and the claimant gets the rest, never below zero', () => {
    // 5 fen × 50 % = 2.5 → 3; 1 fen × 50 % = 0.5 → 1, the bank's rest 0.
    const half = shares('50', '50', '0', '0');
    expect(shareLoss(f(5), half, 'bank', 'half-up-fen')).toMatchObject({ fund: 3, bank: 2 });
    expect(shareLoss(f(1), half, 'bank', 'half-up-fen')).toMatchObject({ fund: 1, bank: 0 });
    // Rounding down (a configurable convention) leaves that fen with the bank.
    expect(shareLoss(f(1), half, 'bank', 'down-fen')).toMatchObject({ fund: 0, bank: 1 });
    expect(shareLoss(f(0), half, 'bank', 'half-up-fen')).toMatchObject({ fund: 0, bank: 0 });
  });

  it('recoveries give the fund back its share, and all of what it paid once all is recovered', () => {
    // Fund 60 % of 100.01 (10,001 fen) = 6,000.6 → 6,001 paid. Recovering 33.33 then
    // 66.68: 60 % of 3,333 = 1,999.8 → 2,000; of 10,001 → 6,001, so 4,001 the second time.
    const s = shares('60', '40', '0', '0');
    const first = fundShareOfRecovery(f(0), f(3_333), s, 'bank', 'half-up-fen');
    const second = fundShareOfRecovery(f(3_333), f(6_668), s, 'bank', 'half-up-fen');
    expect([first, second]).toEqual([2_000, 4_001]);
    expect(first + second).toBe(shareLoss(f(10_001), s, 'bank', 'half-up-fen').fund);
  });
});

describe('refusals', () => {
  const refused = (fn: () => unknown, code: string, field: string) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe(code);
      expect((e as DomainError).field).toBe(field);
      expect((e as DomainError).message_zh).toMatch(/[\u4e00-\u9fff]/);
      return;
    }
    throw new Error('expected a refusal');
  };

  it('shares that do not add up to exactly 100 %', () => {
    refused(() => checkShares(shares('50', '49.99', '0', '0')), 'LOSS_SHARES_NOT_100', 'fundShare');
    refused(() => checkShares(shares('60', '50', '0', '0')), 'LOSS_SHARES_NOT_100', 'fundShare');
  });

  it('a negative share or one above 100 %', () => {
    refused(() => checkShares(shares('110', '-10', '0', '0')), 'LOSS_SHARE_RANGE', 'fundShare');
    refused(
      () => checkShares(shares('50', '60', '-10', '0')),
      'LOSS_SHARE_RANGE',
      'guarantorShare',
    );
    refused(() => defaultShares(parseRate('101'), 'bank'), 'LOSS_SHARE_RANGE', 'fundShare');
  });

  it('a negative or fractional loss', () => {
    const s = shares('50', '50', '0', '0');
    refused(() => shareLoss(f(-1), s, 'bank', 'half-up-fen'), 'LOSS_NEGATIVE', 'loss');
    expect(() => shareLoss(f(1.5), s, 'bank', 'half-up-fen')).toThrow(DomainError);
  });
});

/** Four shares in rate units summing to exactly 100 %: three cut points on [0, 100 %]. */
const sharesArb = fc
  .tuple(
    fc.integer({ min: 0, max: HUNDRED }),
    fc.integer({ min: 0, max: HUNDRED }),
    fc.integer({ min: 0, max: HUNDRED }),
  )
  .map(([a, b, c]) => {
    const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
    return { fund: x, bank: y - x, guarantor: z - y, insurer: HUNDRED - z } as Record<
      keyof LossShares,
      Rate
    >;
  });
const claimantArb = fc.constantFrom<Claimant>('bank', 'guarantor');
const roundingArb = fc.constantFrom(...ROUNDING_MODES);
const lossArb = fc.integer({ min: 0, max: 10_000_000_000_000 });

/** loss × share in fen, as an exact fraction's floor and whether it had a remainder. */
const exact = (loss: number, share: number): { floor: bigint; frac: boolean } => {
  const n = BigInt(loss) * BigInt(share);
  const d = BigInt(HUNDRED);
  return { floor: n / d, frac: n % d !== 0n };
};

describe('shareLoss, properties', () => {
  it('the parts are whole, never negative, and sum exactly to the loss', () => {
    fc.assert(
      fc.property(lossArb, sharesArb, claimantArb, roundingArb, (loss, s, claimant, rounding) => {
        const split = shareLoss(f(loss), s, claimant, rounding);
        let sum = 0;
        for (const p of LOSS_PARTIES) {
          expect(Number.isSafeInteger(split[p])).toBe(true);
          expect(split[p]).toBeGreaterThanOrEqual(0);
          sum += split[p];
        }
        expect(sum).toBe(loss);
        // The fund is within a fen of its exact share; the other sharers never above theirs.
        const fund = exact(loss, s.fund);
        expect(BigInt(split.fund) - fund.floor).toBeGreaterThanOrEqual(0n);
        expect(BigInt(split.fund) - fund.floor).toBeLessThanOrEqual(fund.frac ? 1n : 0n);
        for (const p of LOSS_PARTIES) {
          if (p !== 'fund' && p !== claimant)
            expect(BigInt(split[p])).toBe(exact(loss, s[p]).floor);
        }
      }),
    );
  });

  it('recoveries in any pieces give the fund back exactly what it paid, never a negative part', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 8 }),
        sharesArb,
        claimantArb,
        roundingArb,
        (pieces, s, claimant, rounding) => {
          const loss = pieces.reduce((a, b) => a + b, 0);
          let before = 0;
          let back = 0;
          for (const piece of pieces) {
            const part = fundShareOfRecovery(f(before), f(piece), s, claimant, rounding);
            expect(part).toBeGreaterThanOrEqual(0);
            back += part;
            before += piece;
          }
          expect(back).toBe(shareLoss(f(loss), s, claimant, rounding).fund);
        },
      ),
    );
  });
});
