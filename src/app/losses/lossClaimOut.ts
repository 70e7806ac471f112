import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { LOSS_PARTIES, shareLoss, type LossParty } from '../../core/losses/lossSharing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { rateToString } from '../../core/rate.ts';
import type { Database, LossClaimTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { policyData } from '../policy/evaluate.ts';
import { loadParameterSnapshot, POLICY_ROOT } from '../policy/parameterVersions.ts';
import type { UseCaseContext } from '../useCase.ts';
import { compensationOf, lossOf, ruleOfClaim, type Compensation } from './compensationRule.ts';
import { shareVersions, termsOn } from './lossShares.ts';

/**
 * A loss claim as every screen and answer shows it: the loss, the shares in force on
 * its loss date and the split they give (what the fund pays is the `fund` part), and
 * what was recovered after the fund paid.
 */

export interface LossClaimOut {
  id: string;
  claimant: 'bank' | 'guarantor';
  claimantId: string;
  claimantName: string;
  loanId: string;
  loanContractNo: string;
  guaranteeId: string | null;
  lossDate: string;
  principalLoss: string;
  interestLoss: string;
  loss: string;
  evidence: string;
  status: LossClaimTable['status'];
  filedBy: string;
  filedAt: string;
  checkedBy: string | null;
  checkedOn: string | null;
  checkNote: string | null;
  /** Percent per party, and the product version they come from (null: the art. 31 default). */
  shares: Record<LossParty, string>;
  sharesFrom: string | null;
  split: Record<LossParty, string>;
  /** The rural property the loan stood on (art. 19's list), 'none' or 'other'. */
  collateral: string;
  /** Once approved: the rule that compensates the loss, its payer and amount (decision 0024). */
  compensation: { ruleId: string; article: string; payer: string; amount: string } | null;
  recovered: string;
  version: number;
}

const y = (v: number): string => fenToYuanString(v as Fen);

/** Claims the actor may see: district offices all, an institution its own. */
export function visibleTo(actor: Actor, c: Pick<LossClaimTable, 'claimant_id'>): boolean {
  if (actor.role === 'bank_officer' || actor.role === 'guarantor') {
    return actor.institutionId !== null && c.claimant_id === actor.institutionId;
  }
  return true;
}

export async function loadClaim(
  db: Kysely<Database>,
  actor: Actor,
  claimId: string,
): Promise<LossClaimTable> {
  const row = await db
    .selectFrom('loss_claims')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', claimId)
    .executeTakeFirst();
  if (!row || !visibleTo(actor, row)) throw notFound('loss claim');
  return row;
}

/** The claims as shown, read through the caller's connection (its transaction for writes). */
export async function claimsOut(
  ctx: Pick<UseCaseContext, 'app' | 'db' | 'actor'>,
  claims: readonly LossClaimTable[],
): Promise<LossClaimOut[]> {
  if (claims.length === 0) return [];
  const { app, db, actor } = ctx;
  const region = actor.regionCode;
  const ids = claims.map((c) => c.id);
  const [params, versions, loans, names, recoveries] = await Promise.all([
    loadParameterSnapshot({ ...app, store: { ...app.store, db } }, region),
    shareVersions(
      db,
      region,
      claims.map((c) => c.product_id),
    ),
    db
      .selectFrom('loans')
      .select(['id', 'contract_no'])
      .where('region_code', '=', region)
      .where(
        'id',
        'in',
        claims.map((c) => c.loan_id),
      )
      .execute(),
    db
      .selectFrom('institutions')
      .select(['id', 'name_zh'])
      .where('region_code', '=', region)
      .execute(),
    db
      .selectFrom('loss_recoveries')
      .select(['claim_id', 'amount'])
      .where('region_code', '=', region)
      .where('claim_id', 'in', ids)
      .execute(),
  ]);
  const data = policyData(POLICY_ROOT);
  const rules = { params, rates: { benchmark: data.benchmark, lpr: data.lpr }, trace: false };
  const contractOf = new Map(loans.map((l) => [l.id, l.contract_no]));
  const nameOf = new Map(names.map((n) => [n.id, n.name_zh]));
  return claims.map((c) => {
    const terms = termsOn(
      versions.get(c.product_id) ?? [],
      params,
      c.loss_date as IsoDate,
      c.claimant,
    );
    const split = shareLoss(lossOf(c), terms.shares, c.claimant, terms.rounding);
    const paid =
      c.status === 'approved' ? compensationOf(c, ruleOfClaim(c), rules, terms) : undefined;
    const per = <T>(f: (p: LossParty) => T) =>
      Object.fromEntries(LOSS_PARTIES.map((p) => [p, f(p)])) as Record<LossParty, T>;
    return {
      id: c.id,
      claimant: c.claimant,
      claimantId: c.claimant_id,
      claimantName: nameOf.get(c.claimant_id) ?? '',
      loanId: c.loan_id,
      loanContractNo: contractOf.get(c.loan_id) ?? '',
      guaranteeId: c.guarantee_id,
      lossDate: c.loss_date,
      principalLoss: y(c.principal_loss),
      interestLoss: y(c.interest_loss),
      loss: y(lossOf(c)),
      evidence: c.evidence,
      status: c.status,
      filedBy: c.filed_by,
      filedAt: c.filed_at,
      checkedBy: c.checked_by,
      checkedOn: c.checked_on,
      checkNote: c.check_note,
      shares: per((p) => rateToString(terms.shares[p])),
      sharesFrom: terms.configuredFrom,
      split: per((p) => y(split[p])),
      collateral: c.collateral,
      compensation: compensationOut(paid),
      recovered: y(
        recoveries.filter((r) => r.claim_id === c.id).reduce((s, r) => s + Number(r.amount), 0),
      ),
      version: c.version,
    };
  });
}

function compensationOut(c: Compensation | undefined): LossClaimOut['compensation'] {
  if (c === undefined) return null;
  return { ruleId: c.ruleId, article: c.article, payer: c.payer, amount: y(c.amount) };
}

export async function claimOut(
  ctx: Pick<UseCaseContext, 'app' | 'db' | 'actor'>,
  claimId: string,
): Promise<LossClaimOut> {
  const [out] = await claimsOut(ctx, [await loadClaim(ctx.db, ctx.actor, claimId)]);
  return out!;
}
