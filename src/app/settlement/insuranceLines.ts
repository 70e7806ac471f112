import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { statusOn } from '../../core/rules/art11.micro-credit-eligibility.ts';
import {
  art24PremiumExtraSubsidy,
  type Art24Input,
} from '../../core/rules/art24.premium-extra-subsidy.ts';
import {
  art26IncomeInsurancePremium,
  type Art26Input,
} from '../../core/rules/art26.income-insurance-premium.ts';
import type { RuleResult } from '../../core/rules/rule.ts';
import type { InsurancePolicyTable } from '../../store/schema.ts';
import { pushLines, type LineRule, type LineSubject } from './draftLine.ts';
import { institutionNames } from './institutionNames.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';
import { povertyRegisters } from './povertyRegisters.ts';

/**
 * Insurance premium shares, one line set per policy whose premium was paid in the
 * settlement period, paid to the insurer: art. 24's extra 5 % for a registered poor
 * household (on the premium date, from the register) on agricultural insurance in the
 * central subsidy scope, and art. 26's city and district shares of income insurance.
 */

const ART24 = art24PremiumExtraSubsidy;
const ART26 = art26IncomeInsurancePremium;

export async function* insuranceLines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  const { db, regionCode, period } = ctx;
  const policies = await db
    .selectFrom('insurance_policies')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('scheme', 'in', ['central-subsidy', 'income'])
    .where('premium_date', '>=', period.from)
    .where('premium_date', '<=', period.to)
    .orderBy('premium_date')
    .orderBy('id')
    .execute();
  if (policies.length === 0) return;
  const [register, nameOf] = await Promise.all([
    povertyRegisters(
      ctx,
      policies.map((p) => p.household_id),
    ),
    institutionNames(ctx),
  ]);
  const out: DraftLine[] = [];
  for (const p of policies) {
    const premiumDate = p.premium_date as IsoDate;
    if (p.scheme === 'central-subsidy') {
      const applied = Number(p.central_share) + Number(p.city_share) + Number(p.district_share);
      const input: Art24Input = {
        premiumDate,
        totalPremium: Number(p.premium) as Fen,
        otherSubsidies: applied as Fen,
        registeredPoor:
          statusOn(register.get(p.household_id) ?? [], premiumDate) === 'registered_poor',
        centralSubsidyProduct: true,
      };
      const json = JSON.stringify({
        ...input,
        totalPremium: fenToYuanString(input.totalPremium),
        otherSubsidies: fenToYuanString(input.otherSubsidies),
      });
      push(out, ART24, p, ART24.evaluate(input, ctx.rules), nameOf, json);
    } else {
      const input: Art26Input = {
        premiumDate,
        premium: Number(p.premium) as Fen,
        product: p.product as Art26Input['product'],
      };
      const json = JSON.stringify({ ...input, premium: fenToYuanString(input.premium) });
      push(out, ART26, p, ART26.evaluate(input, ctx.rules), nameOf, json);
    }
  }
  yield out;
}

/** A policy's lines, all to its insurer: one per amount, or one of 0 from the district saying why. */
function push(
  out: DraftLine[],
  rule: LineRule,
  p: InsurancePolicyTable,
  result: RuleResult,
  nameOf: Map<string, string>,
  inputJson: string,
): void {
  const subject: LineSubject = {
    type: 'insurance_policy',
    id: p.id,
    accrualKey: `${p.premium_date}..${p.premium_date}`,
    via: p.insurer_id,
    township: p.township_code,
    village: p.village_code,
  };
  const payee = {
    kind: 'insurer',
    id: p.insurer_id,
    name: nameOf.get(p.insurer_id) ?? '',
  } as const;
  pushLines(out, rule, subject, result, () => payee, { payer: 'district', payee }, inputJson);
}
