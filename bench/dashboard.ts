/**
 * Dashboard benchmark: `npm run bench:dashboard -- [--size N] [--requests R] [--dialect sqlite|postgres|both]`.
 *
 * Seeds the synthetic district with N households (default 1,000,000; the demo seed also
 * lends to them and lays out its service network and bank statistics), then calls the
 * dashboard API use case R times (default 100, after 5 warm-up calls) as of 2019-03-31
 * and prints p50 and p99 latency. Every tenth call is preceded by a write — a new bank
 * outlet opened that day — and the call must already count it: figures are exact right
 * after writes (nothing is cached that a write could make stale). Target: p99 < 300 ms.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemActor } from '../src/app/actor.ts';
import { bootApp } from '../src/app/boot.ts';
import { seedDemo } from '../src/app/demo/seedDemo.ts';
import { createServicePoint } from '../src/app/network/servicePoints.ts';
import { getDashboard } from '../src/app/targets/dashboard.ts';
import { execute } from '../src/app/useCase.ts';
import { freshDatabase, verdict, type BenchDialect } from './freshDatabase.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '100' },
    dialect: { type: 'string', default: 'both' },
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

async function runOne(dialect: BenchDialect) {
  const fresh = await freshDatabase(dialect, 'dashboard-bench');
  const booted = await bootApp({ ...fresh.config, now: () => new Date('2019-04-02T01:00:00Z') });
  try {
    const seeding = performance.now();
    await seedDemo(booted.app, { households: size });
    const seeded = (performance.now() - seeding) / 1000;
    // A live PostgreSQL database is vacuumed and analysed by autovacuum; a bulk load just
    // made is not yet, which would leave index-only scans reading the heap.
    if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(booted.app.store.db);
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
    const outlets = async () => {
      const board = await execute(app, actor, getDashboard, { asOf: AS_OF });
      return Number(board.targets.find((t) => t.id === 'art6.bank-outlets')!.actual);
    };
    for (let i = 0; i < 5; i++) await outlets();
    const times: number[] = [];
    let expected = await outlets();
    for (let i = 0; i < requests; i++) {
      if (i % 10 === 0) {
        await execute(app, actor, createServicePoint, {
          kind: 'bank_outlet',
          name: `基准网点${String(i)}`,
          institutionId: bank.id,
          place: village.code,
          openedOn: AS_OF,
        });
        expected += 1;
      }
      const started = performance.now();
      const got = await outlets();
      times.push(performance.now() - started);
      if (got !== expected)
        throw new Error(`stale figure: ${String(got)} outlets, expected ${String(expected)}`);
    }
    times.sort((a, b) => a - b);
    return {
      dialect,
      seeded,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1)!,
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
  console.log(`\n${dialect}: seeding; load average ${loadavg()[0]!.toFixed(1)}…`);
  const r = await runOne(dialect);
  results.push(r);
  console.log(
    `${dialect}: seeded in ${r.seeded.toFixed(0)} s; dashboard p50 ${r.p50.toFixed(1)} ms, ` +
      `p99 ${r.p99.toFixed(1)} ms (max ${r.max.toFixed(1)} ms) [target p99 < 300 ms at 1,000,000: ` +
      `${verdict(size, r.p99 < 300)}]; every figure exact after its write; ` +
      `load average after ${loadavg()[0]!.toFixed(1)}`,
  );
}
console.log(JSON.stringify({ size, requests, results }));
