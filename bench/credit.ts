/**
 * Credit system benchmark: `npm run bench:credit -- [--size N] [--dialect sqlite|postgres|both]`.
 *
 * Builds a district of N generated households (default 1,000,000) over the demo's 200
 * villages, each with a submitted credit form (scores drawn 40–100 per section), written
 * straight to the tables (collection is not measured). Then, timed:
 *  1. rating: the `credit.rating.run` use case rates every household as of today (one
 *     transaction; it walks the subjects a page at a time: forms, ratings, loans, the
 *     scorecard, the bound inserts);
 *  2. designation: village by village (as `credit.designation.propose-households` reads),
 *     every qualifying household is designated a credit household (the approved batch
 *     written in bound statements, one transaction); then every village is judged against
 *     the credit village criteria on those households (counted in the database), and every
 *     township on its qualifying villages.
 * Prints each phase's wall and CPU time, households/s, peak RSS and the load average.
 * Target: both phases under 60 s.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { actorForUsername } from '../src/app/auth/actorForUsername.ts';
import { bootApp } from '../src/app/boot.ts';
import { businessDayOf } from '../src/app/businessDay.ts';
import { householdVerdicts } from '../src/app/credit/householdVerdicts.ts';
import { areaState } from '../src/app/credit/areaFacts.ts';
import { runRatings } from '../src/app/credit/ratings.ts';
import { creditParameters, scorecardFor } from '../src/app/credit/scorecardOf.ts';
import { seedDemo } from '../src/app/demo/seedDemo.ts';
import { newId } from '../src/app/ids.ts';
import { BULK_COLUMNS } from '../src/app/register/householdBatch.ts';
import { execute } from '../src/app/useCase.ts';
import { judgeArea } from '../src/core/credit/designation.ts';
import { CREDIT_SECTIONS } from '../src/core/credit/scorecard.ts';
import { insertRows, type ColumnType } from '../src/store/insertRows.ts';
import type {
  CreditCollectionTable,
  CreditLevel,
  CreditDesignationTable,
  HouseholdTable,
} from '../src/store/schema.ts';
import { freshDatabase, mb, rssSampler, verdict, type BenchDialect } from './freshDatabase.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    dialect: { type: 'string', default: 'sqlite' },
  },
});
const size = Number(values.size);
if (!Number.isInteger(size) || size < 1) throw new Error('--size must be a positive integer');
const dialects = (
  values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect]
) as BenchDialect[];
for (const d of dialects) {
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown dialect ${String(d)}`);
}

const REGION = '500156';
const BATCH = 5_000;

/** Deterministic 32-bit LCG (Numerical Recipes constants). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

const cols = <T>(names: (keyof T & string)[], bigint: (keyof T & string)[] = []) =>
  Object.fromEntries(
    names.map((n) => [
      n,
      bigint.includes(n) ? 'bigint' : n === 'version' || n === 'member_count' ? 'integer' : 'text',
    ]),
  ) as Record<keyof T & string, ColumnType>;

const HOUSEHOLD_COLUMNS = cols<HouseholdTable>([...BULK_COLUMNS.households]);
const COLLECTION_COLUMNS = cols<CreditCollectionTable>([
  'region_code',
  'id',
  'subject_kind',
  'subject_id',
  'township_code',
  'village_code',
  'status',
  'sections_json',
  'collected_on',
  'collected_by',
  'collector_role',
  'created_at',
  'updated_at',
  'submitted_at',
  'version',
]);
const DESIGNATION_COLUMNS = cols<CreditDesignationTable>([
  'region_code',
  'id',
  'level',
  'subject_code',
  'township_code',
  'village_code',
  'status',
  'effective_on',
  'proposal_id',
  'approved_by',
  'recorded_at',
]);

async function run(dialect: BenchDialect): Promise<void> {
  const fresh = await freshDatabase(dialect, 'bench-credit');
  const booted = await bootApp(fresh.config);
  const app = booted.app;
  try {
    await seedDemo(app, { households: 200, villages: 200, operators: 0 });
    const db = app.store.db;
    const villages = await db
      .selectFrom('regions')
      .select(['code', 'township_code'])
      .where('level', '=', 'village')
      .orderBy('code')
      .execute();
    const now = new Date();
    const at = now.toISOString();
    const today = businessDayOf(now);
    const next = lcg(20170601);
    process.stdout.write(
      `${dialect}: generating ${size.toLocaleString('en')} households and forms… `,
    );
    const t0 = performance.now();
    for (let start = 0; start < size; start += BATCH) {
      const households: HouseholdTable[] = [];
      const forms: CreditCollectionTable[] = [];
      for (let i = start; i < Math.min(size, start + BATCH); i++) {
        const v = villages[i % villages.length]!;
        const id = newId(now.getTime());
        const base = { region_code: REGION, township_code: v.township_code!, village_code: v.code };
        households.push({
          ...base,
          id,
          household_no: `CB${String(i)}`,
          group_code: null,
          head_name: `信用户${String(i)}`,
          head_id_number: `BENCH${String(i)}`,
          phone: null,
          address: null,
          subsidy_account: null,
          member_count: 3,
          poverty_status: 'not_poor',
          created_at: at,
          updated_at: at,
          version: 1,
        });
        const sections = Object.fromEntries(
          CREDIT_SECTIONS.map((s) => [s, { score: 40 + (next() % 61) }]),
        );
        forms.push({
          ...base,
          id: newId(now.getTime()),
          subject_kind: 'household',
          subject_id: id,
          status: 'submitted',
          sections_json: JSON.stringify(sections),
          collected_on: today,
          collected_by: 'bench',
          collector_role: 'township_clerk',
          created_at: at,
          updated_at: at,
          submitted_at: at,
          version: 1,
        });
      }
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, app.store.sqlite, 'households', HOUSEHOLD_COLUMNS, households);
        await insertRows(trx, app.store.sqlite, 'credit_collections', COLLECTION_COLUMNS, forms);
      });
    }
    console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const admin = await actorForUsername(app, 'admin');
    const rss = rssSampler();
    const cpu0 = process.cpuUsage();
    const r0 = performance.now();
    const rated = await execute(app, admin, runRatings, { asOf: today });
    const rateSeconds = (performance.now() - r0) / 1000;
    const cpu1 = process.cpuUsage();

    const d0 = performance.now();
    const params = await creditParameters(app, db, REGION);
    const card = scorecardFor(params, today);
    const designation = (level: CreditLevel, code: string, town: string, village: string | null) =>
      ({
        region_code: REGION,
        id: newId(now.getTime()),
        level,
        subject_code: code,
        township_code: town,
        village_code: village,
        status: 'granted',
        effective_on: today,
        proposal_id: 'bench-batch',
        approved_by: 'bench',
        recorded_at: at,
      }) satisfies CreditDesignationTable;
    let credit = 0;
    await db.transaction().execute(async (trx) => {
      for (const v of villages) {
        const verdicts = await householdVerdicts(trx, REGION, card, today, {
          townshipCode: v.township_code!,
          villageCode: v.code,
        });
        const households = verdicts
          .filter((h) => h.qualifies)
          .map((h) => designation('household', h.householdId, h.townshipCode, h.villageCode));
        await insertRows(
          trx,
          app.store.sqlite,
          'credit_designations',
          DESIGNATION_COLUMNS,
          households,
        );
        credit += households.length;
      }
    });
    // Villages are judged on the credit households just designated; townships on the
    // villages that qualify (designated in the same approved batch).
    const state = await areaState(db, REGION, today);
    const creditVillages = new Map<string, number>();
    let villagesOk = 0;
    for (const [code, town] of state.villages) {
      if (!judgeArea(params, 'village', state.village.get(code)!, today).qualifies) continue;
      villagesOk++;
      creditVillages.set(town, (creditVillages.get(town) ?? 0) + 1);
    }
    let townshipsOk = 0;
    for (const [town, facts] of state.township) {
      const withVillages = { ...facts, creditUnits: creditVillages.get(town) ?? 0 };
      if (judgeArea(params, 'township', withVillages, today).qualifies) townshipsOk++;
    }
    const designateSeconds = (performance.now() - d0) / 1000;
    const cpu2 = process.cpuUsage();
    // Node's own CPU time: on a loaded machine wall-clock time is mostly waiting for a core.
    const cpuSeconds = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) =>
      (b.user + b.system - a.user - a.system) / 1e6;
    const rateCpu = cpuSeconds(cpu0, cpu1);
    const designateCpu = cpuSeconds(cpu1, cpu2);
    const peak = rss.stop();

    const total = rateSeconds + designateSeconds;
    console.log(
      `${dialect}: rated ${rated.rated.toLocaleString('en')} households in ${rateSeconds.toFixed(1)} s (${Math.round(rated.rated / rateSeconds).toLocaleString('en')} households/s; Node CPU ${rateCpu.toFixed(1)} s)`,
      rated.byGrade,
    );
    console.log(
      `${dialect}: designated ${credit.toLocaleString('en')} credit households, judged ${state.villages.size} villages (${villagesOk} qualify) and ${state.township.size} townships (${townshipsOk} qualify) in ${designateSeconds.toFixed(1)} s (Node CPU ${designateCpu.toFixed(1)} s)`,
    );
    console.log(
      `${dialect}: total ${total.toFixed(1)} s (${Math.round(size / total).toLocaleString('en')} households/s), target < 60 s at 1,000,000: ${verdict(size, total < 60)}; per Node CPU-second ${Math.round(size / (rateCpu + designateCpu)).toLocaleString('en')} households/s; peak RSS ${mb(peak)}; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await booted.close();
    await fresh.drop();
  }
}

console.log(
  `machine: ${String(cpus().length)} cores, ${mb(totalmem())} RAM, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const d of dialects) await run(d);
