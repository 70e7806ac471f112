import { z } from 'zod';
import { fenToYuanString, yuanToFen, type Fen } from '../../core/money.ts';
import {
  collateralSchema,
  RURAL_PROPERTY_COLLATERAL,
  type Collateral,
} from '../../core/rules/support/loss.ts';
import type { LossClaimTable } from '../../store/schema.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { notAfterToday } from '../businessDay.ts';
import { conflict, invalid } from '../errors.ts';
import { loadGuarantee } from '../guarantees/guarantees.ts';
import { newId } from '../ids.ts';
import { getLoan } from '../loans/loanDetail.ts';
import { businessDate, id, positiveYuan, shortText } from '../loans/loanFields.ts';
import { defineUseCase, type UseCaseContext } from '../useCase.ts';
import { paging } from '../validation.ts';
import { claimOut, claimsOut, type LossClaimOut } from './lossClaimOut.ts';
import { LOSS_READERS } from './lossRoles.ts';

/**
 * Filing loss claims (issue 5 §1, decision 0023). A bank claims the loss on its own loan
 * once the loan is written off (核销) or non-performing (次级, 可疑, 损失) on the loss
 * date, never more than was written off, or than the principal outstanding and the
 * interest owed. A guarantor claims what it compensated (代偿) under its own guarantee
 * and could not recover (art. 22: 确因无法偿还的 … 由区财政给予补贴). A loan's loss is
 * claimed once; a rejected claim may be filed again, corrected.
 */

const y = (v: number): string => fenToYuanString(v as Fen);
const NON_PERFORMING = ['substandard', 'doubtful', 'loss'];

/**
 * Art. 19 lists the rural property a pilot mortgage may stand on; a claim naming one must
 * be on a loan its product secures by mortgage or pledge (抵押、质押).
 */
async function checkCollateral(
  ctx: UseCaseContext,
  productId: string,
  collateral: Collateral,
): Promise<void> {
  if (!(RURAL_PROPERTY_COLLATERAL as readonly string[]).includes(collateral)) return;
  const product = await ctx.db
    .selectFrom('loan_products')
    .select('collateral')
    .where('region_code', '=', ctx.actor.regionCode)
    .where('id', '=', productId)
    .executeTakeFirstOrThrow();
  if (product.collateral !== 'mortgage' && product.collateral !== 'pledge') {
    throw invalid(
      'collateral',
      '该贷款的产品不是抵押或质押贷款，不能申报农村产权抵押物',
      "The loan's product is not secured by mortgage or pledge; it cannot name rural property as collateral",
    );
  }
}

type NewClaim = Omit<
  LossClaimTable,
  | 'region_code'
  | 'id'
  | 'status'
  | 'filed_by'
  | 'filed_at'
  | 'checked_by'
  | 'checked_at'
  | 'checked_on'
  | 'check_note'
  | 'version'
  | 'rule_id'
>;

async function insertClaim(
  ctx: UseCaseContext,
  action: string,
  claim: NewClaim,
): Promise<LossClaimOut> {
  const { db, actor, now } = ctx;
  const live = await db
    .selectFrom('loss_claims')
    .select(['id', 'status'])
    .where('region_code', '=', actor.regionCode)
    .where('loan_id', '=', claim.loan_id)
    .where('status', '<>', 'rejected')
    .executeTakeFirst();
  if (live) {
    throw conflict(
      'claim_exists',
      `该贷款的损失已有补偿申请 ${live.id}，不能重复申请`,
      `The loss on this loan is already claimed (claim ${live.id}); it cannot be claimed twice`,
      claim.claimant === 'bank' ? 'loanContractNo' : 'guaranteeId',
    );
  }
  const claimId = newId(now.getTime());
  // A concurrent filing on the same loan passes the check above; the live-claim unique
  // index then refuses the later one (PostgreSQL waits for the first to commit).
  await db
    .insertInto('loss_claims')
    .values({
      ...claim,
      region_code: actor.regionCode,
      id: claimId,
      status: 'filed',
      filed_by: actor.username,
      filed_at: now.toISOString(),
      checked_by: null,
      checked_at: null,
      checked_on: null,
      check_note: null,
      version: 1,
      rule_id: null,
    })
    .execute()
    .catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      throw conflict(
        'claim_exists',
        '该贷款的损失刚刚已由他人申请补偿，不能重复申请',
        'The loss on this loan was claimed by someone else just now; it cannot be claimed twice',
        claim.claimant === 'bank' ? 'loanContractNo' : 'guaranteeId',
      );
    });
  await ctx.audit({
    action,
    entity: 'loss_claim',
    entityId: claimId,
    after: {
      loanId: claim.loan_id,
      guaranteeId: claim.guarantee_id,
      lossDate: claim.loss_date,
      principalLoss: y(claim.principal_loss),
      interestLoss: y(claim.interest_loss),
      collateral: claim.collateral,
    },
  });
  return claimOut(ctx, claimId);
}

export const fileLossClaim = defineUseCase({
  name: 'loss.claim.file',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      /** The loan's contract number, as the bank knows it (guarantees name loans so too). */
      loanContractNo: z.string().trim().min(1).max(64),
      lossDate: businessDate,
      principalLoss: positiveYuan,
      /** Omitted: no interest lost. */
      interestLoss: positiveYuan.optional(),
      /** The rural property the loan was mortgaged on (art. 19); omitted: none. */
      collateral: collateralSchema.optional(),
      evidence: shortText,
    })
    .strict(),
  async run(ctx, input): Promise<LossClaimOut> {
    notAfterToday('lossDate', input.lossDate, ctx.now);
    // The loan as its bank sees it on the loss date (scope: its own loans only).
    const found = await ctx.db
      .selectFrom('loans')
      .select(['id', 'institution_id'])
      .where('region_code', '=', ctx.actor.regionCode)
      .where('contract_no', '=', input.loanContractNo)
      .executeTakeFirst();
    // Another bank's loan under this number answers like no loan: nothing leaks.
    if (found === undefined || found.institution_id !== ctx.actor.institutionId) {
      throw invalid(
        'loanContractNo',
        '本行没有该合同编号的贷款',
        'Your bank has no loan with this contract number',
      );
    }
    const detail = await getLoan.run(ctx, { id: found.id, asOf: input.lossDate });
    const interest = input.interestLoss ?? (0 as Fen);
    let principalMax: Fen;
    let interestMax: Fen;
    if (detail.writeOff !== null) {
      // What was written off, less what was recovered since, comes off principal last.
      const w = detail.writeOff;
      const left = yuanToFen(w.total) - yuanToFen(w.recovered);
      principalMax = Math.min(yuanToFen(w.principal), left) as Fen;
      interestMax = Math.min(yuanToFen(w.interest), left - input.principalLoss) as Fen;
    } else if (NON_PERFORMING.includes(detail.classification)) {
      principalMax = yuanToFen(detail.outstandingPrincipal);
      interestMax = yuanToFen(detail.interestOwed);
    } else {
      throw invalid(
        'loanContractNo',
        `贷款在损失日期 ${input.lossDate} 为${detail.classificationZh}类，既未核销也未违约（次级、可疑、损失），不能申请损失补偿`,
        `On ${input.lossDate} the loan is ${detail.classification}, neither written off nor non-performing (substandard, doubtful, loss); no loss can be claimed`,
        'loan_performing',
      );
    }
    if (input.principalLoss > principalMax) {
      throw invalid(
        'principalLoss',
        `本金损失不能超过 ${y(principalMax)} 元（核销或未还本金）`,
        `must not exceed ${y(principalMax)}, the principal written off or outstanding`,
      );
    }
    if (interest > Math.max(0, interestMax)) {
      throw invalid(
        'interestLoss',
        `利息损失不能超过 ${y(Math.max(0, interestMax))} 元（核销或欠付利息）`,
        `must not exceed ${y(Math.max(0, interestMax))}, the interest written off or owed`,
      );
    }
    const loan = detail.loan;
    const collateral = input.collateral ?? 'none';
    await checkCollateral(ctx, loan.productId, collateral);
    return insertClaim(ctx, 'loss.claim.file', {
      claimant: 'bank',
      claimant_id: loan.institutionId,
      loan_id: loan.id,
      guarantee_id: null,
      product_id: loan.productId,
      township_code: loan.townshipCode,
      village_code: loan.villageCode,
      loss_date: input.lossDate,
      principal_loss: input.principalLoss,
      interest_loss: interest,
      evidence: input.evidence,
      collateral,
    });
  },
});

export const fileGuaranteeClaim = defineUseCase({
  name: 'loss.guarantee-claim.file',
  roles: ['guarantor'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      guaranteeId: id,
      lossDate: businessDate,
      /** The part of the compensations (代偿) that proved unrecoverable. */
      amount: positiveYuan,
      /** The rural property the guaranteed loan was mortgaged on (art. 19); omitted: none. */
      collateral: collateralSchema.optional(),
      evidence: shortText,
    })
    .strict(),
  async run(ctx, input): Promise<LossClaimOut> {
    notAfterToday('lossDate', input.lossDate, ctx.now);
    const g = await loadGuarantee(ctx.db, ctx.actor, input.guaranteeId);
    const events = await ctx.db
      .selectFrom('guarantee_events')
      .select(['kind', 'amount'])
      .where('region_code', '=', ctx.actor.regionCode)
      .where('guarantee_id', '=', g.id)
      .where('occurred_on', '<=', input.lossDate)
      .execute();
    const sum = (kind: string) =>
      events.filter((e) => e.kind === kind).reduce((s, e) => s + Number(e.amount), 0);
    const compensated = sum('compensation');
    if (compensated === 0) {
      throw invalid(
        'guaranteeId',
        `该担保在 ${input.lossDate} 前没有代偿记录，不能申请代偿损失补偿`,
        `The guarantee has no compensation recorded by ${input.lossDate}; there is no loss to claim`,
        'no_compensation',
      );
    }
    const unrecovered = compensated - sum('recovery');
    if (input.amount > unrecovered) {
      throw invalid(
        'amount',
        `不能超过代偿后尚未追回的 ${y(unrecovered)} 元（代偿 ${y(compensated)} 元）`,
        `must not exceed the ${y(unrecovered)} compensated and not recovered (${y(compensated)} compensated)`,
      );
    }
    const loan = await ctx.db
      .selectFrom('loans')
      .select('product_id')
      .where('region_code', '=', ctx.actor.regionCode)
      .where('id', '=', g.loan_id)
      .executeTakeFirstOrThrow();
    const collateral = input.collateral ?? 'none';
    await checkCollateral(ctx, loan.product_id, collateral);
    return insertClaim(ctx, 'loss.guarantee-claim.file', {
      claimant: 'guarantor',
      claimant_id: g.guarantor_id,
      loan_id: g.loan_id,
      guarantee_id: g.id,
      product_id: loan.product_id,
      township_code: g.township_code,
      village_code: g.village_code,
      loss_date: input.lossDate,
      principal_loss: input.amount,
      interest_loss: 0,
      evidence: input.evidence,
      collateral,
    });
  },
});

export const listLossClaims = defineUseCase({
  name: 'loss.claim.list',
  roles: LOSS_READERS,
  scope: 'institution',
  writes: false,
  input: z
    .object({ ...paging, status: z.enum(['filed', 'approved', 'rejected']).optional() })
    .strict(),
  async run(ctx, input): Promise<{ items: LossClaimOut[]; total: number }> {
    const { db, actor } = ctx;
    let q = db.selectFrom('loss_claims').where('region_code', '=', actor.regionCode);
    if (actor.role === 'bank_officer' || actor.role === 'guarantor') {
      q = q.where('claimant_id', '=', actor.institutionId ?? '-');
    }
    if (input.status !== undefined) q = q.where('status', '=', input.status);
    const [rows, count] = await Promise.all([
      q
        .selectAll()
        .orderBy('filed_at', 'desc')
        .orderBy('id')
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await claimsOut(ctx, rows), total: Number(count.n) };
  },
});
