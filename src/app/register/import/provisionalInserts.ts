import type SQLite from 'better-sqlite3';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.ts';
import type { Actor } from '../../actor.ts';
import { householdWriter, type HouseholdRecord, type HouseholdWriter } from '../householdBatch.ts';
import { dropBulkIndexes, restoreBulkIndexes, type DroppedIndexes } from './bulkIndexes.ts';
import { isUniqueViolation } from '../../../store/uniqueViolation.ts';
import { ImportFileError } from './problems.ts';
import { enlargeSqliteCache } from './sqliteCache.ts';

// Households per insert call: large enough to amortise round trips, small enough to
// keep the batch's rows (×5 with members and statuses) a few MB.
const BATCH = 2000;
const SAVEPOINT = sql`household_import`;
// SQLite page cache while a bulk import builds its indexes again (KiB; the default is
// 2 MB): CREATE INDEX sorts in memory up to this much before spilling to temp files.
const BULK_SQLITE_CACHE_KIB = 64 * 1024;

export interface ProvisionalOptions {
  /** SQLite only: the connection under `db`, for prepared statements (Store.sqlite). */
  sqlite?: SQLite.Database | undefined;
  /**
   * A bulk load (a large file into an empty register): the random-key indexes are
   * dropped for the load and built again before the savepoint is released.
   */
  bulk?: boolean;
}

/**
 * Commit mode's writer: valid rows are inserted as they are validated, behind a savepoint
 * in the use case's transaction, and kept only if the whole file turns out valid —
 * otherwise rolled back to the savepoint. Nothing is visible to anyone else before the
 * transaction commits, so this is all or nothing, without holding a million validated
 * rows or reading the file twice. Writing stops at the first problem; validation goes on
 * to report them all.
 *
 * Up to two batches are in flight while the next is validated: on PostgreSQL the server
 * inserts while Node parses (on SQLite the driver is synchronous and this changes nothing).
 */
export class ProvisionalInserts {
  private batch: HouseholdRecord[] = [];
  private inflight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private stopped = false;
  inserted = 0;

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly write: HouseholdWriter,
    private readonly onInserted: (inserted: number) => void,
    private readonly dropped: DroppedIndexes | null,
    private restoreSession: () => Promise<void>,
  ) {}

  static async begin(
    db: Kysely<Database>,
    actor: Actor,
    now: Date,
    onInserted: (inserted: number) => void = () => {},
    options: ProvisionalOptions = {},
  ): Promise<ProvisionalInserts> {
    await sql`savepoint ${SAVEPOINT}`.execute(db);
    let dropped: DroppedIndexes | null = null;
    let restoreSession = async (): Promise<void> => {};
    if (options.bulk) {
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        // This transaction only: index builds sort in memory; its commit need not wait
        // for the WAL flush (a crash just after could lose the import, never corrupt it).
        await sql`set local maintenance_work_mem = '256MB'`.execute(db);
        await sql`set local synchronous_commit = off`.execute(db);
      } else if (options.sqlite) {
        const restore = enlargeSqliteCache(options.sqlite, BULK_SQLITE_CACHE_KIB);
        restoreSession = async () => restore();
      }
      dropped = await dropBulkIndexes(db);
    }
    const write = householdWriter(db, options.sqlite, actor.regionCode, actor.username, now);
    return new ProvisionalInserts(db, write, onInserted, dropped, restoreSession);
  }

  async add(record: HouseholdRecord): Promise<void> {
    if (this.stopped) return;
    this.batch.push(record);
    if (this.batch.length >= BATCH) await this.flush();
  }

  /** Some row is bad: nothing will be kept, so stop writing. */
  stop(): void {
    this.stopped = true;
    this.batch = [];
  }

  /**
   * Keeps the inserts when `keep` and every insert succeeded; otherwise rolls them back.
   * Returns the households kept, or the problem that made an insert fail.
   */
  async finish(keep: boolean): Promise<{ inserted: number; problem: ImportFileError | null }> {
    try {
      return await this.settle(keep);
    } finally {
      await this.close();
    }
  }

  /** Puts back connection settings changed for a bulk load (idempotent; call on errors too). */
  async close(): Promise<void> {
    const restore = this.restoreSession;
    this.restoreSession = async () => {};
    await restore();
  }

  private async settle(
    keep: boolean,
  ): Promise<{ inserted: number; problem: ImportFileError | null }> {
    if (keep && !this.stopped) await this.flush();
    await this.inflight;
    if (keep && !this.stopped && this.failure === null && this.dropped) {
      // Unique keys are enforced again here: a duplicate fails the build.
      await restoreBulkIndexes(this.db, this.dropped).catch((err: unknown) => {
        this.failure = err;
      });
    }
    const problem = this.failure === null ? null : conflictOf(this.failure);
    if (keep && !this.stopped && !problem) {
      await sql`release savepoint ${SAVEPOINT}`.execute(this.db);
      return { inserted: this.inserted, problem: null };
    }
    // Also clears PostgreSQL's aborted-transaction state after a failed insert, and brings
    // back any dropped indexes (they were dropped after the savepoint).
    await sql`rollback to savepoint ${SAVEPOINT}`.execute(this.db);
    await sql`release savepoint ${SAVEPOINT}`.execute(this.db);
    return { inserted: 0, problem };
  }

  private async flush(): Promise<void> {
    if (!this.batch.length) return;
    const batch = this.batch;
    this.batch = [];
    if (this.failure !== null) return;
    // Submit now: the connection runs statements in order, so the server has this batch
    // queued while the previous one finishes. Then wait for the previous one only.
    const started = this.write(batch).then(
      () => {
        this.inserted += batch.length;
        this.onInserted(this.inserted);
      },
      (err: unknown) => {
        this.failure ??= err; // the first failure is the cause; later ones follow from it
      },
    );
    const previous = this.inflight;
    this.inflight = Promise.all([previous, started]).then(() => undefined);
    await previous;
    if (this.failure !== null) this.stopped = true;
  }
}

/**
 * The rows were checked against the register in this same transaction; a unique key can
 * still trip on PostgreSQL when another session committed the same household meanwhile.
 */
function conflictOf(err: unknown): ImportFileError {
  if (isUniqueViolation(err)) {
    return new ImportFileError(
      'import_conflict',
      '导入期间登记簿被他人修改（户编号或身份证号已被占用），本次未写入任何数据，请重新导入',
      'the register changed during the import (a household number or resident ID was taken meanwhile); nothing was written, import again',
      1,
    );
  }
  throw err;
}
