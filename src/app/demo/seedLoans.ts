import type { Kysely } from 'kysely';
import { addDays, daysBetween, parseIsoDate, type IsoDate } from '../../core/calendarDate.ts';
import { fen, yuanToFen } from '../../core/money.ts';
import { rateToString } from '../../core/rate.ts';
import { benchmarkRate } from '../../core/rateTable.ts';
import { buildSchedule } from '../../core/schedule/index.ts';
import type { Database, LoanProductTable } from '../../store/schema.ts';
import { WULONG } from '../actor.ts';
import type { App } from '../app.ts';
import { newId } from '../ids.ts';
import { policyData } from '../policy/evaluate.ts';
import { POLICY_ROOT } from '../policy/parameterVersions.ts';
import { SeededRandom } from './random.ts';

/**
 * Demo loans (synthetic): a product for every category the policy pays for, and for
 * about 20 % of registered-poor households one 3-year poverty micro-credit loan from
 * ABC, PSBC or CQRCB, disbursed between 2015-09 and 2019-12 while the household was
 * registered poor, at the benchmark rate then, with its quarterly interest paid on time
 * up to 2020-06-30, except for one loan in ten that stops paying. About 5 % of the other
 * poor households have an open financing need (art. 3), so the 应贷未贷 board shows some.
 */

const FIRST = parseIsoDate('2015-09-01');
const LAST = parseIsoDate('2019-12-31');
/** Payments are generated up to this date. */
const PAID_UNTIL = parseIsoDate('2020-06-30');
const LENDERS = ['ABC-WL', 'ABC-WL', 'PSBC-WL', 'CQRCB-WL'] as const;
const CHUNK = 500;

type ProductSpec = Pick<
  LoanProductTable,
  | 'code'
  | 'category'
  | 'name_zh'
  | 'name_en'
  | 'min_amount'
  | 'max_amount'
  | 'min_term_months'
  | 'max_term_months'
  | 'method'
  | 'interest_period'
  | 'collateral'
  | 'rate_rule_kind'
  | 'rate_rule_value'
> & { rules: string[] };

const y = (v: string): number => yuanToFen(v);

export const DEMO_PRODUCTS: readonly ProductSpec[] = [
  {
    code: 'WL-FPXD',
    category: 'poverty_micro_credit',
    name_zh: '扶贫小额信贷',
    name_en: 'Poverty micro-credit',
    min_amount: y('1000'),
    max_amount: y('50000'),
    min_term_months: 1,
    max_term_months: 36,
    method: 'interest-only',
    interest_period: 'quarterly',
    collateral: 'none',
    rate_rule_kind: 'max-points-over-benchmark',
    rate_rule_value: '0',
    rules: ['art11.micro-credit-eligibility', 'art11.interest-subsidy'],
  },
  {
    code: 'WL-XCLY',
    category: 'rural_tourism_micro_credit',
    name_zh: '乡村旅游扶贫贷款',
    name_en: 'Rural-tourism micro-credit',
    min_amount: y('1000'),
    max_amount: y('100000'),
    min_term_months: 1,
    max_term_months: 36,
    method: 'interest-only',
    interest_period: 'quarterly',
    collateral: 'none',
    rate_rule_kind: 'max-points-over-benchmark',
    rate_rule_value: '0',
    rules: ['art11.micro-credit-eligibility', 'art11.interest-subsidy'],
  },
  {
    code: 'WL-ZYDY',
    category: 'self_employed_mortgage',
    name_zh: '贫困户自主创业抵押贷款',
    name_en: 'Self-employed poor household mortgage loan',
    min_amount: y('10000'),
    max_amount: y('300000'),
    min_term_months: 12,
    max_term_months: 60,
    method: 'equal-instalment',
    interest_period: null,
    collateral: 'mortgage',
    rate_rule_kind: 'max-points-over-benchmark',
    rate_rule_value: '2',
    rules: ['art12.self-employed-mortgage-incentive'],
  },
  {
    code: 'WL-XNDY',
    category: 'employer_mortgage',
    name_zh: '吸纳贫困人口就业企业抵押贷款',
    name_en: 'Mortgage loan to employers of poor people',
    min_amount: y('100000'),
    max_amount: y('5000000'),
    min_term_months: 12,
    max_term_months: 60,
    method: 'interest-only',
    interest_period: 'quarterly',
    collateral: 'mortgage',
    rate_rule_kind: 'max-points-over-benchmark',
    rate_rule_value: '2',
    rules: ['art15.employer-mortgage-incentive'],
  },
  {
    code: 'WL-CYDK',
    category: 'industry',
    name_zh: '扶贫产业贷款',
    name_en: 'Poverty industry loan',
    min_amount: y('50000'),
    max_amount: y('5000000'),
    min_term_months: 12,
    max_term_months: 60,
    method: 'interest-only',
    interest_period: 'quarterly',
    collateral: 'mortgage',
    rate_rule_kind: null,
    rate_rule_value: null,
    rules: ['art14.project-interest-subsidy'],
  },
  {
    code: 'WL-BQDK',
    category: 'relocation',
    name_zh: '易地扶贫搬迁贷款',
    name_en: 'Poverty relocation loan',
    min_amount: y('100000'),
    max_amount: y('50000000'),
    min_term_months: 60,
    max_term_months: 360,
    method: 'equal-principal',
    interest_period: null,
    collateral: 'guarantee',
    rate_rule_kind: 'max-factor-of-benchmark',
    rate_rule_value: '0.9',
    rules: ['art16.relocation-interest-subsidy'],
  },
  {
    code: 'WL-ZXDK',
    category: 'student',
    name_zh: '生源地助学贷款',
    name_en: 'Student loan',
    min_amount: y('1000'),
    max_amount: y('8000'),
    min_term_months: 12,
    max_term_months: 240,
    method: 'interest-only',
    interest_period: 'yearly',
    collateral: 'none',
    rate_rule_kind: null,
    rate_rule_value: null,
    rules: ['art17.student-loan-subsidy'],
  },
  {
    code: 'WL-BCZX',
    category: 'supplementary_student',
    name_zh: '补充助学贷款',
    name_en: 'Supplementary student loan',
    min_amount: y('1000'),
    max_amount: y('20000'),
    min_term_months: 12,
    max_term_months: 120,
    method: 'interest-only',
    interest_period: 'yearly',
    collateral: 'none',
    rate_rule_kind: null,
    rate_rule_value: null,
    rules: ['art17.supplementary-student-loan'],
  },
  {
    code: 'WL-JCSS',
    category: 'infrastructure',
    name_zh: '扶贫基础设施贷款',
    name_en: 'Poverty infrastructure loan',
    min_amount: y('1000000'),
    max_amount: y('500000000'),
    min_term_months: 60,
    max_term_months: 360,
    method: 'equal-principal',
    interest_period: null,
    collateral: 'guarantee',
    rate_rule_kind: null,
    rate_rule_value: null,
    rules: [],
  },
  {
    code: 'WL-FCDY',
    category: 'property_mortgage',
    name_zh: '农房抵押贷款（试点）',
    name_en: 'Rural property mortgage loan (pilot)',
    min_amount: y('10000'),
    max_amount: y('500000'),
    min_term_months: 12,
    max_term_months: 60,
    method: 'interest-only',
    interest_period: 'quarterly',
    collateral: 'mortgage',
    rate_rule_kind: null,
    rate_rule_value: null,
    rules: ['art19.property-mortgage-compensation'],
  },
  {
    code: 'WL-TDSY',
    category: 'land_income_guarantee',
    name_zh: '土地收益保证贷款',
    name_en: 'Land-income guarantee loan',
    min_amount: y('100000'),
    max_amount: y('10000000'),
    min_term_months: 12,
    max_term_months: 120,
    method: 'interest-only',
    interest_period: 'quarterly',
    collateral: 'pledge',
    rate_rule_kind: null,
    rate_rule_value: null,
    rules: ['art20.land-income-guarantee-subsidy'],
  },
  {
    code: 'WL-WTDK',
    category: 'entrusted',
    name_zh: '扶贫委托贷款',
    name_en: 'Entrusted poverty loan',
    min_amount: y('100000'),
    max_amount: y('10000000'),
    min_term_months: 12,
    max_term_months: 60,
    method: 'interest-only',
    interest_period: 'quarterly',
    collateral: 'guarantee',
    rate_rule_kind: null,
    rate_rule_value: null,
    rules: ['art22.entrusted-loan-subsidy'],
  },
  {
    code: 'WL-CYDB',
    category: 'entrepreneurship_guarantee',
    name_zh: '创业担保贷款',
    name_en: 'Entrepreneurship guarantee loan',
    min_amount: y('10000'),
    max_amount: y('100000'),
    min_term_months: 12,
    max_term_months: 36,
    method: 'interest-only',
    interest_period: 'quarterly',
    collateral: 'guarantee',
    rate_rule_kind: null,
    rate_rule_value: null,
    rules: [],
  },
];

interface Interval {
  from: IsoDate;
  to: IsoDate;
}

/** Days the household was registered poor within [FIRST, LAST], as one interval. */
function poorWindow(
  history: readonly { status: string; effective_from: string }[],
): Interval | null {
  let from: IsoDate | null = null;
  let to: IsoDate = LAST;
  for (const h of history) {
    if (h.status === 'registered_poor' && from === null) from = h.effective_from as IsoDate;
    else if (h.status !== 'registered_poor' && from !== null) {
      to = addDays(h.effective_from as IsoDate, -1);
      break;
    }
  }
  if (from === null) return null;
  const start = from < FIRST ? FIRST : from;
  const end = to > LAST ? LAST : to;
  return start <= end ? { from: start, to: end } : null;
}

export interface DemoLoanCounts {
  products: number;
  loans: number;
  repayments: number;
  needs: number;
}

/** Seeds the demo loan portfolio; runs in `trx` when given (seedDemo's transaction). */
export async function seedDemoLoans(app: App, trx?: Kysely<Database>): Promise<DemoLoanCounts> {
  const db = trx ?? app.store.db;
  const now = app.now();
  const at = now.toISOString();
  const ms = now.getTime();
  const rnd = new SeededRandom(2017_11);

  const products = DEMO_PRODUCTS.map((p): LoanProductTable => ({
    region_code: WULONG,
    id: newId(ms),
    code: p.code,
    category: p.category,
    institution_id: null,
    name_zh: p.name_zh,
    name_en: p.name_en,
    min_amount: p.min_amount,
    max_amount: p.max_amount,
    min_term_months: p.min_term_months,
    max_term_months: p.max_term_months,
    method: p.method,
    interest_period: p.interest_period,
    day_count: 'actual/360',
    rounding: 'half-up-fen',
    grace_months: 0,
    collateral: p.collateral,
    rate_rule_kind: p.rate_rule_kind,
    rate_rule_value: p.rate_rule_value,
    policy_rule_ids: JSON.stringify(p.rules),
    active: 1,
    created_at: at,
    updated_at: at,
    version: 1,
  }));
  await db.insertInto('loan_products').values(products).execute();
  const micro = products[0]!;

  const institutions = new Map(
    (
      await db
        .selectFrom('institutions')
        .select(['id', 'code'])
        .where('region_code', '=', WULONG)
        .where('code', 'in', [...LENDERS])
        .execute()
    ).map((i) => [i.code, i.id]),
  );
  const households = await db
    .selectFrom('households')
    .select(['id', 'household_no', 'township_code', 'village_code'])
    .where('region_code', '=', WULONG)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('poverty_status_history')
        .select('household_id')
        .where('region_code', '=', WULONG)
        .where('status', '=', 'registered_poor'),
    )
    .orderBy('household_no')
    .execute();

  const benchmark = policyData(POLICY_ROOT).benchmark;
  const loans: Database['loans'][] = [];
  const rows: Database['loan_schedule_rows'][] = [];
  const payments: Database['repayments'][] = [];
  const needs: Database['financing_needs'][] = [];
  let contractSeq = 0;
  for (let i = 0; i < households.length; i += CHUNK) {
    const chunk = households.slice(i, i + CHUNK);
    const history = await db
      .selectFrom('poverty_status_history')
      .select(['household_id', 'status', 'effective_from'])
      .where('region_code', '=', WULONG)
      .where(
        'household_id',
        'in',
        chunk.map((h) => h.id),
      )
      .orderBy('household_id')
      .orderBy('effective_from')
      .orderBy('recorded_at')
      .execute();
    const byHousehold = new Map<string, typeof history>();
    for (const h of history) {
      const list = byHousehold.get(h.household_id) ?? [];
      list.push(h);
      byHousehold.set(h.household_id, list);
    }
    for (const h of chunk) {
      const draw = rnd.next();
      const window = poorWindow(byHousehold.get(h.id) ?? []);
      if (window === null) continue;
      if (draw >= 0.2) {
        if (draw < 0.25) {
          needs.push({
            region_code: WULONG,
            id: newId(ms),
            household_id: h.id,
            township_code: h.township_code,
            village_code: h.village_code,
            amount: rnd.int(1, 5) * 10_000_00,
            purpose: rnd.pick(['发展生猪养殖', '种植高山蔬菜', '经营农家乐', '种植脆红李']),
            industry: rnd.pick(['畜牧业', '种植业', '乡村旅游']),
            recorded_on: addDays(window.from, rnd.int(0, daysBetween(window.from, window.to))),
            recorded_by: 'demo-seed',
            recorded_at: at,
            status: 'open',
            responding_institution_id: null,
            response_text: null,
            responded_at: null,
            version: 1,
          });
        }
        continue;
      }
      const lender = LENDERS[rnd.int(0, LENDERS.length - 1)]!;
      const institutionId = institutions.get(lender);
      if (institutionId === undefined) continue;
      const disbursedOn = addDays(window.from, rnd.int(0, daysBetween(window.from, window.to)));
      const appliedOn = addDays(disbursedOn, -rnd.int(3, 20));
      const amount = rnd.int(1, 5) * 10_000_00;
      const rate = benchmarkRate(benchmark, 36, disbursedOn);
      const schedule = buildSchedule({
        principal: fen(amount),
        annualRate: rate,
        months: 36,
        method: 'interest-only',
        interestPeriod: 'quarterly',
        start: disbursedOn,
      });
      const id = newId(ms);
      const stopsAt = rnd.next() < 0.1 ? rnd.int(1, schedule.rows.length) : Infinity;
      let paidAll = true;
      for (const r of schedule.rows) {
        rows.push({
          region_code: WULONG,
          loan_id: id,
          schedule_version: 1,
          n: r.n,
          period_start: r.periodStart,
          due_date: r.dueDate,
          principal: r.principal,
          interest: r.interest,
          total: r.total,
          balance_after: r.balanceAfter,
        });
        if (r.n >= stopsAt || r.dueDate > PAID_UNTIL) {
          paidAll = false;
          continue;
        }
        payments.push({
          region_code: WULONG,
          id: newId(ms),
          loan_id: id,
          institution_id: institutionId,
          paid_on: r.dueDate,
          amount: r.total,
          principal: r.principal,
          interest: r.interest,
          penalty: 0,
          bank_txn_id: `${lender}-${String(contractSeq + 1).padStart(6, '0')}-${String(r.n).padStart(2, '0')}`,
          note: null,
          recorded_by: 'demo-seed',
          recorded_at: at,
        });
      }
      contractSeq++;
      loans.push({
        region_code: WULONG,
        id,
        contract_no: `${lender}-${disbursedOn.slice(0, 4)}-${String(contractSeq).padStart(6, '0')}`,
        product_id: micro.id,
        institution_id: institutionId,
        household_id: h.id,
        township_code: h.township_code,
        village_code: h.village_code,
        amount,
        annual_rate: rateToString(rate),
        term_months: 36,
        method: 'interest-only',
        applied_on: appliedOn,
        applied_by: 'demo-seed',
        status: paidAll ? 'closed' : 'disbursed',
        refusal_json: null,
        approved_by: 'demo-seed',
        approved_at: at,
        contract_date: disbursedOn,
        disbursed_on: disbursedOn,
        maturity_date: schedule.maturityDate,
        need_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
    }
  }
  const insert = async <T extends keyof Database>(
    table: T,
    values: Database[T][],
  ): Promise<void> => {
    for (let i = 0; i < values.length; i += CHUNK) {
      await db
        .insertInto(table)
        .values(values.slice(i, i + CHUNK) as never)
        .execute();
    }
  };
  await insert('loans', loans);
  await insert('loan_schedule_rows', rows);
  await insert('repayments', payments);
  await insert('financing_needs', needs);
  return {
    products: products.length,
    loans: loans.length,
    repayments: payments.length,
    needs: needs.length,
  };
}
