import { DomainError } from '../errors.ts';
import { fen, type Fen } from '../money.ts';
import { percentOf } from '../percentOf.ts';
import { RATE_UNITS_PER_PERCENT, type Rate } from '../rate.ts';
import type { RoundingMode } from '../rounding.ts';

/**
 * Loss sharing among the risk compensation fund, the bank, the guarantor and the insurer
 * (the "政府+担保+银行+保险" linkage of arts. 28 and 31): a loss on a loan is split by the
 * product's configured shares, which sum to exactly 100 %, into whole fen that sum to
 * exactly the loss.
 *
 * Rounding. The fund's part is rounded by the subsidy rounding convention, so it is the
 * figure the art. 31 rule gives for the same loss and share. Every other party except
 * the claimant is rounded down; the claimant (the bank, or the guarantor for a guarantee
 * compensation) takes the rest: it holds the loss, so it bears what the others' rounding
 * leaves. The rest is never negative: the fund's part exceeds its exact share by less
 * than a fen and the others' never do, so the claimant gets more than its exact share
 * less one fen, and being whole, at least 0.
 */

export const LOSS_PARTIES = ['fund', 'bank', 'guarantor', 'insurer'] as const;
export type LossParty = (typeof LOSS_PARTIES)[number];
export type Claimant = Extract<LossParty, 'bank' | 'guarantor'>;
export type LossShares = Readonly<Record<LossParty, Rate>>;
export type LossSplit = Readonly<Record<LossParty, Fen>>;

const HUNDRED = 100 * RATE_UNITS_PER_PERCENT;

/** Shares each in 0–100 % and summing to exactly 100 %; throws naming the share at fault. */
export function checkShares(shares: LossShares): LossShares {
  let sum = 0;
  for (const party of LOSS_PARTIES) {
    const s = shares[party];
    if (!Number.isSafeInteger(s) || s < 0 || s > HUNDRED) {
      throw new DomainError({
        code: 'LOSS_SHARE_RANGE',
        message_zh: `分担比例 ${party} 应在 0% 至 100% 之间`,
        message_en: `The ${party} share must be from 0 % to 100 %`,
        field: `${party}Share`,
      });
    }
    sum += s;
  }
  if (sum !== HUNDRED) {
    throw new DomainError({
      code: 'LOSS_SHARES_NOT_100',
      message_zh: '风险补偿金、银行、担保机构和保险机构的分担比例之和必须正好为 100%',
      message_en:
        "The fund's, bank's, guarantor's and insurer's shares must add up to exactly 100 %",
      field: 'fundShare',
    });
  }
  return shares;
}

/**
 * The shares when a product configures none: the fund pays its default share
 * (art31.fund.loss-share-default) and the claimant bears the rest.
 */
export function defaultShares(fundShare: Rate, claimant: Claimant): LossShares {
  const shares = { fund: fundShare, bank: 0, guarantor: 0, insurer: 0 } as Record<LossParty, Rate>;
  shares[claimant] = (HUNDRED - fundShare) as Rate;
  return checkShares(shares);
}

/** Splits a loss (≥ 0 fen) by the shares; the parts always sum to the loss exactly. */
export function shareLoss(
  loss: Fen,
  shares: LossShares,
  claimant: Claimant,
  rounding: RoundingMode,
): LossSplit {
  fen(loss, 'loss');
  if (loss < 0) {
    throw new DomainError({
      code: 'LOSS_NEGATIVE',
      message_zh: '损失金额不能为负数',
      message_en: 'A loss cannot be negative',
      field: 'loss',
    });
  }
  checkShares(shares);
  const split = { fund: 0, bank: 0, guarantor: 0, insurer: 0 } as Record<LossParty, Fen>;
  let taken = 0;
  for (const party of LOSS_PARTIES) {
    if (party === claimant) continue;
    split[party] = percentOf(loss, shares[party], party === 'fund' ? rounding : 'down-fen');
    taken += split[party];
  }
  split[claimant] = (loss - taken) as Fen;
  return split;
}

/**
 * What the fund gets back of a recovery made after it paid: its share of everything
 * recovered so far less its share of what was recovered before, so that once the whole
 * loss is recovered the fund has got back exactly what it paid.
 */
export function fundShareOfRecovery(
  recoveredBefore: Fen,
  recovery: Fen,
  shares: LossShares,
  claimant: Claimant,
  rounding: RoundingMode,
): Fen {
  const after = shareLoss(fen(recoveredBefore + recovery, 'recovery'), shares, claimant, rounding);
  const before = shareLoss(recoveredBefore, shares, claimant, rounding);
  return (after.fund - before.fund) as Fen;
}
