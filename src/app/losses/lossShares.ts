import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import {
  checkShares,
  defaultShares,
  LOSS_PARTIES,
  type Claimant,
  type LossParty,
  type LossShares,
} from '../../core/losses/lossSharing.ts';
import { paramEnum, paramRate, type ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import { parseRate, RATE_UNITS_PER_PERCENT, rateToString, type Rate } from '../../core/rate.ts';
import { ROUNDING_MODES, type RoundingMode } from '../../core/rounding.ts';
import type { Database, LossShareTable } from '../../store/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { asInvalid, businessDate, id } from '../loans/loanFields.ts';
import { FUND_KEEPERS } from '../settlement/settlementRoles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';

/**
 * Each product's shares of a loss among the risk compensation fund, the bank, the
 * guarantor and the insurer (arts. 28, 31), effective-dated: the version in force on a
 * claim's loss date applies. A product with none configured uses the art. 31 default:
 * the fund pays art31.fund.loss-share-default and the claimant bears the rest.
 */

/** A share in percent, 0 to 100 ('50', '33.33'). */
const share = z.union([z.string(), z.number()]).transform((value, ctx): Rate => {
  const text = String(value).trim().replace(/%$/, '').trim();
  let rate: Rate | undefined;
  try {
    rate = parseRate(text, 'share');
  } catch {
    rate = undefined;
  }
  if (rate === undefined || rate < 0 || rate > 100 * RATE_UNITS_PER_PERCENT) {
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        `应为0至100之间的百分数，如“50”，实际为“${String(value)}”`,
        `must be a percent from 0 to 100, such as "50", got "${String(value)}"`,
      ),
    });
    return z.NEVER;
  }
  return rate;
});

const COLUMN: Record<LossParty, keyof LossShareTable & `${string}_share`> = {
  fund: 'fund_share',
  bank: 'bank_share',
  guarantor: 'guarantor_share',
  insurer: 'insurer_share',
};

export const setLossShares = defineUseCase({
  name: 'loss.shares.set',
  roles: FUND_KEEPERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      productId: id,
      effectiveFrom: businessDate,
      fundShare: share,
      bankShare: share,
      guarantorShare: share,
      insurerShare: share,
    })
    .strict(),
  async run(
    { db, actor, now, audit },
    input,
  ): Promise<{ productId: string; effectiveFrom: string }> {
    const region = actor.regionCode;
    const product = await db
      .selectFrom('loan_products')
      .select('id')
      .where('region_code', '=', region)
      .where('id', '=', input.productId)
      .executeTakeFirst();
    if (product === undefined) throw notFound('loan product');
    const shares: LossShares = {
      fund: input.fundShare,
      bank: input.bankShare,
      guarantor: input.guarantorShare,
      insurer: input.insurerShare,
    };
    try {
      checkShares(shares);
    } catch (e) {
      asInvalid(e);
    }
    const taken = await db
      .selectFrom('loss_shares')
      .select('effective_from')
      .where('region_code', '=', region)
      .where('product_id', '=', input.productId)
      .where('effective_from', '=', input.effectiveFrom)
      .executeTakeFirst();
    if (taken) {
      throw conflict(
        'duplicate_version',
        `该产品自 ${input.effectiveFrom} 起的分担比例已登记`,
        `The product's shares from ${input.effectiveFrom} are already recorded`,
        'effectiveFrom',
      );
    }
    const text = Object.fromEntries(
      LOSS_PARTIES.map((p) => [COLUMN[p], rateToString(shares[p])]),
    ) as Pick<LossShareTable, (typeof COLUMN)[LossParty]>;
    await db
      .insertInto('loss_shares')
      .values({
        region_code: region,
        product_id: input.productId,
        effective_from: input.effectiveFrom,
        ...text,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      })
      .execute();
    await audit({
      action: 'loss.shares.set',
      entity: 'loan_product',
      entityId: input.productId,
      after: { effectiveFrom: input.effectiveFrom, ...text },
    });
    return { productId: input.productId, effectiveFrom: input.effectiveFrom };
  },
});

/** How a loss of a product on a date is split: the shares, where they came from, the rounding. */
export interface SharingTerms {
  readonly shares: LossShares;
  /** The product's version (its first day), or null: the art. 31 default. */
  readonly configuredFrom: string | null;
  readonly rounding: RoundingMode;
}

/** The product's share versions, newest first, for `termsOn`. */
export async function shareVersions(
  db: Kysely<Database>,
  regionCode: string,
  productIds: readonly string[],
): Promise<Map<string, LossShareTable[]>> {
  const out = new Map<string, LossShareTable[]>();
  if (productIds.length === 0) return out;
  const rows = await db
    .selectFrom('loss_shares')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('product_id', 'in', [...new Set(productIds)])
    .orderBy('effective_from', 'desc')
    .execute();
  for (const r of rows) out.set(r.product_id, [...(out.get(r.product_id) ?? []), r]);
  return out;
}

export function termsOn(
  versions: readonly LossShareTable[],
  params: ParameterSnapshot,
  lossDate: IsoDate,
  claimant: Claimant,
): SharingTerms {
  const rounding = paramEnum(
    params,
    'conventions.subsidy-rounding',
    lossDate,
    ROUNDING_MODES,
  ).value;
  const v = versions.find((x) => x.effective_from <= lossDate);
  if (v === undefined) {
    const fund = paramRate(params, 'art31.fund.loss-share-default', lossDate).value;
    return { shares: defaultShares(fund, claimant), configuredFrom: null, rounding };
  }
  const shares = Object.fromEntries(
    LOSS_PARTIES.map((p) => [p, parseRate(v[COLUMN[p]])]),
  ) as Record<LossParty, Rate>;
  return { shares, configuredFrom: v.effective_from, rounding };
}
