/**
 * Dashboard benchmark: `npm run bench:dashboard -- [--size N] [--requests R]
 * [--dialect sqlite|postgres|both] [--keep]`.
 *
 * Seeds the synthetic district with N households (default 1,000,000; the demo seed also
 * lends to them and lays out its service network, bank statistics and some credit
 * work), then calls the dashboard API use case R times (default 100, after 5 warm-up
 * calls) as of 2019-03-31 and prints p50 and p99 latency and CPU per call. Every tenth
 * call is preceded by a write — alternately a bank outlet opened that day and a new
 * registered poor household — and that call's outlet and poor-household figures must
 * equal SQL counts made afresh: figures are exact right after writes. Target: p99 <
 * 300 ms at 1,000,000 households. --keep reuses a seeded database kept under /tmp.
 */
import { mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { systemActor } from '../src/app/actor.ts';
import { bootApp } from '../src/app/boot.ts';
import { isEmpty, seedDemo } from '../src/app/demo/seedDemo.ts';
import { createServicePoint } from '../src/app/network/servicePoints.ts';
import { createHousehold } from '../src/app/register/households.ts';
import { getDashboard, type Dashboard } from '../src/app/targets/dashboard.ts';
import { residentIdCheckChar } from '../src/core/identity/residentId.ts';
import { execute } from '../src/app/useCase.ts';
import {
  backendCpu,
  backendCpuSince,
  freshDatabase,
  PG_ADMIN_URL,
  verdict,
  type BenchDialect,
  type FreshDatabase,
} from './freshDatabase.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '100' },
    dialect: { type: 'string', default: 'both' },
    keep: { type: 'boolean', default: false },
  },
});
const size = Number(values.size);
const requests = Number(values.requests);
if (!Number.isInteger(size) || size < 1) throw new Error('--size must be a positive integer');
if (!Number.isInteger(requests) || requests < 10) throw new Error('--requests must be ≥ 10');
const dialects = (
  values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect!]
) as BenchDialect[];

const AS_OF = '2019-03-31';
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Where --keep leaves its seeded databases: outside the repo, reused by the next run. */
const KEPT_DIR = '/tmp/jinfu-bench';

/**
 * With --keep the database of this size outlives the run (a SQLite file under /tmp, a
 * PostgreSQL database named for the size), so seeding 1,000,000 households — the long
 * part — is paid once; the writes each run makes stay in it.
 */
async function keptDatabase(dialect: BenchDialect): Promise<FreshDatabase> {
  const name = `dashboard_${String(size)}`;
  if (dialect === 'sqlite') {
    mkdirSync(KEPT_DIR, { recursive: true });
    return { config: { sqliteFile: `${KEPT_DIR}/${name}.sqlite` }, drop: async () => {} };
  }
  const db = `jinfu_bench_${name}`;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${db}`);
  } finally {
    await client.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${db}`;
  return { config: { databaseUrl: url.toString() }, pgDatabase: db, drop: async () => {} };
}

async function runOne(dialect: BenchDialect) {
  const fresh = values.keep
    ? await keptDatabase(dialect)
    : await freshDatabase(dialect, 'dashboard-bench');
  const booted = await bootApp({ ...fresh.config, now: () => new Date('2019-04-02T01:00:00Z') });
  try {
    let seeded: number | null = null;
    // The seed is one transaction: a kept database is either fully seeded or empty.
    if (await isEmpty(booted.app)) {
      const seeding = performance.now();
      await seedDemo(booted.app, { households: size });
      seeded = (performance.now() - seeding) / 1000;
      // A live PostgreSQL database is vacuumed and analysed by autovacuum; a bulk load
      // just made is not yet, which would leave index-only scans reading the heap.
      if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(booted.app.store.db);
    }
    const app = booted.app;
    const actor = systemActor();
    const village = await app.store.db
      .selectFrom('regions')
      .select('code')
      .where('level', '=', 'village')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const bank = await app.store.db
      .selectFrom('institutions')
      .select('id')
      .where('code', '=', 'ABC-WL')
      .executeTakeFirstOrThrow();
    const figure = (board: Dashboard, id: string) =>
      Number(
        board.targets
          .flatMap((t) => [t.metric.numerator, t.metric.denominator])
          .find((part) => part?.id === id)!.value,
      );
    const dashboard = () => execute(app, actor, getDashboard, { asOf: AS_OF });
    // Counted afresh with SQL, to hold the dashboard's figures against after each write.
    const counted = async () => {
      const { rows } = await sql<{ outlets: number; poor: number }>`
        select (select count(*) from service_points where kind = 'bank_outlet'
            and opened_on <= ${AS_OF} and (closed_on is null or closed_on > ${AS_OF})) as outlets,
          (select count(*) from households where poverty_status = 'registered_poor') as poor`.execute(
        app.store.db,
      );
      return [Number(rows[0]!.outlets), Number(rows[0]!.poor)];
    };
    // Writes alternate between the service network and the register (which the
    // dashboard reads through the trigger-kept tallies); numbers unique across runs.
    const stamp = Date.now() % 1_000_000;
    const write = async (i: number) => {
      if (i % 20 === 0) {
        await execute(app, actor, createServicePoint, {
          kind: 'bank_outlet',
          name: `基准网点${String(stamp)}-${String(i)}`,
          institutionId: bank.id,
          place: village.code,
          openedOn: AS_OF,
        });
        return;
      }
      // 500156 and 1901: never a demo household's prefix or year (the demo uses 500232).
      const birth = `1901${String(1 + (stamp % 12)).padStart(2, '0')}${String(1 + (Math.floor(stamp / 12) % 28)).padStart(2, '0')}`;
      const body = `500156${birth}${String(Math.floor(i / 10) % 1000).padStart(3, '0')}`;
      await execute(app, actor, createHousehold, {
        householdNo: `BENCH-${String(stamp)}-${String(i)}`,
        villageCode: village.code,
        headName: '基准测试户',
        headIdNumber: body + residentIdCheckChar(body),
        povertyStatus: 'registered_poor',
        statusEffectiveFrom: AS_OF,
        statusSource: '基准测试',
      });
    };
    for (let i = 0; i < 5; i++) await dashboard();
    const times: number[] = [];
    let writes = 0;
    let cpuMicros = 0;
    const backendBefore = fresh.pgDatabase ? await backendCpu(fresh.pgDatabase) : null;
    for (let i = 0; i < requests; i++) {
      if (i % 10 === 0) await write(i);
      const started = performance.now();
      const cpuAt = process.cpuUsage();
      const board = await dashboard();
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuAt);
      cpuMicros += used.user + used.system;
      if (i % 10 === 0) {
        writes++;
        const got = [
          figure(board, 'network.bank-outlets'),
          figure(board, 'register.poor-households'),
        ];
        const want = await counted();
        if (got.join() !== want.join())
          throw new Error(`stale figures after a write: ${got.join()}, SQL counts ${want.join()}`);
      }
    }
    const backend = backendCpuSince(
      backendBefore,
      fresh.pgDatabase ? await backendCpu(fresh.pgDatabase) : null,
    );
    times.sort((a, b) => a - b);
    return {
      dialect,
      seeded,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1)!,
      writes,
      // CPU ms per call: this process (calls only), and the PostgreSQL backends over the
      // whole loop, writes and checks included (null on SQLite).
      cpuMs: cpuMicros / 1000 / requests,
      backendCpuMs: backend === null ? null : (backend * 1000) / requests,
    };
  } finally {
    await booted.close();
    await fresh.drop();
  }
}

console.log(
  `Dashboard benchmark: ${size.toLocaleString('en')} households, ${String(requests)} requests; ${String(cpus().length)} cores (${cpus()[0]?.model ?? '?'}), ${String(Math.round(totalmem() / 2 ** 20))} MB RAM; node ${process.version}`,
);
const results = [];
for (const dialect of dialects) {
  console.log(`\n${dialect}: preparing the database; load average ${loadavg()[0]!.toFixed(1)}…`);
  const r = await runOne(dialect);
  results.push(r);
  console.log(
    `${dialect}: ${r.seeded === null ? 'kept database reused' : `seeded in ${r.seeded.toFixed(0)} s`}; dashboard p50 ${r.p50.toFixed(1)} ms, ` +
      `p99 ${r.p99.toFixed(1)} ms (max ${r.max.toFixed(1)} ms) [target p99 < 300 ms at 1,000,000: ` +
      `${verdict(size, r.p99 < 300)}]; CPU per call ${r.cpuMs.toFixed(1)} ms` +
      `${r.backendCpuMs === null ? '' : ` + PostgreSQL ${r.backendCpuMs.toFixed(1)} ms`}; ` +
      `post-write exactness: ${String(r.writes)} writes, each next call equal to SQL counts; ` +
      `load average after ${loadavg()[0]!.toFixed(1)}`,
  );
}
console.log(JSON.stringify({ size, requests, results }));
