/**
 * Loans benchmark: `npm run bench:loans -- [--size N] [--payments M] [--dialect sqlite|postgres|both]`.
 * Generates N loans of one bank (10-month equal-instalment micro-credit, disbursed through
 * 2017) with their schedules straight into a fresh database, and a repayment file of M
 * payments (the instalments on their due dates, listed month by month across all loans as
 * a bank's monthly batch would), in a temp dir removed afterwards. Then imports the file
 * in commit mode through `loan.repayment-import` as the bank's officer, printing rows/s
 * and peak RSS for each dialect. Target: peak RSS well under 500 MB.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { authenticate, login } from '../src/app/auth/sessions.ts';
import type { App } from '../src/app/app.ts';
import { bootApp } from '../src/app/boot.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/app/demo/seedDemo.ts';
import { newId } from '../src/app/ids.ts';
import { createLoanProduct } from '../src/app/loans/products.ts';
import { importRepayments } from '../src/app/loans/repaymentImport.ts';
import { ImportSource } from '../src/app/register/importHouseholds.ts';
import { execute } from '../src/app/useCase.ts';
import {
  backendCpu,
  backendCpuSince,
  freshDatabase,
  mb,
  rssSampler,
  type BenchDialect,
} from './freshDatabase.ts';
import { systemActor } from '../src/app/actor.ts';
import { addDays, parseIsoDate } from '../src/core/calendarDate.ts';
import { fen } from '../src/core/money.ts';
import { parseRate, rateToString } from '../src/core/rate.ts';
import { buildSchedule, type Schedule } from '../src/core/schedule/index.ts';
import type { Database } from '../src/store/schema.ts';
import { sql } from 'kysely';

// Loans written per insert (25 columns: below both dialects' parameter limits).
const LOAN_CHUNK = 500;
const RATE = parseRate('4.35');
const FIRST = parseIsoDate('2017-01-01');
const AMOUNTS = [10_000_00, 20_000_00, 30_000_00, 40_000_00, 50_000_00];

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '300000' },
    payments: { type: 'string', default: '3000000' },
    dialect: { type: 'string', default: 'both' },
  },
});
const size = Number(values.size);
const payments = Number(values.payments);
if (!Number.isInteger(size) || size < 1) throw new Error('--size must be a positive integer');
if (!Number.isInteger(payments) || payments < 1)
  throw new Error('--payments must be a positive integer');
const dialects = (
  values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect!]
) as BenchDialect[];
for (const d of dialects)
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown dialect ${d}`);
// Each loan has as many monthly instalments as it gets payments (the first loans one more
// when the payments do not divide evenly), so every payment is one whole instalment.
const term = Math.ceil(payments / size);

const contractNo = (i: number): string => `BL-${String(i).padStart(7, '0')}`;
/** Loan i's amount and disbursement date: 5 amounts × 365 days, so 1,825 schedules in all. */
const shapeOf = (i: number): number => i % (AMOUNTS.length * 365);
const paymentsOf = (i: number): number =>
  Math.floor(payments / size) + (i < payments % size ? 1 : 0);

const schedules = new Map<number, Schedule>();
function scheduleOf(i: number): Schedule {
  const shape = shapeOf(i);
  let s = schedules.get(shape);
  if (!s) {
    s = buildSchedule({
      principal: fen(AMOUNTS[shape % AMOUNTS.length]!),
      annualRate: RATE,
      months: term,
      method: 'equal-instalment',
      start: addDays(FIRST, Math.floor(shape / AMOUNTS.length)),
    });
    schedules.set(shape, s);
  }
  return s;
}

/** The bank's repayment file: instalment 1 of every loan, then instalment 2, … */
async function writeRepaymentFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('合同编号,交易流水号,还款日期,还款金额\n');
  let chunk = '';
  for (let n = 1; n <= term; n++) {
    for (let i = 0; i < size; i++) {
      if (n > paymentsOf(i)) continue;
      const r = scheduleOf(i).rows[n - 1]!;
      chunk += `${contractNo(i)},T${i}-${n},${r.dueDate},${(r.total / 100).toFixed(2)}\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
  }
  out.end(chunk);
  await once(out, 'close');
}

/** The loans and their schedules, written straight to the store (this is set-up, not measured). */
async function writeLoans(app: App, institutionId: string, productId: string): Promise<void> {
  const db = app.store.db;
  const households = await db
    .selectFrom('households')
    .select(['id', 'township_code', 'village_code'])
    .orderBy('id')
    .execute();
  const at = app.now().toISOString();
  const ms = app.now().getTime();
  for (let start = 0; start < size; start += LOAN_CHUNK) {
    const loans: Database['loans'][] = [];
    const rows: Database['loan_schedule_rows'][] = [];
    for (let i = start; i < Math.min(size, start + LOAN_CHUNK); i++) {
      const s = scheduleOf(i);
      const h = households[i % households.length]!;
      const id = newId(ms);
      const disbursedOn = s.rows[0]!.periodStart;
      loans.push({
        region_code: '500156',
        id,
        contract_no: contractNo(i),
        product_id: productId,
        institution_id: institutionId,
        household_id: h.id,
        township_code: h.township_code,
        village_code: h.village_code,
        amount: AMOUNTS[shapeOf(i) % AMOUNTS.length]!,
        annual_rate: rateToString(RATE),
        term_months: term,
        method: 'equal-instalment',
        applied_on: disbursedOn,
        applied_by: 'bench',
        status: 'disbursed',
        refusal_json: null,
        approved_by: 'bench',
        approved_at: at,
        contract_date: disbursedOn,
        disbursed_on: disbursedOn,
        maturity_date: s.maturityDate,
        need_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      for (const r of s.rows) {
        rows.push({
          region_code: '500156',
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
      }
    }
    await db.insertInto('loans').values(loans).execute();
    for (let j = 0; j < rows.length; j += 2000) {
      await db
        .insertInto('loan_schedule_rows')
        .values(rows.slice(j, j + 2000))
        .execute();
    }
  }
}

interface Result {
  dialect: string;
  setupSeconds: number;
  seconds: number;
  cpuSeconds: number;
  /** PostgreSQL: CPU seconds of the server backends serving the bench database. */
  serverCpuSeconds: number | null;
  rowsPerSecond: number;
  peakRss: number;
  inserted: number;
  closed: number;
}

async function runOne(dialect: BenchDialect, file: string): Promise<Result> {
  const fresh = await freshDatabase(dialect, 'loans-bench');
  const booted = await bootApp(fresh.config);
  try {
    const app = booted.app;
    const setupStarted = performance.now();
    await seedDemo(app, { households: 2000, villages: 52, operators: 0 });
    const { token } = await login(
      app,
      { username: 'icbc', password: DEMO_PASSWORD },
      { ip: '127.0.0.1', userAgent: 'bench' },
    );
    const officer = await authenticate(app, token);
    const product = await execute(app, systemActor(), createLoanProduct, {
      code: 'BENCH-MC',
      category: 'poverty_micro_credit',
      nameZh: '扶贫小额信贷（压测）',
      nameEn: 'Poverty micro-credit (bench)',
      minAmount: '1000',
      maxAmount: '50000',
      minTermMonths: 1,
      maxTermMonths: 36,
      method: 'equal-instalment',
      collateral: 'none',
    });
    await writeLoans(app, officer.institutionId!, product.id);
    // A live database has statistics on its loans (autovacuum analyses them as they
    // arrive; this server runs without it); these were written in bulk a moment ago.
    if (dialect === 'postgres') await sql`analyze`.execute(app.store.db);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    console.log(
      `  ${dialect}: ${size.toLocaleString('en')} loans written in ${setupSeconds.toFixed(1)} s`,
    );

    const serverBefore = fresh.pgDatabase ? await backendCpu(fresh.pgDatabase) : null;
    const rss = rssSampler();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await execute(app, officer, importRepayments, {
      source: ImportSource.fromPath(file),
      mode: 'commit',
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const peak = rss.stop();
    // Backends still open (the pool keeps idle ones 10 s): their CPU since before the import.
    const serverCpuSeconds = backendCpuSince(
      serverBefore,
      fresh.pgDatabase ? await backendCpu(fresh.pgDatabase) : null,
    );
    if (report.errorCount || report.inserted !== payments) {
      throw new Error(
        `import failed: ${JSON.stringify({ ...report, errors: report.errors.slice(0, 5) })}`,
      );
    }
    const db = app.store.db;
    const stored = Number(
      (
        await db
          .selectFrom('repayments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('recorded_by', '=', 'icbc')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const closed = Number(
      (
        await db
          .selectFrom('loans')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'closed')
          .where('applied_by', '=', 'bench')
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (stored !== payments) throw new Error(`expected ${payments} repayments, found ${stored}`);
    return {
      dialect,
      setupSeconds,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      serverCpuSeconds,
      rowsPerSecond: payments / seconds,
      peakRss: peak,
      inserted: report.inserted,
      closed,
    };
  } finally {
    await booted.close();
    await fresh.drop();
  }
}

console.log(
  `Loans benchmark: ${size.toLocaleString('en')} loans, ${payments.toLocaleString('en')} payments; ${cpus().length} cores (${cpus()[0]?.model}), ${mb(totalmem())} RAM; node ${process.version}`,
);
const dir = mkdtempSync(join(tmpdir(), 'jinfu-bench-loans-'));
try {
  const file = join(dir, 'repayments.csv');
  const genStarted = performance.now();
  await writeRepaymentFile(file);
  console.log(
    `repayment file: ${mb(statSync(file).size)}, generated in ${((performance.now() - genStarted) / 1000).toFixed(1)} s`,
  );
  const results: Result[] = [];
  for (const dialect of dialects) {
    console.log(`\n${dialect}: load average before ${loadavg()[0]!.toFixed(1)}…`);
    const r = await runOne(dialect, file);
    results.push(r);
    console.log(
      `${dialect}: ${r.inserted.toLocaleString('en')} payments imported in ${r.seconds.toFixed(1)} s ` +
        `(Node CPU ${r.cpuSeconds.toFixed(1)} s` +
        (r.serverCpuSeconds === null ? '' : `, server CPU ${r.serverCpuSeconds.toFixed(1)} s`) +
        `) = ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s; ` +
        `${r.closed.toLocaleString('en')} loans closed; ` +
        `peak RSS ${mb(r.peakRss)} [target < 500 MB: ${r.peakRss < 500 * 1024 * 1024 ? 'met' : 'MISSED'}]; ` +
        `load average after ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  console.log(JSON.stringify({ size, payments, results }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
