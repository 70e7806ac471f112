import type { Kysely } from 'kysely';
import { addDays, type IsoDate } from '../../core/calendarDate.ts';
import type { Reading } from '../../core/supervision/evaluationRule.ts';
import { parseQuarter, quartersBetween, type Quarter } from '../../core/supervision/quarter.ts';
import type { Database } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { businessDayOf } from '../businessDay.ts';
import { coverageOn } from '../network/coverage.ts';
import { balancesOn, type DistrictFigures } from '../statistics/balances.ts';
import { POVERTY_CATEGORIES } from '../statistics/categories.ts';
import { graceDaysOf } from './taskStates.ts';

/**
 * The per-institution indicators an art. 35 scheme's computed items name (decision
 * 0018): each one institution's figure for the evaluated year, as of the year's end (or
 * the day of computing, when earlier), as an exact reading — a ratio numerator /
 * denominator, or a count. No data (no approved report, nothing to divide by) is null,
 * never zero.
 */

export interface InstitutionIndicator {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  /** What a scoring rule reads: a ratio (linear rules) or a count (per-unit rules). */
  readonly reads: 'ratio' | 'count';
  /** The unit of the numerator and denominator. */
  readonly unit: 'fen' | 'count';
  readonly numerator: { readonly zh: string; readonly en: string };
  readonly denominator?: { readonly zh: string; readonly en: string };
}

export const INSTITUTION_INDICATORS: readonly InstitutionIndicator[] = [
  {
    id: 'loans.poverty-growth',
    zh: '扶贫类贷款余额增速',
    en: 'Growth of the poverty-alleviation loan balance',
    reads: 'ratio',
    unit: 'fen',
    numerator: { zh: '年内余额增加额', en: 'increase of the balance over the year' },
    denominator: { zh: '上年末余额', en: 'balance at the end of the previous year' },
  },
  {
    id: 'loans.poverty-share',
    zh: '扶贫类贷款占各项贷款比重',
    en: 'Share of poverty-alleviation loans in all loans',
    reads: 'ratio',
    unit: 'fen',
    numerator: { zh: '扶贫类贷款余额', en: 'poverty-alleviation loan balance' },
    denominator: { zh: '各项贷款余额', en: 'balance of all loans' },
  },
  {
    id: 'loans.micro-credit-coverage',
    zh: '扶贫小额信贷有效需求覆盖率',
    en: 'Micro-credit coverage of eligible demand',
    reads: 'ratio',
    unit: 'count',
    numerator: { zh: '本行已签约贷款的需求数', en: 'needs met by a contract of this bank' },
    denominator: {
      zh: '服务乡镇年内登记的融资需求数（不含撤回）',
      en: 'financing needs recorded in the year in the townships it serves (not withdrawn)',
    },
  },
  {
    id: 'settlement.on-time-data',
    zh: '贴息数据按时报送',
    en: 'Subsidy data on time',
    reads: 'ratio',
    unit: 'count',
    numerator: {
      zh: '按时上传贷款台账核对的季度数',
      en: 'quarters whose loan ledger was uploaded on time',
    },
    denominator: { zh: '年内已结束的季度数', en: 'quarters of the year ended' },
  },
  {
    id: 'network.coverage',
    zh: '服务网点覆盖率',
    en: 'Service network coverage',
    reads: 'ratio',
    unit: 'count',
    numerator: {
      zh: '有本行基础金融服务的行政村数',
      en: 'villages with basic financial services of this bank',
    },
    denominator: { zh: '服务乡镇的行政村数', en: 'villages of the townships it serves' },
  },
  {
    id: 'credit.participation',
    zh: '参与农村信用体系建设',
    en: 'Credit-system participation',
    reads: 'ratio',
    unit: 'count',
    numerator: {
      zh: '本行人员年内采集信用信息的主体数',
      en: 'subjects whose credit information its officers collected in the year',
    },
    denominator: {
      zh: '服务乡镇的农户和新型农业经营主体数',
      en: 'households and operators of the townships it serves',
    },
  },
  {
    id: 'loans.precision-findings',
    zh: '精准核查发现的问题',
    en: 'Precision-check findings',
    reads: 'count',
    unit: 'count',
    numerator: {
      zh: '年内发现且未经核销的问题数',
      en: 'findings of the year not resolved with a reason',
    },
  },
];

export const institutionIndicator = (id: string): InstitutionIndicator | undefined =>
  INSTITUTION_INDICATORS.find((i) => i.id === id);

export interface EvaluatedInstitution {
  readonly id: string;
  /** Township codes it serves. */
  readonly townships: readonly string[];
}

/** The day the year's figures are read on: its last day, or today when earlier. */
export function evaluationDay(year: number, now: Date): IsoDate {
  const end = `${String(year)}-12-31` as IsoDate;
  const today = businessDayOf(now);
  return today < end ? today : end;
}

const ratio = (numerator: bigint, denominator: bigint): Reading => ({ numerator, denominator });
const poverty = (f: DistrictFigures) => POVERTY_CATEGORIES.reduce((s, c) => s + f[c].balance, 0n);

/** Every indicator of the catalogue for one institution and year. */
export async function readInstitutionIndicators(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  inst: EvaluatedInstitution,
  year: number,
  asOf: IsoDate,
): Promise<Map<string, Reading | null>> {
  const yearStart = `${String(year)}-01-01` as IsoDate;
  const [now, before, needs, onTime, coverage, credit, findings] = await Promise.all([
    balancesOn(db, regionCode, asOf, inst.id),
    balancesOn(db, regionCode, addDays(yearStart, -1), inst.id),
    needsMet(db, regionCode, inst, yearStart, asOf),
    ledgersOnTime(app, db, regionCode, inst.id, year, asOf),
    coverageOn(db, regionCode, asOf, undefined, inst.id),
    creditParticipation(db, regionCode, inst, yearStart, asOf),
    precisionFindings(db, regionCode, inst.id, yearStart, asOf),
  ]);
  const served = new Set(inst.townships);
  const places = coverage.places.filter((p) => served.has(p.code));
  return new Map<string, Reading | null>([
    [
      'loans.poverty-growth',
      now && before ? ratio(poverty(now) - poverty(before), poverty(before)) : null,
    ],
    ['loans.poverty-share', now ? ratio(poverty(now), now.all.balance) : null],
    ['loans.micro-credit-coverage', needs],
    ['settlement.on-time-data', onTime],
    [
      'network.coverage',
      ratio(
        BigInt(places.reduce((s, p) => s + p.villagesWithBasicServices, 0)),
        BigInt(places.reduce((s, p) => s + p.villages, 0)),
      ),
    ],
    ['credit.participation', credit],
    ['loans.precision-findings', { numerator: findings, denominator: null }],
  ]);
}

/** Needs of the year in its townships, and those it met with a contract by `asOf`. */
async function needsMet(
  db: Kysely<Database>,
  regionCode: string,
  inst: EvaluatedInstitution,
  from: IsoDate,
  asOf: IsoDate,
): Promise<Reading> {
  if (inst.townships.length === 0) return ratio(0n, 0n);
  const rows = await db
    .selectFrom('financing_needs as n')
    .leftJoin('loans as l', (j) =>
      j
        .onRef('l.region_code', '=', 'n.region_code')
        .onRef('l.need_id', '=', 'n.id')
        .on('l.institution_id', '=', inst.id)
        .on('l.contract_date', 'is not', null)
        .on('l.contract_date', '<=', asOf),
    )
    .select(['n.id', 'l.id as loan'])
    .where('n.region_code', '=', regionCode)
    .where('n.township_code', 'in', [...inst.townships])
    .where('n.status', '!=', 'withdrawn')
    .where('n.recorded_on', '>=', from)
    .where('n.recorded_on', '<=', asOf)
    .execute();
  const all = new Set(rows.map((r) => r.id));
  const met = new Set(rows.filter((r) => r.loan !== null).map((r) => r.id));
  return ratio(BigInt(met.size), BigInt(all.size));
}

/**
 * Quarters of the year ended by `asOf`, and those for which the bank uploaded a loan
 * ledger dated in the quarter (bank exchange, decision 0009) by the quarter's end plus
 * the supervision's grace days — the district's reading of "及时" (decision 0017).
 */
async function ledgersOnTime(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  institutionId: string,
  year: number,
  asOf: IsoDate,
): Promise<Reading> {
  const y = String(year);
  const quarters = quartersBetween(`${y}-Q1` as Quarter, `${y}-Q4` as Quarter)
    .map((q) => parseQuarter(q))
    .filter((q) => q.to <= asOf);
  const [grace, uploads] = await Promise.all([
    graceDaysOf(app, db, regionCode),
    db
      .selectFrom('exchange_reports')
      .select(['as_of', 'uploaded_at'])
      .where('region_code', '=', regionCode)
      .where('institution_id', '=', institutionId)
      .where('as_of', '>=', `${y}-01-01`)
      .where('as_of', '<=', asOf)
      .execute(),
  ]);
  const onTime = quarters.filter((q) => {
    const dueOn = addDays(q.to, grace(q.to));
    return uploads.some(
      (u) =>
        u.as_of >= q.from && u.as_of <= q.to && businessDayOf(new Date(u.uploaded_at)) <= dueOn,
    );
  });
  return ratio(BigInt(onTime.length), BigInt(quarters.length));
}

/** Subjects of its townships, and those its officers collected (submitted) in the year. */
async function creditParticipation(
  db: Kysely<Database>,
  regionCode: string,
  inst: EvaluatedInstitution,
  from: IsoDate,
  asOf: IsoDate,
): Promise<Reading> {
  if (inst.townships.length === 0) return ratio(0n, 0n);
  const townships = [...inst.townships];
  const [households, operators, collected] = await Promise.all([
    db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region_code', '=', regionCode)
      .where('township_code', 'in', townships)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('operators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region_code', '=', regionCode)
      .where('township_code', 'in', townships)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('credit_collections as c')
      .innerJoin('users as u', (j) =>
        j.onRef('u.region_code', '=', 'c.region_code').onRef('u.username', '=', 'c.collected_by'),
      )
      .select(['c.subject_kind', 'c.subject_id'])
      .distinct()
      .where('c.region_code', '=', regionCode)
      .where('u.institution_id', '=', inst.id)
      .where('c.status', '=', 'submitted')
      .where('c.township_code', 'in', townships)
      .where('c.collected_on', '>=', from)
      .where('c.collected_on', '<=', asOf)
      .execute(),
  ]);
  return ratio(BigInt(collected.length), BigInt(Number(households.n) + Number(operators.n)));
}

/** Findings on its loans first found in the year, except those resolved with a reason. */
async function precisionFindings(
  db: Kysely<Database>,
  regionCode: string,
  institutionId: string,
  from: IsoDate,
  asOf: IsoDate,
): Promise<bigint> {
  const row = await db
    .selectFrom('precision_findings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_code', '=', regionCode)
    .where('institution_id', '=', institutionId)
    .where('status', '!=', 'resolved')
    .where('found_at', '>=', from)
    // found_at is an instant: any time on the last day counts
    .where('found_at', '<', addDays(asOf, 1))
    .executeTakeFirstOrThrow();
  return BigInt(row.n);
}
