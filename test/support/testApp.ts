import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import type { App } from '../../src/app/app.ts';
import { bootApp } from '../../src/app/boot.ts';

/**
 * The same integration suites run on every dialect. PostgreSQL is required when
 * CI=true (a missing server fails the run); elsewhere its suites skip with a loud note.
 */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const PG_ADMIN_URL =
  process.env.JINFU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgAvailable: Promise<boolean> | undefined;
function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return pgAvailable;
}

const available = await postgresAvailable();
if (!available && process.env.CI !== 'true') {
  console.warn(
    `\n!!! PostgreSQL not reachable at ${PG_ADMIN_URL}: PostgreSQL suites are SKIPPED on this machine.\n!!! They are required in CI (CI=true).\n`,
  );
}

export interface TestApp {
  app: App;
  dialect: Dialect;
  /**
   * The environment that points `jinfu` (bin/jinfu.mjs) at the same database; only when
   * the SQLite database is a file (`dataDir`) or the dialect is PostgreSQL.
   */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A fresh, migrated, empty database: in-memory SQLite (or `jinfu.sqlite` under
 * `dataDir`, for tests that also run the CLI on it) or a new PostgreSQL database.
 */
export async function openTestApp(
  dialect: Dialect,
  now?: () => Date,
  dataDir?: string,
): Promise<TestApp> {
  if (dialect === 'sqlite') {
    const booted = await bootApp({
      ...(dataDir === undefined ? { sqliteFile: ':memory:' } : { dataDir }),
      ...(now ? { now } : {}),
    });
    const env: Record<string, string> =
      dataDir === undefined ? {} : { JINFU_DATA_DIR: dataDir, DATABASE_URL: '' };
    return { app: booted.app, dialect, env, close: booted.close };
  }
  if (!available)
    throw new Error(`PostgreSQL is required (CI=true) but not reachable at ${PG_ADMIN_URL}`);
  const name = `jinfu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const booted = await bootApp({ databaseUrl: url.toString(), ...(now ? { now } : {}) });
  return {
    app: booted.app,
    dialect,
    env: { DATABASE_URL: url.toString() },
    async close() {
      await booted.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      try {
        // The pool's sockets may still be closing server-side; dropping the database
        // under them makes the server log (and pg emit) "terminating connection".
        for (let i = 0; i < 100; i++) {
          const { rows } = await a.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (Number(rows[0]!.n) === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Runs `suite` once per dialect; PostgreSQL skips only outside CI when no server answers. */
export function describeEachDialect(title: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    const skip = dialect === 'postgres' && !available && process.env.CI !== 'true';
    (skip ? describe.skip : describe)(`${title} [${dialect}]`, () => suite(dialect));
  }
}
