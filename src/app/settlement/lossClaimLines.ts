import type { IsoDate } from '../../core/calendarDate.ts';
import { shareLoss } from '../../core/losses/lossSharing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { rateToString } from '../../core/rate.ts';
import { art31RiskCompensation } from '../../core/rules/art31.risk-compensation.ts';
import { lossOf } from '../losses/lossClaimOut.ts';
import { shareVersions, termsOn } from '../losses/lossShares.ts';
import { draftLine, type LineRule, type LineSubject } from './draftLine.ts';
import { institutionNames } from './institutionNames.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';

/**
 * Loss compensation (arts. 11, 31; art. 22's unrecoverable compensations): one line per
 * claim the district approved on a day of the settlement period, paid by the risk
 * compensation fund to the claimant (the bank, or the guarantor), of the fund's share of
 * the loss by the product's shares in force on the loss date (decision 0023). The line
 * is about the loan (a bank's claim) or the guarantee (a guarantor's), accrued on the
 * loss date, so its key — and the claim on it — is one per loss. Its input records the
 * shares and the split, which recoveries later read to give the fund back its share.
 */

const RULE = art31RiskCompensation;
/** A guarantor's unrecoverable compensation is art. 22's, paid from the art. 31 fund. */
const GUARANTEE_ARTICLE = 'arts. 22, 31';

export const lossAccrualKey = (lossDate: string): string => `${lossDate}..${lossDate}`;

export async function* lossClaimLines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  const { db, regionCode, period } = ctx;
  const claims = await db
    .selectFrom('loss_claims')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('status', '=', 'approved')
    .where('checked_on', '>=', period.from)
    .where('checked_on', '<=', period.to)
    .orderBy('checked_on')
    .orderBy('id')
    .execute();
  if (claims.length === 0) return;
  const [versions, nameOf] = await Promise.all([
    shareVersions(
      db,
      regionCode,
      claims.map((c) => c.product_id),
    ),
    institutionNames(ctx),
  ]);
  const out: DraftLine[] = [];
  for (const c of claims) {
    const lossDate = c.loss_date as IsoDate;
    const terms = termsOn(versions.get(c.product_id) ?? [], ctx.rules.params, lossDate, c.claimant);
    const loss = lossOf(c);
    const split = shareLoss(loss, terms.shares, c.claimant, terms.rounding);
    const byBank = c.claimant === 'bank';
    const rule: LineRule = { id: RULE.id, article: byBank ? RULE.article : GUARANTEE_ARTICLE };
    const subject: LineSubject = {
      type: byBank ? 'loan' : 'guarantee',
      id: byBank ? c.loan_id : c.guarantee_id!,
      accrualKey: lossAccrualKey(c.loss_date),
      via: c.claimant_id,
      township: c.township_code,
      village: c.village_code,
    };
    const payee = { kind: c.claimant, id: c.claimant_id, name: nameOf.get(c.claimant_id) ?? '' };
    const why =
      split.fund === 0
        ? '产品约定风险补偿金不分担此损失 / The product gives the fund no share of this loss'
        : null;
    const y = (v: number) => fenToYuanString(v as Fen);
    const input = {
      claimId: c.id,
      claimant: c.claimant,
      lossDate,
      principalLoss: y(c.principal_loss),
      interestLoss: y(c.interest_loss),
      loss: y(loss),
      shares: Object.fromEntries(
        Object.entries(terms.shares).map(([p, s]) => [p, rateToString(s)]),
      ),
      sharesFrom: terms.configuredFrom,
      rounding: terms.rounding,
      split: Object.fromEntries(Object.entries(split).map(([p, v]) => [p, y(v)])),
    };
    out.push(draftLine(rule, subject, 'fund', payee, split.fund, why, JSON.stringify(input)));
  }
  yield out;
}
