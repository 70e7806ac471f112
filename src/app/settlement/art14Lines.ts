import { fen, fenToYuanString, type Fen } from '../../core/money.ts';
import { paramEnum } from '../../core/policy/parameterSet.ts';
import {
  art14ProjectInterestSubsidy,
  type Art14Input,
} from '../../core/rules/art14.project-interest-subsidy.ts';
import type { OperatorKind } from '../../store/schema.ts';
import type { SourceContext } from './lineSource.ts';
import {
  missingFactsLine,
  periodOfRow,
  pushResult,
  type LinePayee,
  type LoanPricer,
} from './loanInterestLines.ts';

/**
 * Art. 14 interest subsidies for industry project loans, paid to the operator whose
 * project the loan finances (recorded in the loan's subsidy facts), through the lending
 * bank. The 2,000,000 cap is per operator across all its projects: what it was already
 * granted is what earlier interest periods claimed (approved runs), plus what this run
 * has given it so far, in loan and period order — so the line that reaches the cap is
 * cut to what is left and later ones pay nothing.
 */

const RULE = art14ProjectInterestSubsidy;
const SCOPES = ['entity-lifetime', 'entity-per-year'] as const;

/** 合作社, 家庭农场 and 种养大户 are new agricultural operators (POLICY.md glossary). */
const ENTITY_KIND: Record<OperatorKind, Art14Input['entity']['kind']> = {
  leading_enterprise: 'leading-enterprise',
  cooperative: 'new-agricultural-operator',
  family_farm: 'new-agricultural-operator',
  large_grower: 'new-agricultural-operator',
};

export async function art14Pricer(ctx: SourceContext): Promise<LoanPricer> {
  const { db, regionCode, period } = ctx;
  const scope = paramEnum(
    ctx.rules.params,
    'art14.project-subsidy.cap-scope',
    period.to,
    SCOPES,
  ).value;
  // The cap counts per operator, or per operator and calendar year of the interest period.
  const capKey = (operator: string, lastDay: string) =>
    scope === 'entity-lifetime' ? operator : `${operator}|${lastDay.slice(0, 4)}`;
  const [operators, claimed] = await Promise.all([
    db
      .selectFrom('operators')
      .select(['id', 'name', 'kind'])
      .where('region_code', '=', regionCode)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('loan_subsidy_facts')
          .select('operator_id')
          .where('region_code', '=', regionCode)
          .where('operator_id', 'is not', null)
          .$narrowType<{ operator_id: string }>(),
      )
      .execute(),
    // What approved runs paid the operators, walked from the (few) loans with an operator
    // on record, through the lines' subject index to the claims' key. Earlier interest
    // periods only, below: an adjustment of this period re-prices its own.
    db
      .selectFrom('loan_subsidy_facts as f')
      .innerJoin('settlement_lines as l', (j) =>
        j.onRef('l.region_code', '=', 'f.region_code').onRef('l.subject_id', '=', 'f.loan_id'),
      )
      .innerJoin('settlement_claims as c', (j) =>
        j
          .onRef('c.region_code', '=', 'l.region_code')
          .onRef('c.line_key', '=', 'l.line_key')
          .onRef('c.run_id', '=', 'l.run_id'),
      )
      .select(['f.operator_id', 'l.accrual_key', 'c.amount'])
      .where('f.region_code', '=', regionCode)
      .where('f.operator_id', 'is not', null)
      .where('l.rule_id', '=', RULE.id)
      .execute(),
  ]);
  const operatorOf = new Map(operators.map((o) => [o.id, o]));
  const granted = new Map<string, number>();
  for (const c of claimed) {
    const lastDay = c.accrual_key.slice(-10);
    if (c.operator_id === null || lastDay >= period.from) continue;
    const key = capKey(c.operator_id, lastDay);
    granted.set(key, (granted.get(key) ?? 0) + Number(c.amount));
  }
  return {
    categories: ['industry'],
    byPayment: false,
    price(loan, row, _coveredOn, out) {
      const p = periodOfRow(row);
      const bank: LinePayee = { kind: 'bank', id: loan.bank, name: loan.bankName };
      const facts = loan.facts;
      const operator = facts?.operator_id == null ? undefined : operatorOf.get(facts.operator_id);
      if (operator === undefined || facts?.drives_poor_income == null) {
        out.push(
          missingFactsLine(RULE, loan, p.key, 'district', bank, ['operatorId', 'drivesPoorIncome']),
        );
        return;
      }
      const payee: LinePayee = { kind: 'entity', id: operator.id, name: operator.name };
      const key = capKey(operator.id, p.to);
      const already = fen(granted.get(key) ?? 0);
      const principal = fen(row.balanceAfter + row.principal);
      const input: Art14Input = {
        entity: {
          kind: ENTITY_KIND[operator.kind],
          drivesPoorHouseholdIncome: facts.drives_poor_income === 1,
        },
        loan: {
          principal,
          contractDate: loan.contractDate,
          termMonths: loan.termMonths,
          contractRate: loan.rate,
          dayCount: loan.dayCount,
        },
        period: { from: p.from, to: p.to },
        subsidiesAlreadyGranted: already,
      };
      const result = RULE.evaluate(input, ctx.rules);
      for (const a of result.amounts) granted.set(key, already + (a.amount as Fen));
      const inputJson = JSON.stringify({
        ...input,
        loan: { ...input.loan, principal: fenToYuanString(principal), contractRate: loan.rateText },
        subsidiesAlreadyGranted: fenToYuanString(already),
      });
      pushResult(
        out,
        RULE,
        loan,
        p.key,
        result,
        () => payee,
        { payer: 'district', payee },
        inputJson,
      );
    },
  };
}
