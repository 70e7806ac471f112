import { sumFen } from '../../core/money.ts';
import {
  art6OneOffDeviceSubsidy,
  type Art6Input,
} from '../../core/rules/art6.one-off-device-subsidy.ts';
import { ART6_DEVICE_OF, ART6_KINDS, type Art6Kind } from '../network/pointFields.ts';
import { FUND_OF_PAYER } from './accounts.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';

/**
 * Art. 6 one-off device subsidies: one line per ATM (CRS), self-service point,
 * assisted-withdrawal point and mobile-payment point that opened in the settlement
 * period, paid by the district to the bank that installed it. 一次性 is kept by the
 * claims: the line's key names the device, so whichever runs carry it, it is approved
 * for payment once. A device outside a township or qualifying poor village, or no
 * longer operating (正常营业) at the period's end, yields a line of 0 that says why.
 */

const RULE = art6OneOffDeviceSubsidy;

export async function* art6Lines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  const { db, regionCode, period } = ctx;
  const banks = await db
    .selectFrom('institutions')
    .select(['id', 'name_zh'])
    .where('region_code', '=', regionCode)
    .execute();
  const bankName = new Map(banks.map((b) => [b.id, b.name_zh]));
  let after = '';
  for (;;) {
    const points = await db
      .selectFrom('service_points')
      .select([
        'id',
        'kind',
        'institution_id',
        'township_code',
        'village_code',
        'art6_site',
        'opened_on',
        'closed_on',
      ])
      .where('region_code', '=', regionCode)
      .where('id', '>', after)
      .where('kind', 'in', ART6_KINDS)
      .where('opened_on', '>=', period.from)
      .where('opened_on', '<=', period.to)
      .orderBy('id')
      .limit(ctx.chunkSize)
      .execute();
    if (points.length === 0) return;
    after = points[points.length - 1]!.id;
    const out: DraftLine[] = [];
    for (const p of points) {
      const input: Art6Input = {
        date: p.opened_on as Art6Input['date'],
        devices: [
          {
            kind: ART6_DEVICE_OF[p.kind as Art6Kind],
            count: 1,
            location: p.art6_site as Art6Input['devices'][number]['location'],
          },
        ],
      };
      const result = RULE.evaluate(input, ctx.rules);
      const closed = p.closed_on !== null && p.closed_on <= period.to;
      const why = closed
        ? `设备已于 ${p.closed_on!} 撤销，不再正常营业 / The device closed on ${p.closed_on!} and no longer operates`
        : result.failed.map((f) => `${f.message_zh} / ${f.message_en}`).join('；') || null;
      const accrualKey = `${p.opened_on}..${p.opened_on}`;
      const amount = why === null ? sumFen(result.amounts.map((a) => a.amount)) : 0;
      const bank = p.institution_id!;
      out.push({
        line_key: `${RULE.id}|${p.id}|${accrualKey}|district`,
        rule_id: RULE.id,
        article: RULE.article,
        subject_type: 'service_point',
        subject_id: p.id,
        accrual_key: accrualKey,
        payer: 'district',
        fund_code: FUND_OF_PAYER.district,
        payee_kind: 'bank',
        payee_id: bank,
        payee_name: bankName.get(bank) ?? '',
        via_institution_id: bank,
        township_code: p.township_code!,
        village_code: p.village_code!,
        amount,
        excluded_reason: why,
        input_json: JSON.stringify(input),
      });
    }
    yield out;
  }
}
