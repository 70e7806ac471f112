import { claimCompensations } from '../losses/compensationRule.ts';
import { draftLine, type LineSubject } from './draftLine.ts';
import { institutionNames } from './institutionNames.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';

/**
 * Loss compensation (arts. 11, 19, 31; art. 22's unrecoverable compensations): one line
 * per claim the district approved on a day of the settlement period, paid to the
 * claimant (the bank, or the guarantor) by the rule the approval fixed — the art. 31
 * fund's share of the loss by the product's shares in force on the loss date (decision
 * 0023), or art. 19's 50 % from the district (decision 0024). The line is about the loan
 * (a bank's claim) or the guarantee (a guarantor's), accrued on the loss date, so its
 * key — and the claim on it — is one per loss. Its input records the shares and the
 * split, which recoveries later read to give the payer back its share.
 */

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
  const [paid, nameOf] = await Promise.all([
    claimCompensations(db, regionCode, ctx.rules, claims),
    institutionNames(ctx),
  ]);
  yield claims.map((c) => {
    const pay = paid.get(c.id)!;
    const byBank = c.claimant === 'bank';
    const subject: LineSubject = {
      type: byBank ? 'loan' : 'guarantee',
      id: byBank ? c.loan_id : c.guarantee_id!,
      accrualKey: lossAccrualKey(c.loss_date),
      via: c.claimant_id,
      township: c.township_code,
      village: c.village_code,
    };
    const payee = { kind: c.claimant, id: c.claimant_id, name: nameOf.get(c.claimant_id) ?? '' };
    return draftLine(
      { id: pay.ruleId, article: pay.article },
      subject,
      pay.payer,
      payee,
      pay.amount,
      pay.why,
      JSON.stringify(pay.input),
    );
  });
}
