import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Human-readable location, without credentials, for start-up logs. */
  readonly location: string;
  /**
   * SQLite only: the one connection Kysely's transactions also run on. For bulk paths that
   * reuse prepared statements inside the caller's transaction (the register import).
   */
  readonly sqlite?: SQLite.Database;
  /**
   * What another connection to the same database opens (a worker thread reading beside
   * this one); undefined for an in-memory SQLite database, which no other connection sees.
   */
  readonly shared?: StoreConfig;
  close(): Promise<void>;
}

export interface StoreConfig {
  /** `postgres://…` selects PostgreSQL; anything else is ignored. */
  databaseUrl?: string | undefined;
  /** Directory of the SQLite file (created when missing). */
  dataDir?: string | undefined;
  /** Explicit SQLite file path, or ':memory:'. Wins over dataDir. */
  sqliteFile?: string | undefined;
}

// BIGINT columns hold fen; pg returns int8 as text by default. Convert, refusing values
// that do not fit a JS safe integer rather than silently losing precision.
pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} exceeds the safe range`);
  return n;
});

export function openStore(config: StoreConfig): Store {
  const url = config.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the server ends (a restart, a terminated backend, a database
    // dropped while the pool closes) makes the pool emit 'error'; unheard, that event
    // would crash the process. The pool has already discarded the connection and opens
    // a new one for the next query, so it is reported and nothing else.
    pool.on('error', (err) => {
      process.stderr.write(`jinfu: a pooled PostgreSQL connection was closed: ${err.message}\n`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      location: url.replace(/\/\/[^@/]*@/, '//***@'),
      shared: { databaseUrl: url },
      close: () => db.destroy(),
    };
  }
  const file = config.sqliteFile ?? sqliteFileIn(config.dataDir ?? 'data');
  const sqlite = new SQLite(file);
  // WAL lets readers proceed during writes; foreign keys are checked in app code.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    sqlite,
    ...(sqlite.memory ? {} : { shared: { sqliteFile: file } }),
    close: () => db.destroy(),
  };
}

function sqliteFileIn(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return join(dir, 'jinfu.sqlite');
}

export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
