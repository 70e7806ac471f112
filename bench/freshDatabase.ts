import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** Where benchmarks keep generated data and their SQLite files (git-ignored). */
export const BENCH_DATA = join(import.meta.dirname, 'data');

export const PG_ADMIN_URL =
  process.env.JINFU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDialect = 'sqlite' | 'postgres';

export interface FreshDatabase {
  /** What bootApp takes: a SQLite file or a PostgreSQL URL. */
  readonly config: { sqliteFile?: string; databaseUrl?: string };
  /** PostgreSQL: the database's name (to find its server processes). */
  readonly pgDatabase?: string;
  drop(): Promise<void>;
}

/** An empty database for one benchmark run: a new SQLite file or a new PostgreSQL database. */
export async function freshDatabase(dialect: BenchDialect, name: string): Promise<FreshDatabase> {
  if (dialect === 'sqlite') {
    mkdirSync(BENCH_DATA, { recursive: true });
    const sqliteFile = join(BENCH_DATA, `${name}.sqlite`);
    const remove = (): void => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true });
    };
    remove();
    return { config: { sqliteFile }, drop: async () => remove() };
  }
  const db = `jinfu_${name.replaceAll('-', '_')}_${String(process.pid)}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${db}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${db}`;
  return {
    config: { databaseUrl: url.toString() },
    pgDatabase: db,
    drop: () => admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`),
  };
}

/** Samples this process's RSS every 50 ms; `stop` returns the peak. */
export function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** User + system CPU seconds of the PostgreSQL backends connected to `database`. */
export async function backendCpu(database: string): Promise<Map<number, number> | null> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    const out = new Map<number, number>();
    for (const { pid } of rows) out.set(pid, cpuOf(readFileSync(`/proc/${pid}/stat`, 'utf8')));
    return out;
  } catch {
    return null;
  } finally {
    await admin.end();
  }
}

/**
 * User + system CPU seconds of every PostgreSQL server process on this machine, with
 * those of its exited children (a backend whose connection closed, counted by the
 * postmaster once reaped). For work whose connections come and go — a worker thread's —
 * and on a machine where nothing else uses the server.
 */
export function serverCpu(): number {
  let seconds = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended between the listing and the read
    }
    if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres')) continue;
    seconds += cpuOf(stat, true);
  }
  return seconds;
}

/**
 * CPU seconds in a /proc/PID/stat line: fields 14 and 15 (user, system), and with
 * `reaped` 16 and 17 (those of exited children), counted after the command name.
 */
function cpuOf(stat: string, reaped = false): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let ticks = Number(fields[11]) + Number(fields[12]);
  if (reaped) ticks += Number(fields[13]) + Number(fields[14]);
  return ticks / 100;
}

/** CPU seconds the backends spent between two `backendCpu` readings (null when unreadable). */
export function backendCpuSince(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number | null {
  if (!before || !after) return null;
  let seconds = 0;
  for (const [pid, s] of after) seconds += s - (before.get(pid) ?? 0);
  return seconds;
}

/**
 * A target stated for the full dataset is judged only at that size: a smoke run on a
 * small one would otherwise print "met" for a figure that says nothing about it.
 */
export const verdict = (size: number, met: boolean, fullSize = 1_000_000): string =>
  size < fullSize ? `not judged at ${size.toLocaleString('en')}` : met ? 'met' : 'MISSED';
