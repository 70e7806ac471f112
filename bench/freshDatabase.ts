import { mkdirSync, rmSync } from 'node:fs';
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
