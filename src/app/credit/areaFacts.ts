import { sql, type Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { AreaFacts } from '../../core/credit/designation.ts';
import { loanStanding, newlyNonPerforming } from '../../core/credit/portfolio.ts';
import type { Fen } from '../../core/money.ts';
import type { CreditLevel, Database } from '../../store/schema.ts';
import { loadPortfolio, type HouseholdLoan } from './portfolio.ts';

/**
 * The facts the village and township criteria are judged on, for every village and
 * township of a region (or of one township) as of a day, in a few set queries.
 */

export interface AreaState {
  /** Village code → township code. */
  readonly villages: ReadonlyMap<string, string>;
  readonly village: ReadonlyMap<string, AreaFacts>;
  readonly township: ReadonlyMap<string, AreaFacts>;
  /** Villages and townships (codes) designated on the day. */
  readonly designated: ReadonlySet<string>;
}

/** Which designations to read: of one township's subjects, or of one subject. */
export type DesignationFilter =
  { readonly townshipCode?: string } | { readonly subjectCode: string };

/** The designation status in force on `asOf` of every subject of `levels`: granted ones. */
export async function designatedOn(
  db: Kysely<Database>,
  regionCode: string,
  levels: readonly CreditLevel[],
  asOf: IsoDate,
  filter: DesignationFilter = {},
): Promise<Set<string>> {
  let q = db
    .selectFrom('credit_designations')
    .select(['subject_code', 'status', 'effective_on', 'recorded_at'])
    .where('region_code', '=', regionCode)
    .where('level', 'in', [...levels])
    .where('effective_on', '<=', asOf);
  if ('subjectCode' in filter) q = q.where('subject_code', '=', filter.subjectCode);
  else if (filter.townshipCode !== undefined) {
    q = q.where('township_code', '=', filter.townshipCode);
  }
  const rows = await q.orderBy('effective_on').orderBy('recorded_at').execute();
  const latest = new Map<string, string>();
  for (const r of rows) latest.set(r.subject_code, r.status);
  return new Set([...latest].filter(([, s]) => s === 'granted').map(([k]) => k));
}

/**
 * Credit households per village on `asOf`, counted in the database: households whose
 * latest household designation in force that day (by effective date, then time
 * recorded) is a grant, placed by the household's village.
 */
async function creditHouseholdsByVillage(
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
  townshipCode?: string,
): Promise<Map<string, number>> {
  // Each household's designations numbered latest first: a sort, whatever the statistics.
  let ranked = db
    .selectFrom('credit_designations')
    .select([
      'subject_code',
      'status',
      sql<number>`row_number() over (partition by subject_code order by effective_on desc, recorded_at desc)`.as(
        'rn',
      ),
    ])
    .where('region_code', '=', regionCode)
    .where('level', '=', 'household')
    .where('effective_on', '<=', asOf);
  // As designatedOn reads one township: its designations, of its households.
  if (townshipCode !== undefined) ranked = ranked.where('township_code', '=', townshipCode);
  let q = db
    .selectFrom(ranked.as('d'))
    .innerJoin('households as h', (j) =>
      j.on('h.region_code', '=', regionCode).onRef('h.id', '=', 'd.subject_code'),
    )
    .select(['h.village_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('d.rn', '=', 1)
    .where('d.status', '=', 'granted')
    .groupBy('h.village_code');
  if (townshipCode !== undefined) q = q.where('h.township_code', '=', townshipCode);
  return new Map((await q.execute()).map((r) => [r.village_code, Number(r.n)]));
}

interface Tally {
  units: number;
  creditUnits: number;
  borrowers: number;
  borrowersWithoutArrears: number;
  loanBalance: number;
  nplBalance: number;
  newNplBalance: number;
}

const empty = (): Tally => ({
  units: 0,
  creditUnits: 0,
  borrowers: 0,
  borrowersWithoutArrears: 0,
  loanBalance: 0,
  nplBalance: 0,
  newNplBalance: 0,
});

const facts = (t: Tally): AreaFacts => ({
  ...t,
  loanBalance: t.loanBalance as Fen,
  nplBalance: t.nplBalance as Fen,
  newNplBalance: t.newNplBalance as Fen,
});

export async function areaState(
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
  townshipCode?: string,
): Promise<AreaState> {
  let regions = db
    .selectFrom('regions')
    .select(['code', 'township_code'])
    .where('region_code', '=', regionCode)
    .where('level', '=', 'village');
  let households = db
    .selectFrom('households')
    .select(['village_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('region_code', '=', regionCode)
    .where('created_at', '<', `${asOf}T24`)
    .groupBy('village_code');
  if (townshipCode !== undefined) {
    regions = regions.where('township_code', '=', townshipCode);
    households = households.where('township_code', '=', townshipCode);
  }
  const [villageRows, counts, designated, creditHouseholds, portfolio] = await Promise.all([
    regions.execute(),
    households.execute(),
    designatedOn(db, regionCode, ['village', 'township'], asOf, { townshipCode }),
    creditHouseholdsByVillage(db, regionCode, asOf, townshipCode),
    loadPortfolio(db, regionCode, townshipCode === undefined ? {} : { townshipCode }, asOf),
  ]);
  const villages = new Map(villageRows.map((v) => [v.code, v.township_code ?? '']));
  const village = new Map<string, Tally>();
  const township = new Map<string, Tally>();
  const tallyOf = (map: Map<string, Tally>, key: string): Tally => {
    let t = map.get(key);
    if (!t) map.set(key, (t = empty()));
    return t;
  };
  for (const [code, town] of villages) {
    tallyOf(village, code);
    const t = tallyOf(township, town);
    t.units++;
    if (designated.has(code)) t.creditUnits++;
  }
  for (const c of counts) tallyOf(village, c.village_code).units = Number(c.n);
  for (const [code, n] of creditHouseholds) tallyOf(village, code).creditUnits = n;
  const byHousehold = new Map<string, HouseholdLoan[]>();
  for (const l of portfolio) {
    const list = byHousehold.get(l.householdId) ?? [];
    list.push(l);
    byHousehold.set(l.householdId, list);
  }
  for (const loans of byHousehold.values()) {
    const first = loans[0]!;
    let balance = 0;
    let arrears = false;
    let npl = 0;
    let newNpl = 0;
    for (const loan of loans) {
      const s = loanStanding(loan, asOf);
      if (s.balance === 0) continue;
      balance += s.balance;
      if (s.daysPastDue > 0) arrears = true;
      if (s.nonPerforming) {
        npl += s.balance;
        if (newlyNonPerforming(loan, asOf)) newNpl += s.balance;
      }
    }
    if (balance === 0) continue;
    for (const t of [tallyOf(village, first.villageCode), tallyOf(township, first.townshipCode)]) {
      t.borrowers++;
      if (!arrears) t.borrowersWithoutArrears++;
      t.loanBalance += balance;
      t.nplBalance += npl;
      t.newNplBalance += newNpl;
    }
  }
  return {
    villages,
    village: new Map([...village].map(([k, v]) => [k, facts(v)])),
    township: new Map([...township].map(([k, v]) => [k, facts(v)])),
    designated,
  };
}
