import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import {
  dropBulkIndexes,
  restoreBulkIndexes,
  type DroppedIndexes,
} from '../register/import/bulkIndexes.ts';
import { enlargeSqliteCache } from '../register/import/sqliteCache.ts';

const TXN_INDEX = { table: 'repayment_import_rows', name: 'repayment_import_rows_txn_idx' };
const LOAN_INDEX = { table: 'repayment_import_rows', name: 'repayment_import_rows_loan_idx' };
// SQLite page cache during a repayment import (KiB; the default is 2 MB).
const JOB_SQLITE_CACHE_KIB = 64 * 1024;

/**
 * The staging table during one repayment import (decision 0013).
 *
 * SQLite: a bank's file arrives in its own order, so both secondary indexes would take
 * their keys at random, and with a 2 MB page cache a 3,000,000-row file spent most of its
 * time spilling index pages to the WAL and reading them back. So the job drops them
 * inside its transaction, builds the loan index in one sort once the file is staged (the
 * allocation reads the rows loan by loan), and puts both back as they were when its rows
 * are gone. The transaction id index is not needed meanwhile: repeats within the file are
 * found by the job's in-memory index. A rollback restores everything (transactional DDL).
 *
 * PostgreSQL: nothing is dropped (DROP INDEX would lock the table against every other
 * bank's import until this one commits; the server copes with random keys), but the
 * staged rows are analysed: the planner has no statistics for rows this transaction
 * wrote, and without them it may read the staging table from end to end for each round
 * of loans.
 */
export class StagingTable {
  private constructor(
    private readonly db: Kysely<Database>,
    private readonly postgres: boolean,
    private readonly txnIndex: DroppedIndexes,
    private readonly loanIndex: DroppedIndexes,
    private restoreCache: () => void,
  ) {}

  /** Call at the job's start, inside its transaction; `close` when it ends, also on errors. */
  static async forJob(
    db: Kysely<Database>,
    sqlite: SQLite.Database | undefined,
  ): Promise<StagingTable> {
    if (sqlite === undefined) return new StagingTable(db, true, [], [], () => {});
    const restoreCache = enlargeSqliteCache(sqlite, JOB_SQLITE_CACHE_KIB);
    try {
      const txnIndex = await dropBulkIndexes(db, [TXN_INDEX]);
      const loanIndex = await dropBulkIndexes(db, [LOAN_INDEX]);
      return new StagingTable(db, false, txnIndex, loanIndex, restoreCache);
    } catch (err) {
      restoreCache();
      throw err;
    }
  }

  /** The file is staged: build the loan index over its rows (SQLite) or analyse them. */
  async staged(): Promise<void> {
    if (this.postgres) await sql`analyze repayment_import_rows`.execute(this.db);
    else await restoreBulkIndexes(this.db, this.loanIndex);
  }

  /**
   * Deletes the job's rows with `deleteRows` without the loan index (whose entries would go
   * in random order), then builds both indexes again on what is left.
   */
  async emptied(deleteRows: () => Promise<void>): Promise<void> {
    if (this.loanIndex.length) await dropBulkIndexes(this.db, [LOAN_INDEX]);
    await deleteRows();
    await restoreBulkIndexes(this.db, [...this.txnIndex, ...this.loanIndex]);
  }

  /** Puts back the page cache size (idempotent). */
  close(): void {
    const restore = this.restoreCache;
    this.restoreCache = () => {};
    restore();
  }
}
