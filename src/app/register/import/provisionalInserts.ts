import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.ts';
import type { Actor } from '../../actor.ts';
import { insertHouseholds, type HouseholdRecord } from '../householdBatch.ts';
import { ImportFileError } from './problems.ts';

// Households per insert call: large enough to amortise round trips, small enough to
// keep the batch's rows (×5 with members and statuses) a few MB.
const BATCH = 2000;
const SAVEPOINT = sql`household_import`;

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
    private readonly actor: Actor,
    private readonly now: Date,
    private readonly onInserted: (inserted: number) => void,
  ) {}

  static async begin(
    db: Kysely<Database>,
    actor: Actor,
    now: Date,
    onInserted: (inserted: number) => void = () => {},
  ): Promise<ProvisionalInserts> {
    await sql`savepoint ${SAVEPOINT}`.execute(db);
    return new ProvisionalInserts(db, actor, now, onInserted);
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
    if (keep && !this.stopped) await this.flush();
    await this.inflight;
    const problem = this.failure === null ? null : conflictOf(this.failure);
    if (keep && !this.stopped && !problem) {
      await sql`release savepoint ${SAVEPOINT}`.execute(this.db);
      return { inserted: this.inserted, problem: null };
    }
    // Also clears PostgreSQL's aborted-transaction state after a failed insert.
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
    const started = insertHouseholds(
      this.db,
      this.actor.regionCode,
      batch,
      this.actor.username,
      this.now,
    ).then(
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
  const code = (err as { code?: unknown }).code;
  if (code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))) {
    return new ImportFileError(
      'import_conflict',
      '导入期间登记簿被他人修改（户编号或身份证号已被占用），本次未写入任何数据，请重新导入',
      'the register changed during the import (a household number or resident ID was taken meanwhile); nothing was written, import again',
      1,
    );
  }
  throw err;
}
