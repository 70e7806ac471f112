import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { SettlementPeriod } from '../../core/settlement/period.ts';
import type { Database } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { invalid } from '../errors.ts';
import type { DraftLine } from './lineSource.ts';
import type { LinesMessage, LinesRequest } from './linesWorker.ts';
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

/** From this many loans a run prices in a worker: starting one costs more below it. */
export const WORKER_FROM_LOANS = 10_000;

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
  return linesFromWorker({
    store: shared,
    snapshot,
    regionCode,
    period,
    now: now.toISOString(),
    chunkSize: options.chunkSize,
  });
}

async function loanCount(db: Kysely<Database>, regionCode: string): Promise<number> {
  const row = await db
    .selectFrom('loans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_code', '=', regionCode)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The worker's batches as they come; each one taken is acknowledged, letting it post another. */
async function* linesFromWorker(request: LinesRequest): AsyncGenerator<DraftLine[]> {
  const worker = new Worker(new URL('../tsWorker.mjs', import.meta.url), {
    workerData: { module: new URL('./linesWorker.ts', import.meta.url).href, request },
  });
  const inbox: LinesMessage[] = [];
  let wake: (() => void) | undefined;
  const deliver = (m: LinesMessage): void => {
    inbox.push(m);
    wake?.();
    wake = undefined;
  };
  worker.on('message', deliver);
  worker.on('error', (e) => deliver({ error: e.stack ?? e.message }));
  worker.on('exit', (code) => deliver({ error: `the pricing worker stopped (exit code ${code})` }));
  try {
    for (;;) {
      if (inbox.length === 0) await new Promise<void>((r) => (wake = r));
      const m = inbox.shift()!;
      if ('error' in m) throw new Error(`settlement pricing worker: ${m.error}`);
      if ('done' in m) return;
      yield m.lines;
      worker.postMessage('stored');
    }
  } finally {
    await worker.terminate();
  }
}
