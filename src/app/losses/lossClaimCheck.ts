import { z } from 'zod';
import type { Role } from '../roles.ts';
import { businessDayOf } from '../businessDay.ts';
import { conflict, invalid } from '../errors.ts';
import { id, shortText } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { claimOut, loadClaim, type LossClaimOut } from './lossClaimOut.ts';

/**
 * The district checks a filed claim (issue 5 §1): the financial office, the finance
 * bureau or the administrator approves it, so the next settlement run whose period holds
 * the check day pays the fund's share, or rejects it with a reason, and the claimant may
 * file a corrected one. A claim is decided once: the status in the WHERE makes two
 * racing decisions succeed once.
 */

export const LOSS_CHECKERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'finance_bureau',
];

export const checkLossClaim = defineUseCase({
  name: 'loss.claim.check',
  roles: LOSS_CHECKERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      id,
      decision: z.enum(['approve', 'reject']),
      note: shortText.optional(),
    })
    .strict(),
  async run(ctx, input): Promise<LossClaimOut> {
    const { db, actor, now } = ctx;
    const claim = await loadClaim(db, actor, input.id);
    if (input.decision === 'reject' && input.note === undefined) {
      throw invalid('note', '退回申请须说明理由', 'a rejection needs a reason');
    }
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    const result = await db
      .updateTable('loss_claims')
      .set({
        status,
        checked_by: actor.username,
        checked_at: now.toISOString(),
        checked_on: businessDayOf(now),
        check_note: input.note ?? null,
        version: claim.version + 1,
      })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', claim.id)
      .where('status', '=', 'filed')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw conflict(
        'claim_decided',
        '该损失补偿申请已审核，不能再次审核',
        'The claim has already been decided',
        'id',
      );
    }
    await ctx.audit({
      action: 'loss.claim.check',
      entity: 'loss_claim',
      entityId: claim.id,
      before: { status: claim.status },
      after: { status, note: input.note ?? null },
    });
    return claimOut(ctx, claim.id);
  },
});
