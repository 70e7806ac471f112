import { z } from 'zod';
import { businessDayOf } from '../businessDay.ts';
import { conflict, invalid } from '../errors.ts';
import { id, shortText } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { compensationRuleOf } from './compensationRule.ts';
import { claimOut, loadClaim, type LossClaimOut } from './lossClaimOut.ts';
import { LOSS_CHECKERS } from './lossRoles.ts';

/**
 * The district checks a filed claim (issue 5 §1): the financial office, the finance
 * bureau or the administrator approves it, so the next settlement run whose period holds
 * the check day pays it, or rejects it with a reason, and the claimant may file a
 * corrected one. Approval fixes which rule compensates the loss (art. 19 or the art. 31
 * fund, decision 0024). A claim is decided once: the status in the WHERE makes two racing
 * decisions succeed once.
 */

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
    const ruleId = status === 'approved' ? await compensationRuleOf(ctx, claim) : null;
    const result = await db
      .updateTable('loss_claims')
      .set({
        status,
        checked_by: actor.username,
        checked_at: now.toISOString(),
        checked_on: businessDayOf(now),
        check_note: input.note ?? null,
        rule_id: ruleId,
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
      after: { status, note: input.note ?? null, ruleId },
    });
    return claimOut(ctx, claim.id);
  },
});
