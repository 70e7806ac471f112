import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import {
  defaultShares,
  LOSS_PARTIES,
  shareLoss,
  type Claimant,
  type LossParty,
} from '../../core/losses/lossSharing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { paramBoolean, paramEnum, paramRate } from '../../core/policy/parameterSet.ts';
import { rateToString } from '../../core/rate.ts';
import { ROUNDING_MODES, type RoundingMode } from '../../core/rounding.ts';
import type { Payer, RuleContext } from '../../core/rules/rule.ts';
import { art19PropertyMortgageCompensation } from '../../core/rules/art19.property-mortgage-compensation.ts';
import { art31RiskCompensation } from '../../core/rules/art31.risk-compensation.ts';
import { art19Covers, type Collateral } from '../../core/rules/support/loss.ts';
import type { Database, LossClaimTable } from '../../store/schema.ts';
import { conflict } from '../errors.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import type { UseCaseContext } from '../useCase.ts';
import { shareVersions, termsOn, type SharingTerms } from './lossShares.ts';
import { inPilotOn } from './propertyPilots.ts';

/** The claim's actual loss: principal and interest lost (POLICY.md, art. 19's reading). */
export const lossOf = (c: Pick<LossClaimTable, 'principal_loss' | 'interest_loss'>): Fen =>
  (Number(c.principal_loss) + Number(c.interest_loss)) as Fen;

export const ART19_RULE = art19PropertyMortgageCompensation;
export const ART31_RULE = art31RiskCompensation;
export type CompensationRuleId = typeof ART19_RULE.id | typeof ART31_RULE.id;

/**
 * Which rule compensates an approved claim's loss (decision 0024): art. 19's 50 % when
 * the loan stands on rural property and the claimant was a pilot institution on the day
 * the loan was granted (发放抵押贷款), else the art. 31 fund. Where both could apply the
 * specific art. 19 rule does (art19.precedence-over-fund); with that parameter off, the
 * claim is refused rather than compensated twice or by a guess.
 */
export async function compensationRuleOf(
  ctx: Pick<UseCaseContext, 'app' | 'db' | 'actor'>,
  claim: LossClaimTable,
): Promise<CompensationRuleId> {
  const { db, actor } = ctx;
  const region = actor.regionCode;
  const loan = await db
    .selectFrom('loans')
    .select(['contract_date', 'disbursed_on'])
    .where('region_code', '=', region)
    .where('id', '=', claim.loan_id)
    .executeTakeFirstOrThrow();
  const granted = (loan.disbursed_on ?? loan.contract_date ?? claim.loss_date) as IsoDate;
  const covered = art19Covers({
    pilotInstitution: await inPilotOn(db, region, claim.claimant_id, granted),
    collateral: claim.collateral as Collateral,
  });
  if (!covered) return ART31_RULE.id;
  const params = await loadParameterSnapshot(
    { ...ctx.app, store: { ...ctx.app.store, db } },
    region,
  );
  const lossDate = claim.loss_date as IsoDate;
  if (!paramBoolean(params, 'art19.precedence-over-fund', lossDate).value) {
    throw conflict(
      'rule_conflict',
      '该损失同时适用第十九条（试点风险补偿）和第三十一条（风险补偿金），且未规定优先顺序：不能审批，以免重复补偿',
      'Art. 19 (pilot compensation) and art. 31 (the fund) both apply to this loss and no precedence is set: it cannot be approved without risking a double payment',
      'id',
    );
  }
  return ART19_RULE.id;
}

/** What an approved claim is paid: by which rule and article, from whom, how much, why. */
export interface Compensation {
  readonly ruleId: CompensationRuleId;
  readonly article: string;
  readonly payer: Payer;
  readonly amount: Fen;
  /** The rule's reason to pay nothing, if any. */
  readonly why: string | null;
  /** What the line records, which recoveries read to give the payer back its share. */
  readonly input: CompensationInput;
}

export interface CompensationInput {
  claimId: string;
  claimant: Claimant;
  lossDate: string;
  principalLoss: string;
  interestLoss: string;
  loss: string;
  /** The payer's and the others' shares (percent text) as paid; art. 19: the payer's 50 %. */
  shares: Record<LossParty, string>;
  sharesFrom: string | null;
  rounding: RoundingMode;
  split: Record<LossParty, string>;
  collateral: string;
}

const y = (v: number): string => fenToYuanString(v as Fen);
const per = <T>(f: (p: LossParty) => T) =>
  Object.fromEntries(LOSS_PARTIES.map((p) => [p, f(p)])) as Record<LossParty, T>;
/** A guarantor's unrecoverable compensation is art. 22's, paid from the art. 31 fund. */
const GUARANTEE_ARTICLE = 'arts. 22, 31';

/**
 * The compensation of an approved claim by the rule its approval fixed. Art. 31: the
 * fund's part of the product's sharing (decision 0023). Art. 19: the rule's 50 % of the
 * actual loss, paid by the district; the claimant bears the rest. Either way the split
 * is recorded in the fund-sharing shape, the payer in the `fund` slot, so a recovery
 * gives the payer back its share the same way.
 */
export function compensationOf(
  claim: LossClaimTable,
  ruleId: CompensationRuleId,
  rules: RuleContext,
  terms: SharingTerms,
): Compensation {
  const loss = lossOf(claim);
  const base = {
    claimId: claim.id,
    claimant: claim.claimant,
    lossDate: claim.loss_date,
    principalLoss: y(claim.principal_loss),
    interestLoss: y(claim.interest_loss),
    loss: y(loss),
    collateral: claim.collateral,
  };
  if (ruleId === ART31_RULE.id) {
    const split = shareLoss(loss, terms.shares, claim.claimant, terms.rounding);
    return {
      ruleId,
      article: claim.claimant === 'bank' ? ART31_RULE.article : GUARANTEE_ARTICLE,
      payer: 'fund',
      amount: split.fund,
      why:
        split.fund === 0
          ? '产品约定风险补偿金不分担此损失 / The product gives the fund no share of this loss'
          : null,
      input: {
        ...base,
        shares: per((p) => rateToString(terms.shares[p])),
        sharesFrom: terms.configuredFrom,
        rounding: terms.rounding,
        split: per((p) => y(split[p])),
      },
    };
  }
  const lossDate = claim.loss_date as IsoDate;
  const result = ART19_RULE.evaluate(
    {
      lossDate,
      claimant: claim.claimant,
      pilotInstitution: true,
      collateral: claim.collateral as Collateral,
      unpaidPrincipal: Number(claim.principal_loss) as Fen,
      unpaidInterest: Number(claim.interest_loss) as Fen,
      recoveries: 0 as Fen,
    },
    rules,
  );
  const amount = (result.amounts[0]?.amount ?? 0) as Fen;
  const share = paramRate(rules.params, 'art19.risk-compensation.share-of-actual-loss', lossDate);
  const rounding = paramEnum(
    rules.params,
    'conventions.subsidy-rounding',
    lossDate,
    ROUNDING_MODES,
  );
  // What recoveries read: the district's share in the fund's slot, the claimant the rest.
  const shares = defaultShares(share.value, claim.claimant);
  const split = per((p) => (p === 'fund' ? amount : p === claim.claimant ? loss - amount : 0));
  return {
    ruleId,
    article: ART19_RULE.article,
    payer: 'district',
    amount,
    why: result.failed.map((f) => `${f.message_zh} / ${f.message_en}`).join('；') || null,
    input: {
      ...base,
      shares: per((p) => rateToString(shares[p])),
      sharesFrom: null,
      rounding: rounding.value,
      split: per((p) => y(split[p])),
    },
  };
}

/** The rule an approved claim was fixed to (claims approved before decision 0024: art. 31). */
export const ruleOfClaim = (c: Pick<LossClaimTable, 'rule_id'>): CompensationRuleId =>
  (c.rule_id ?? ART31_RULE.id) as CompensationRuleId;

/** Each approved claim's compensation, by its product's sharing terms. */
export async function claimCompensations(
  db: Kysely<Database>,
  regionCode: string,
  rules: RuleContext,
  claims: readonly LossClaimTable[],
): Promise<Map<string, Compensation>> {
  const versions = await shareVersions(
    db,
    regionCode,
    claims.map((c) => c.product_id),
  );
  return new Map(
    claims.map((c) => {
      const terms = termsOn(
        versions.get(c.product_id) ?? [],
        rules.params,
        c.loss_date as IsoDate,
        c.claimant,
      );
      return [c.id, compensationOf(c, ruleOfClaim(c), rules, terms)];
    }),
  );
}
