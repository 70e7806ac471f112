/**
 * Settlement benchmark: `npm run bench:settle -- [--loans N] [--dialect sqlite|postgres|both]`.
 *
 * Builds a district with N poverty micro-credit loans (default 300,000; 3-year, interest
 * paid quarterly by days at the benchmark 4.75 %, contracted through 2019-01..2019-09,
 * about 85 % of interest paid on the due date, 10 % ten days late, 5 % of loans stopping
 * after their first instalment), then settles 2019-Q4 and prints the run's time, lines/s
 * and peak RSS. Beside it, the floor: one hand-written SQL aggregate over the same tables
 * that computes the same art. 11 total (for loans at or below the benchmark the subsidy
 * of an interest period is its scheduled interest, owed when the payments by the due
 * date — or the next working day — cover everything due through that period). Target:
 * the run ≤ 3 × the floor, and the two totals equal to the fen. It also prints the run's CPU
 * time: this process's (every thread) and, on PostgreSQL, the server's.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { actorForUsername } from '../src/app/auth/actorForUsername.ts';
import { bootApp } from '../src/app/boot.ts';
import { seedDemo } from '../src/app/demo/seedDemo.ts';
import { newId } from '../src/app/ids.ts';
import { prepareRun } from '../src/app/settlement/prepareRun.ts';
import { warmPricingWorker } from '../src/app/settlement/runLines.ts';
import { execute } from '../src/app/useCase.ts';
import { addDays, fromDayNumber, toDayNumber, type IsoDate } from '../src/core/calendarDate.ts';
import { fen, fenToYuanString, type Fen } from '../src/core/money.ts';
import { parseRate } from '../src/core/rate.ts';
import { buildSchedule } from '../src/core/schedule/index.ts';
import type { Database } from '../src/store/schema.ts';
import {
  freshDatabase,
  mb,
  rssSampler,
  serverCpu,
  verdict,
  type BenchDialect,
} from './freshDatabase.ts';

const { values } = parseArgs({
  options: {
    loans: { type: 'string', default: '300000' },
    dialect: { type: 'string', default: 'both' },
  },
});
const loanCount = Number(values.loans);
if (!Number.isInteger(loanCount) || loanCount < 1) {
  throw new Error('--loans must be a positive integer');
}
const dialects = (
  values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect]
) as BenchDialect[];
for (const d of dialects) {
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown dialect ${String(d)}`);
}

const PERIOD = { key: '2019-Q4', from: '2019-10-01', to: '2019-12-31' };
const RATE = '4.75';
const HOUSEHOLDS = Math.min(100_000, loanCount);
const BATCH = 1_000;

/** Deterministic 32-bit LCG (Numerical Recipes constants). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

async function insertBatches<T>(
  rows: T[],
  insert: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
  rows.length = 0;
}

/** The bench portfolio, written straight to the tables (the loan use cases are not measured). */
async function generateLoans(db: Kysely<Database>): Promise<void> {
  const product = await db
    .selectFrom('loan_products')
    .select('id')
    .where('code', '=', 'WL-FPXD')
    .executeTakeFirstOrThrow();
  const banks = await db
    .selectFrom('institutions')
    .select('id')
    .where('code', 'in', ['ABC-WL', 'PSBC-WL', 'CQRCB-WL'])
    .execute();
  const households = await db
    .selectFrom('households')
    .select(['id', 'township_code', 'village_code'])
    .limit(HOUSEHOLDS)
    .execute();
  const next = lcg(2019_4);
  const first = toDayNumber('2019-01-01' as IsoDate);
  const at = new Date().toISOString();
  const loans: Database['loans'][] = [];
  const rows: Database['loan_schedule_rows'][] = [];
  const payments: Database['repayments'][] = [];
  const flush = async (): Promise<void> => {
    await insertBatches(loans, (b) => db.insertInto('loans').values(b).execute());
    await insertBatches(rows, (b) => db.insertInto('loan_schedule_rows').values(b).execute());
    await insertBatches(payments, (b) => db.insertInto('repayments').values(b).execute());
  };
  for (let i = 0; i < loanCount; i++) {
    const r = next();
    const h = households[i % households.length]!;
    const contract = fromDayNumber(first + (r % 273));
    const amount = fen((10 + ((r >>> 9) % 41)) * 100_000);
    const id = newId();
    const bank = banks[(r >>> 4) % banks.length]!.id;
    const schedule = buildSchedule({
      principal: amount,
      annualRate: parseRate(RATE),
      months: 36,
      method: 'interest-only',
      interestPeriod: 'quarterly',
      start: contract,
    });
    loans.push({
      region_code: '500156',
      id,
      contract_no: `BENCH-${String(i)}`,
      product_id: product.id,
      institution_id: bank,
      household_id: h.id,
      township_code: h.township_code,
      village_code: h.village_code,
      amount,
      annual_rate: RATE,
      term_months: 36,
      method: 'interest-only',
      applied_on: contract,
      applied_by: 'bench',
      status: 'disbursed',
      refusal_json: null,
      approved_by: 'bench',
      approved_at: at,
      contract_date: contract,
      disbursed_on: contract,
      maturity_date: schedule.maturityDate,
      need_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
    } as Database['loans']);
    const behaviour = (r >>> 20) % 100; // < 5: stops paying; < 15: pays late
    let txn = 0;
    for (const row of schedule.rows) {
      rows.push({
        region_code: '500156',
        loan_id: id,
        schedule_version: 1,
        n: row.n,
        period_start: row.periodStart,
        due_date: row.dueDate,
        principal: row.principal,
        interest: row.interest,
        total: row.total,
        balance_after: row.balanceAfter,
      });
      if (row.dueDate > PERIOD.to || (behaviour < 5 && row.n > 1)) continue;
      const paidOn = behaviour >= 5 && behaviour < 15 ? addDays(row.dueDate, 10) : row.dueDate;
      payments.push({
        region_code: '500156',
        id: newId(),
        loan_id: id,
        institution_id: bank,
        paid_on: paidOn,
        amount: row.total,
        principal: row.principal,
        interest: row.interest,
        penalty: 0,
        bank_txn_id: `BENCH-${String(i)}-${String(++txn)}`,
        note: null,
        recorded_by: 'bench',
        recorded_at: at,
      } as Database['repayments']);
    }
    if (loans.length >= 5_000) await flush();
  }
  await flush();
}

/** The floor: the art. 11 total of the period in one SQL statement. */
async function floorTotal(db: Kysely<Database>, dialect: BenchDialect): Promise<number> {
  const deadline =
    dialect === 'postgres'
      ? sql`to_char(s.due_date::date + (case extract(dow from s.due_date::date) when 6 then 2 when 0 then 1 else 0 end)::int, 'YYYY-MM-DD')`
      : sql`date(s.due_date, case strftime('%w', s.due_date) when '6' then '+2 days' when '0' then '+1 days' else '+0 days' end)`;
  // Each loan's latest schedule, with the running total due through each instalment;
  // then the period's instalments whose payments by the deadline reached that total.
  const { rows } = await sql<{ total: string | number | null }>`
    with latest as (
      select s.*, max(s.schedule_version) over (partition by s.loan_id) as latest_version
      from loan_schedule_rows s
      join loans l on l.region_code = s.region_code and l.id = s.loan_id
      join loan_products p on p.region_code = l.region_code and p.id = l.product_id
      where s.region_code = '500156'
        and p.category in ('poverty_micro_credit', 'rural_tourism_micro_credit')
        and l.status in ('disbursed', 'closed')
        and s.due_date <= ${PERIOD.to}
    ),
    due as (
      select s.loan_id, s.due_date, s.interest, ${deadline} as deadline,
             sum(s.principal + s.interest) over (partition by s.loan_id order by s.n) as due_through
      from latest s
      where s.schedule_version = s.latest_version
    )
    select sum(d.interest) as total
    from due d
    where d.due_date >= ${PERIOD.from}
      and d.due_through <= (select coalesce(sum(r.principal + r.interest), 0) from repayments r
                            where r.region_code = '500156' and r.loan_id = d.loan_id
                              and r.paid_on <= d.deadline)`.execute(db);
  return Number(rows[0]?.total ?? 0);
}

interface Result {
  dialect: BenchDialect;
  floorSeconds: number;
  runSeconds: number;
  /** The run's CPU seconds: this process (every thread) and, on PostgreSQL, the server. */
  nodeCpu: number;
  serverCpu: number | null;
  lines: number;
  peakRss: number;
  floorTotal: string;
  runTotal: string;
}

async function runOne(dialect: BenchDialect): Promise<Result> {
  const database = await freshDatabase(dialect, 'settle-bench');
  const booted = await bootApp(database.config);
  try {
    const setup = performance.now();
    await seedDemo(booted.app, { households: HOUSEHOLDS, operators: 0 });
    await generateLoans(booted.app.store.db);
    // A live database has planner statistics; a freshly bulk-loaded one needs them made.
    await sql`analyze`.execute(booted.app.store.db);
    console.log(`  ${dialect}: data ready in ${((performance.now() - setup) / 1000).toFixed(0)} s`);

    const f0 = performance.now();
    const floor = await floorTotal(booted.app.store.db, dialect);
    const floorSeconds = (performance.now() - f0) / 1000;

    const actor = await actorForUsername(booted.app, 'jrzx');
    // As `jinfu serve` does at start: the run finds its pricing worker loaded.
    const w0 = performance.now();
    await warmPricingWorker(booted.app);
    console.log(
      `  ${dialect}: pricing worker started in ${((performance.now() - w0) / 1000).toFixed(1)} s (not timed)`,
    );
    const rss = rssSampler();
    const server0 = dialect === 'postgres' ? serverCpu() : null;
    const cpu0 = process.cpuUsage();
    const r0 = performance.now();
    const run = await execute(booted.app, actor, prepareRun, { period: PERIOD.key });
    const runSeconds = (performance.now() - r0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      dialect,
      floorSeconds,
      runSeconds,
      nodeCpu: (cpu.user + cpu.system) / 1e6,
      serverCpu: server0 === null ? null : serverCpu() - server0,
      lines: run.lineCount,
      peakRss: rss.stop(),
      floorTotal: fenToYuanString(floor as Fen),
      runTotal: run.total,
    };
  } finally {
    await booted.close();
    await database.drop();
  }
}

console.log(
  `Settlement benchmark: ${loanCount.toLocaleString('en')} loans, period ${PERIOD.key}; ${cpus().length} cores (${cpus()[0]?.model}), ${mb(totalmem())} RAM; node ${process.version}`,
);
const results: Result[] = [];
for (const dialect of dialects) {
  console.log(`\n${dialect}: load average before ${loadavg()[0]!.toFixed(1)}`);
  const r = await runOne(dialect);
  results.push(r);
  const ratio = r.runSeconds / r.floorSeconds;
  console.log(
    `${dialect}: run ${r.runSeconds.toFixed(1)} s, ${r.lines.toLocaleString('en')} lines = ` +
      `${Math.round(r.lines / r.runSeconds).toLocaleString('en')} lines/s, peak RSS ${mb(r.peakRss)}, ` +
      `CPU ${r.nodeCpu.toFixed(1)} s Node (all threads)` +
      `${r.serverCpu === null ? '' : ` + ${r.serverCpu.toFixed(1)} s PostgreSQL`}; ` +
      `floor (one SQL aggregate) ${r.floorSeconds.toFixed(1)} s; ratio ${ratio.toFixed(2)} ` +
      `[target ≤ 3 at 300,000 loans: ${verdict(loanCount, ratio <= 3, 300_000)}]; art. 11 total run ${r.runTotal} vs floor ` +
      `${r.floorTotal} [${r.runTotal === r.floorTotal ? 'equal to the fen' : 'DIFFERENT'}]`,
  );
  if (r.runTotal !== r.floorTotal) process.exitCode = 1;
}
console.log(JSON.stringify({ loans: loanCount, period: PERIOD.key, results }));
