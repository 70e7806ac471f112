import { z } from 'zod';
import { fundShareOfRecovery, type LossShares } from '../../core/losses/lossSharing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate } from '../../core/rate.ts';
import { businessDayOf } from '../businessDay.ts';
import { conflict, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id, positiveYuan } from '../loans/loanFields.ts';
import { ensureAccounts, expenseOf, FUND_OF_PAYER, FUNDS } from '../settlement/accounts.ts';
import { postEntry } from '../settlement/ledger.ts';
import { lossAccrualKey } from '../settlement/lossClaimLines.ts';
import { defineUseCase } from '../useCase.ts';
import {
  ART19_RULE,
  ART31_RULE,
  lossOf,
  ruleOfClaim,
  type CompensationInput,
} from './compensationRule.ts';
import { claimOut, loadClaim, type LossClaimOut } from './lossClaimOut.ts';

/**
 * What a claimant recovers after its claim was paid (issue 5 §3): the payer — the art. 31
 * fund, or the district under art. 19 (decision 0024) — gets back its share of it, by the
 * shares its payment used (decision 0023), posted as Dr the payer's fund / Cr the rule's
 * expense. Recoveries never exceed the loss the claim was paid for, and are not dated
 * before the payment.
 */

const y = (v: number): string => fenToYuanString(v as Fen);

export const recordLossRecovery = defineUseCase({
  name: 'loss.recovery.record',
  roles: ['bank_officer', 'guarantor'],
  scope: 'institution',
  writes: true,
  input: z.object({ id, recoveredOn: businessDate, amount: positiveYuan }).strict(),
  async run(ctx, input): Promise<LossClaimOut> {
    const { db, actor, now } = ctx;
    const region = actor.regionCode;
    const claim = await loadClaim(db, actor, input.id);
    const rule = ruleOfClaim(claim);
    // The paid line for this claim: claimed by a run that was paid.
    const paid = await db
      .selectFrom('settlement_lines as l')
      .innerJoin('settlement_claims as c', (j) =>
        j
          .onRef('c.region_code', '=', 'l.region_code')
          .onRef('c.run_id', '=', 'l.run_id')
          .onRef('c.line_key', '=', 'l.line_key'),
      )
      .innerJoin('settlement_runs as r', (j) =>
        j.onRef('r.region_code', '=', 'l.region_code').onRef('r.id', '=', 'l.run_id'),
      )
      .innerJoin('ledger_entries as e', (j) =>
        j.onRef('e.region_code', '=', 'r.region_code').onRef('e.ref_id', '=', 'r.id'),
      )
      .select(['l.input_json', 'l.payer', 'e.posted_on'])
      .where('l.region_code', '=', region)
      .where('l.rule_id', '=', rule)
      .where('l.subject_id', '=', claim.guarantee_id ?? claim.loan_id)
      .where('l.accrual_key', '=', lossAccrualKey(claim.loss_date))
      .where('r.status', '=', 'paid')
      .where('e.kind', '=', 'payment')
      .executeTakeFirst();
    if (claim.status !== 'approved' || paid === undefined) {
      throw conflict(
        'claim_not_paid',
        '该申请的损失补偿尚未支付，不能登记追回款',
        'This claim has not been paid yet; no recovery can be recorded against it',
        'id',
      );
    }
    const today = businessDayOf(now);
    if (input.recoveredOn < paid.posted_on || input.recoveredOn > today) {
      throw invalid(
        'recoveredOn',
        `追回日期应在补偿支付日 ${paid.posted_on} 至今天 ${today} 之间`,
        `must be from the payment date ${paid.posted_on} to today (${today})`,
      );
    }
    const before = await db
      .selectFrom('loss_recoveries')
      .select('amount')
      .where('region_code', '=', region)
      .where('claim_id', '=', claim.id)
      .execute();
    const recovered = before.reduce((s, r) => s + Number(r.amount), 0) as Fen;
    const loss = lossOf(claim);
    if (recovered + input.amount > loss) {
      throw invalid(
        'amount',
        `追回累计不能超过已补偿的损失 ${y(loss)} 元（已追回 ${y(recovered)} 元）`,
        `recoveries must not exceed the loss paid for, ${y(loss)} (${y(recovered)} so far)`,
      );
    }
    const terms = JSON.parse(paid.input_json) as CompensationInput;
    const shares: LossShares = {
      fund: parseRate(terms.shares.fund),
      bank: parseRate(terms.shares.bank),
      guarantor: parseRate(terms.shares.guarantor),
      insurer: parseRate(terms.shares.insurer),
    };
    const back = fundShareOfRecovery(
      recovered,
      input.amount,
      shares,
      terms.claimant,
      terms.rounding,
    );
    const recoveryId = newId(now.getTime());
    if (back > 0) {
      const title = rule === ART19_RULE.id ? ART19_RULE : ART31_RULE;
      const expense = expenseOf(title.id, title.title_zh, title.title_en);
      await ensureAccounts(db, region, [...FUNDS, expense], now);
      await postEntry(db, actor, now, {
        kind: 'recovery',
        postedOn: input.recoveredOn,
        memo: `损失补偿追回 ${claim.id} / Recovery on loss claim ${claim.id}`,
        refId: recoveryId,
        postings: [
          { account: FUND_OF_PAYER[paid.payer], amount: back },
          { account: expense.code, amount: -back as Fen },
        ],
      });
    }
    await db
      .insertInto('loss_recoveries')
      .values({
        region_code: region,
        id: recoveryId,
        claim_id: claim.id,
        recovered_on: input.recoveredOn,
        amount: input.amount,
        fund_amount: back,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      })
      .execute();
    await ctx.audit({
      action: 'loss.recovery.record',
      entity: 'loss_claim',
      entityId: claim.id,
      after: { recoveryId, amount: y(input.amount), fundAmount: y(back) },
    });
    return claimOut(ctx, claim.id);
  },
});
