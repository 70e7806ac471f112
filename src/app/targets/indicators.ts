import type { Kysely } from 'kysely';
import { addYearsClamped, type IsoDate } from '../../core/calendarDate.ts';
import type { Database } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { coverageOn, type Coverage } from '../network/coverage.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import { balancesOn, cumulativeLending, type DistrictFigures } from '../statistics/balances.ts';
import { POVERTY_CATEGORIES, type StatisticsCategory } from '../statistics/categories.ts';
import { creditIndicators } from './creditIndicators.ts';
import { recordedIndicators } from './recordedIndicators.ts';
import { poorByVillage } from './registerTallies.ts';

/**
 * The indicators targets are built from (numerators and denominators), each defined
 * over the district's data as of a day. A source Jinfu does not hold yet (ABC's
 * demonstration villages), or whose records are still empty, gives null — "no data" —
 * never a number typed in or assumed.
 */

export type IndicatorSource =
  | 'network'
  | 'region'
  | 'register'
  | 'statistics'
  | 'credit'
  | 'guarantee'
  | 'markets'
  | 'relending';

export interface IndicatorDefinition {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly source: IndicatorSource;
  readonly unit: 'count' | 'fen';
}

const d = (
  id: string,
  source: IndicatorSource,
  unit: 'count' | 'fen',
  zh: string,
  en: string,
): IndicatorDefinition => ({ id, source, unit, zh, en });

const GROWTH: readonly [string, string, string, readonly StatisticsCategory[]][] = [
  ['poverty-loans', '扶贫类贷款', 'poverty-alleviation loans', POVERTY_CATEGORIES],
  ['all-loans', '各项贷款', 'all loans', ['all']],
  [
    'poor-household-loans',
    '建档立卡贫困户贷款',
    'loans to registered poor households',
    ['poor_household'],
  ],
  ['farm-household-loans', '农户贷款', 'farm-household loans', ['farm_household']],
];

export const INDICATORS: readonly IndicatorDefinition[] = [
  d(
    'network.bank-outlets',
    'network',
    'count',
    '当日正常营业的银行机构网点数',
    'bank outlets serving on the day',
  ),
  d(
    'network.atms',
    'network',
    'count',
    '当日在用的ATM（CRS）台数',
    'ATMs (CRS) serving on the day',
  ),
  d(
    'network.pos-terminals',
    'network',
    'count',
    '当日在用的POS终端台数',
    'POS terminals serving on the day',
  ),
  d(
    'network.village-service-stations',
    'network',
    'count',
    '当日运行的村级农村金融服务站（点）数',
    'village financial service stations serving on the day',
  ),
  d(
    'network.townships-with-outlet',
    'network',
    'count',
    '有银行物理网点的乡镇数',
    'townships with a physical bank outlet',
  ),
  d('network.townships-with-atm', 'network', 'count', '有ATM的乡镇数', 'townships with an ATM'),
  d(
    'network.villages-with-basic-services',
    'network',
    'count',
    '有基础金融服务的行政村数',
    'villages with basic financial services',
  ),
  d(
    'network.villages-with-pos',
    'network',
    'count',
    '有POS终端的行政村数',
    'villages with a POS terminal',
  ),
  d('region.townships', 'region', 'count', '乡镇数', 'townships'),
  d('region.villages', 'region', 'count', '行政村数', 'administrative villages'),
  d(
    'register.poor-households',
    'register',
    'count',
    '建档立卡贫困户数（现行登记）',
    'registered poor households (current register)',
  ),
  d(
    'register.poor-households-served',
    'register',
    'count',
    '居住在有基础金融服务的行政村的建档立卡贫困户数',
    'registered poor households living in a village with basic financial services',
  ),
  ...GROWTH.flatMap(([key, zh, en]) => [
    d(
      `statistics.${key}.balance`,
      'statistics',
      'fen',
      `${zh}余额（各行当日前最新已审批报表之和）`,
      `${en} balance (each bank's latest approved report, summed)`,
    ),
    d(
      `statistics.${key}.balance-year-ago`,
      'statistics',
      'fen',
      `一年前的${zh}余额`,
      `${en} balance a year earlier`,
    ),
    d(
      `statistics.${key}.increase`,
      'statistics',
      'fen',
      `${zh}余额近一年增加额`,
      `increase of the ${en} balance over the year`,
    ),
  ]),
  d(
    'statistics.poverty-loans.cumulative',
    'statistics',
    'fen',
    '扶贫类贷款累计发放额（已审批报表新增贷款之和）',
    'poverty-alleviation lending, cumulative (new lending of approved reports)',
  ),
  d(
    'credit.demonstration-villages',
    'credit',
    'count',
    '农行金融扶贫示范村数',
    'ABC demonstration villages',
  ),
  d(
    'credit.townships-built',
    'credit',
    'count',
    '完成农村信用体系建设的乡镇数',
    'townships whose credit system is built',
  ),
  d(
    'credit.entities',
    'credit',
    'count',
    '农户和新型农业经营主体数',
    'farm households and new agricultural operators',
  ),
  d(
    'credit.entities-collected',
    'credit',
    'count',
    '已采集信用信息的主体数',
    'entities whose credit information is collected',
  ),
  d('credit.entities-rated', 'credit', 'count', '已评级的主体数', 'entities rated'),
  d(
    'credit.designation-candidates',
    'credit',
    'count',
    '应参与信用户、村、乡镇创建的单位数',
    'households, villages and townships due for credit designation',
  ),
  d(
    'credit.designated',
    'credit',
    'count',
    '已创建的信用户、村、乡镇数',
    'credit households, villages and townships designated',
  ),
  d(
    'guarantee.company-capital',
    'guarantee',
    'fen',
    '区兴农担保公司资本金',
    'capital of the district guarantee company',
  ),
  d(
    'markets.neeq-quoted',
    'markets',
    'count',
    '新三板挂牌的指定企业数',
    'the named company quoted on the NEEQ',
  ),
  d(
    'markets.otc-quoted',
    'markets',
    'count',
    '重庆OTC挂牌企业数',
    'companies quoted on the Chongqing OTC board',
  ),
  d('markets.listed-or-quoted', 'markets', 'count', '上市挂牌公司数', 'listed or quoted companies'),
  d(
    'markets.trainings-this-year',
    'markets',
    'count',
    '当年直接融资知识培训次数',
    'direct-financing trainings this year',
  ),
  d('relending.quota', 'relending', 'fen', '扶贫再贷款指标', 'poverty relending quota'),
  d(
    'relending.cumulative',
    'relending',
    'fen',
    '扶贫再贷款累放金额',
    'poverty relending, cumulative',
  ),
];

/** Sources whose data Jinfu holds; every other source's indicators are "no data". */
const HELD: readonly IndicatorSource[] = [
  'network',
  'region',
  'register',
  'statistics',
  'credit',
  'guarantee',
  'markets',
  'relending',
];

export type IndicatorValues = ReadonlyMap<string, bigint | null>;

const sum = (f: DistrictFigures, cats: readonly StatisticsCategory[]): bigint =>
  cats.reduce((s, c) => s + f[c].balance, 0n);

/**
 * Reads indicators for one request: the register's poor households by village do not
 * depend on the day (the current register), nor do the parameter versions, so they are
 * read once however many days are read.
 */
export function indicatorReader(app: App, db: Kysely<Database>, regionCode: string) {
  let poor: Promise<Map<string, bigint>> | undefined;
  let params: ReturnType<typeof loadParameterSnapshot> | undefined;
  return async (asOf: IsoDate, coverage?: Coverage): Promise<IndicatorValues> => {
    params ??= loadParameterSnapshot({ ...app, store: { ...app.store, db } }, regionCode);
    const [cov, byVillage, now, yearAgo, cumulative, credit, recorded] = await Promise.all([
      coverage ?? coverageOn(db, regionCode, asOf),
      (poor ??= poorByVillage(db, regionCode)),
      balancesOn(db, regionCode, asOf),
      balancesOn(db, regionCode, addYearsClamped(asOf, -1)),
      cumulativeLending(db, regionCode, asOf, POVERTY_CATEGORIES),
      params.then((p) => creditIndicators(db, regionCode, asOf, p)),
      recordedIndicators(db, regionCode, asOf),
    ]);
    const out = new Map<string, bigint | null>([...credit, ...recorded]);
    for (const i of INDICATORS) if (!HELD.includes(i.source)) out.set(i.id, null);
    const dist = cov.district;
    const n = (v: number) => BigInt(v);
    out.set('network.bank-outlets', n(dist.points.bank_outlet));
    out.set('network.atms', n(dist.points.atm));
    out.set('network.pos-terminals', n(dist.points.pos));
    out.set('network.village-service-stations', n(dist.points.village_service_station));
    out.set('network.townships-with-outlet', n(cov.townshipsWithOutlet));
    out.set('network.townships-with-atm', n(cov.townshipsWithAtm));
    out.set('network.villages-with-basic-services', n(dist.villagesWithBasicServices));
    out.set('network.villages-with-pos', n(dist.villagesWithPos));
    out.set('region.townships', n(cov.townships));
    out.set('region.villages', n(dist.villages));
    const served = new Set(cov.servedVillages);
    let all = 0n;
    let inServed = 0n;
    for (const [village, count] of byVillage) {
      all += count;
      if (served.has(village)) inServed += count;
    }
    out.set('register.poor-households', all);
    out.set('register.poor-households-served', inServed);
    for (const [key, , , cats] of GROWTH) {
      const balance = now === null ? null : sum(now, cats);
      const before = yearAgo === null ? null : sum(yearAgo, cats);
      out.set(`statistics.${key}.balance`, balance);
      out.set(`statistics.${key}.balance-year-ago`, before);
      out.set(
        `statistics.${key}.increase`,
        balance === null || before === null ? null : balance - before,
      );
    }
    out.set('statistics.poverty-loans.cumulative', cumulative);
    return out;
  };
}
