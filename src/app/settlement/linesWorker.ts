import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import type { SettlementPeriod } from '../../core/settlement/period.ts';
import { openStore, type StoreConfig } from '../../store/database.ts';
import { createApp } from '../app.ts';
import type { DraftLine } from './lineSource.ts';
import { allLines, sourceContext } from './sources.ts';

/**
 * The worker thread of `runLines`: reads the portfolio on a connection of its own, as the
 * run's transaction sees it, prices every line and posts them in batches. At most
 * `IN_FLIGHT` batches wait unstored, so a fast reader cannot fill the memory of a slow
 * writer.
 */

export interface LinesRequest {
  readonly store: StoreConfig;
  /** PostgreSQL: the run transaction's exported snapshot, read through here too. */
  readonly snapshot: string | null;
  readonly regionCode: string;
  readonly period: SettlementPeriod;
  readonly now: string;
  readonly chunkSize: number;
}

export type LinesMessage =
  { readonly lines: DraftLine[] } | { readonly done: true } | { readonly error: string };

/** Batches posted and not yet stored (each is acknowledged by a message back). */
export const IN_FLIGHT = 4;

const request = (workerData as { request: LinesRequest }).request;
const port = parentPort!;
let credit = IN_FLIGHT;
let resume: (() => void) | undefined;
const stored = (): void => {
  credit++;
  resume?.();
  resume = undefined;
};
port.on('message', stored);

const store = openStore(request.store);
try {
  // A PostgreSQL snapshot can only be taken up by a repeatable-read transaction.
  const begin =
    request.snapshot === null
      ? store.db.transaction()
      : store.db.transaction().setIsolationLevel('repeatable read');
  await begin.execute(async (trx) => {
    if (request.snapshot !== null) {
      await sql`set transaction snapshot ${sql.lit(request.snapshot)}`.execute(trx);
    }
    const app = createApp(store);
    const { regionCode, period, chunkSize } = request;
    const ctx = await sourceContext(app, trx, regionCode, period, new Date(request.now), {
      chunkSize,
    });
    for await (const lines of allLines(ctx)) {
      if (credit === 0) await new Promise<void>((r) => (resume = r));
      credit--;
      port.postMessage({ lines } satisfies LinesMessage);
    }
  });
  port.postMessage({ done: true } satisfies LinesMessage);
} catch (e) {
  port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
} finally {
  await store.close();
  // Nothing more to wait for: the thread ends once its last messages are sent.
  port.off('message', stored);
}
