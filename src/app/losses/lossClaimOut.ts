import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { LOSS_PARTIES, shareLoss, type LossParty } from '../../core/losses/lossSharing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { rateToString } from '../../core/rate.ts';
import type { Database, LossClaimTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import type { UseCaseContext } from '../useCase.ts';
import { shareVersions, termsOn } from './lossShares.ts';

/**
 * A loss claim as every screen and answer shows it: the loss, the shares in force on
 * its loss date and the split they give (what the fund pays is the `fund` part), and
 * what was recovered after the fund paid.
 */

export const LOSS_READERS: readonly Role[] = [...DISTRICT_ROLES, 'bank_officer', 'guarantor'];

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
  recovered: string;
  version: number;
}

const y = (v: number): string => fenToYuanString(v as Fen);

/** The claim's actual loss: principal and interest lost (POLICY.md, art. 19's reading). */
export const lossOf = (c: Pick<LossClaimTable, 'principal_loss' | 'interest_loss'>): Fen =>
  (Number(c.principal_loss) + Number(c.interest_loss)) as Fen;

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
      recovered: y(
        recoveries.filter((r) => r.claim_id === c.id).reduce((s, r) => s + Number(r.amount), 0),
      ),
      version: c.version,
    };
  });
}

export async function claimOut(
  ctx: Pick<UseCaseContext, 'app' | 'db' | 'actor'>,
  claimId: string,
): Promise<LossClaimOut> {
  const [out] = await claimsOut(ctx, [await loadClaim(ctx.db, ctx.actor, claimId)]);
  return out!;
}
