import { sql, type Kysely } from 'kysely';
import type { SettlementPeriod } from '../../core/settlement/period.ts';
import type { Database } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { invalid } from '../errors.ts';
import type { DraftLine } from './lineSource.ts';
import type { LinesRequest } from './linesWorker.ts';
import { allLines, sourceContext } from './sources.ts';

/**
 * The lines a run stores, priced either in this thread or in a worker thread beside it.
 *
 * A run reads the portfolio, prices it by the rules and writes the lines; in one thread
 * the three take turns. When another connection can see the database (a SQLite file,
 * PostgreSQL), a worker reads and prices on a connection of its own while this thread
 * writes, so the writing is off the reading path. The worker reads what the run's
 * transaction reads: on PostgreSQL through the transaction's exported snapshot; on
 * SQLite because the run has already written (its transaction holds the write lock), so
 * nothing can be committed between the start of the run and the worker's first read.
 */

const LINES = new URL('./linesWorker.ts', import.meta.url).href;

/** Batches the worker may price ahead of the ones written. */
const IN_FLIGHT = 4;

/** From this many loans a run prices in a worker: starting one costs more below it. */
const WORKER_FROM_LOANS = 10_000;

export interface RunLinesOptions {
  readonly chunkSize: number;
  /** true: a worker; false: this thread; undefined: a worker for a large portfolio. */
  readonly inWorker?: boolean | undefined;
}

export async function runLines(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  period: SettlementPeriod,
  now: Date,
  options: RunLinesOptions,
): Promise<AsyncGenerator<DraftLine[]>> {
  const shared = app.store.shared;
  const inWorker =
    shared !== undefined &&
    (options.inWorker ?? (await loanCount(db, regionCode)) >= WORKER_FROM_LOANS);
  if (options.inWorker === true && !inWorker) {
    throw invalid(
      'inWorker',
      '内存数据库不能由工作线程读取',
      'an in-memory database cannot be read from a worker thread',
    );
  }
  if (!inWorker) {
    const chunkSize = options.chunkSize;
    return allLines(await sourceContext(app, db, regionCode, period, now, { chunkSize }));
  }
  const snapshot =
    app.store.dialect === 'postgres'
      ? (await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(db)).rows[0]!.id
      : null;
  const request: LinesRequest = {
    store: shared,
    snapshot,
    regionCode,
    period,
    now: now.toISOString(),
    chunkSize: options.chunkSize,
  };
  return app.workers.stream<DraftLine[]>(LINES, request, IN_FLIGHT);
}

/**
 * Starts the pricing worker before the first large run needs it (the server does at
 * start), so that no run waits for a thread to load the rules; only where runs would
 * use it: a database other connections see, holding a large portfolio.
 */
export async function warmPricingWorker(app: App): Promise<void> {
  if (app.store.shared === undefined) return;
  if ((await loanCount(app.store.db)) >= WORKER_FROM_LOANS) await app.workers.warm(LINES);
}

/** The loans of one district, or of every district the database holds. */
async function loanCount(db: Kysely<Database>, regionCode?: string): Promise<number> {
  let query = db.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n'));
  if (regionCode !== undefined) query = query.where('region_code', '=', regionCode);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
