/**
 * Register import benchmark: `npm run bench:import -- [--size N] [--dialect sqlite|postgres|both]`.
 * Writes the synthetic district's households as an import CSV (streamed, into bench/data/,
 * reused when already there), then imports it in commit mode into a fresh SQLite file and
 * a fresh PostgreSQL database, printing rows/s and peak RSS for each.
 * Targets: ≥ 50,000 rows/s on SQLite, ≥ 20,000 rows/s on PostgreSQL, peak RSS < 500 MB.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../src/app/actor.ts';
import { bootApp } from '../src/app/boot.ts';
import { demoHouseholds, demoRegions } from '../src/app/demo/generateDistrict.ts';
import { seedDemo } from '../src/app/demo/seedDemo.ts';
import { HOUSEHOLD_CSV_HEADER, householdCsvLine } from '../src/app/register/import/csvTemplate.ts';
import {
  importHouseholds,
  ImportSource,
  type ImportProgress,
} from '../src/app/register/importHouseholds.ts';
import { execute } from '../src/app/useCase.ts';
import {
  backendCpu,
  backendCpuSince,
  BENCH_DATA,
  freshDatabase,
  mb,
  rssSampler,
  verdict,
  type BenchDialect,
} from './freshDatabase.ts';

const DATA = BENCH_DATA;
const VILLAGES = 200; // seedDemo's default: the CSV's villages must exist in the database

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    dialect: { type: 'string', default: 'both' },
  },
});
const size = Number(values.size);
if (!Number.isInteger(size) || size < 1) throw new Error('--size must be a positive integer');
const dialects = (
  values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect!]
) as BenchDialect[];
for (const d of dialects)
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown dialect ${String(d)}`);

/** The CSV, written once per size (deterministic), through a bounded write buffer. */
async function csvFile(): Promise<string> {
  mkdirSync(DATA, { recursive: true });
  const path = join(DATA, `households-${size}.csv`);
  if (existsSync(path)) {
    console.log(`CSV: ${path} (${mb(statSync(path).size)}, reused)`);
    return path;
  }
  const started = performance.now();
  const out = createWriteStream(`${path}.partial`);
  out.write(`\uFEFF${HOUSEHOLD_CSV_HEADER.join(',')}\n`);
  let chunk = '';
  for (const h of demoHouseholds(size, demoRegions(VILLAGES))) {
    chunk += householdCsvLine(h);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
  renameSync(`${path}.partial`, path);
  const seconds = (performance.now() - started) / 1000;
  console.log(`CSV: ${path} (${mb(statSync(path).size)}, generated in ${seconds.toFixed(1)} s)`);
  return path;
}

interface Result {
  dialect: string;
  seconds: number;
  /** CPU seconds of this process (user + system): less sensitive to other load than wall time. */
  cpuSeconds: number;
  rowsPerSecond: number;
  peakRss: number;
  inserted: number;
  /**
   * PostgreSQL only: CPU seconds of the server processes serving the bench database
   * (read from /proc: the server runs on this machine), or null when unreadable.
   */
  serverCpuSeconds: number | null;
}

async function runOne(dialect: BenchDialect, csv: string): Promise<Result> {
  const fresh = await freshDatabase(dialect, 'import-bench');
  const database = fresh.pgDatabase ?? '';
  const booted = await bootApp(fresh.config);
  try {
    // Regions, institutions and accounts only: the register starts empty.
    await seedDemo(booted.app, { households: 0, villages: VILLAGES });
    const serverBefore = database ? await backendCpu(database) : null;
    const rss = rssSampler();
    const started = performance.now();
    const cpu = process.cpuUsage();
    let lastLog = started;
    const onProgress = (p: ImportProgress): void => {
      const now = performance.now();
      if (now - lastLog > 10_000) {
        lastLog = now;
        const rss = mb(process.memoryUsage().rss);
        console.log(`  ${dialect} ${p.phase} ${p.done.toLocaleString('en')} rows, rss ${rss}`);
      }
    };
    const report = await execute(booted.app, systemActor(), importHouseholds, {
      source: ImportSource.fromPath(csv),
      mode: 'commit',
      onProgress,
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const peak = rss.stop();
    // Backends still open (the pool keeps idle ones 10 s): their CPU since before the import.
    const serverCpuSeconds = backendCpuSince(
      serverBefore,
      serverBefore ? await backendCpu(database) : null,
    );
    if (report.errorCount || report.inserted !== size) {
      throw new Error(
        `import failed: ${JSON.stringify({ ...report, errors: report.errors.slice(0, 5) })}`,
      );
    }
    const { n } = await booted.app.store.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) !== size) throw new Error(`expected ${size} households, found ${n}`);
    return {
      dialect,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      rowsPerSecond: size / seconds,
      peakRss: peak,
      inserted: report.inserted,
      serverCpuSeconds,
    };
  } finally {
    await booted.close();
    await fresh.drop();
  }
}

console.log(
  `Import benchmark: ${size.toLocaleString('en')} households; ${cpus().length} cores (${cpus()[0]?.model}), ${mb(totalmem())} RAM; node ${process.version}`,
);
const csv = await csvFile();
const TARGET: Record<string, number> = { sqlite: 50_000, postgres: 20_000 };
const results: Result[] = [];
for (const dialect of dialects) {
  console.log(
    `\n${dialect}: importing (commit mode); load average before ${loadavg()[0]!.toFixed(1)}…`,
  );
  const r = await runOne(dialect, csv);
  results.push(r);
  console.log(
    `${dialect}: ${r.inserted.toLocaleString('en')} households in ${r.seconds.toFixed(1)} s ` +
      `(Node CPU ${r.cpuSeconds.toFixed(1)} s` +
      (r.serverCpuSeconds === null ? '' : `, server CPU ${r.serverCpuSeconds.toFixed(1)} s`) +
      `) = ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s ` +
      `[target ${TARGET[dialect]!.toLocaleString('en')}: ${verdict(size, r.rowsPerSecond >= TARGET[dialect]!)}]; ` +
      `peak RSS ${mb(r.peakRss)} [target 500 MB: ${verdict(size, r.peakRss < 500 * 1024 * 1024)}]; ` +
      `load average after ${loadavg()[0]!.toFixed(1)}`,
  );
  // Less sensitive to other load than wall time: households per CPU-second of the busiest
  // process (Node, or the PostgreSQL backend, which work in parallel on separate cores).
  const busiest = Math.max(r.cpuSeconds, r.serverCpuSeconds ?? 0);
  console.log(
    `${dialect}: ${Math.round(size / busiest).toLocaleString('en')} rows per CPU-second of the busiest process` +
      (r.serverCpuSeconds === null
        ? ''
        : `; ${Math.round(size / (r.cpuSeconds + r.serverCpuSeconds)).toLocaleString('en')} per CPU-second of Node and server together`),
  );
}
console.log(
  `\nprocess peak RSS (resourceUsage.maxRSS): ${mb(process.resourceUsage().maxRSS * 1024)}`,
);
console.log(JSON.stringify({ size, results }));
