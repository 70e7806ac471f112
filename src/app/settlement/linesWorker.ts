import { sql } from 'kysely';
import type { SettlementPeriod } from '../../core/settlement/period.ts';
import { openStore, type StoreConfig } from '../../store/database.ts';
import { createApp } from '../app.ts';
import type { DraftLine } from './lineSource.ts';
import { allLines, sourceContext } from './sources.ts';

/**
 * What a worker thread runs for `runLines`: reads the portfolio on a connection of its
 * own, as the run's transaction sees it, and yields every priced line in batches. The
 * connection is opened per run, so an idle thread holds none.
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

export async function* stream(request: LinesRequest): AsyncGenerator<DraftLine[]> {
  const store = openStore(request.store);
  const app = createApp(store);
  try {
    // Only a repeatable-read transaction can take up another one's snapshot.
    const begin =
      request.snapshot === null
        ? store.db.startTransaction()
        : store.db.startTransaction().setIsolationLevel('repeatable read');
    const trx = await begin.execute();
    try {
      if (request.snapshot !== null) {
        await sql`set transaction snapshot ${sql.lit(request.snapshot)}`.execute(trx);
      }
      const { regionCode, period, chunkSize } = request;
      const now = new Date(request.now);
      yield* allLines(await sourceContext(app, trx, regionCode, period, now, { chunkSize }));
    } finally {
      // It only read: ending it either way changes nothing.
      await trx.rollback().execute();
    }
  } finally {
    await store.close();
  }
}
