import type SQLite from 'better-sqlite3';
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { Fen } from '../../core/money.ts';
import { insertRows, type ColumnType } from '../../store/insertRows.ts';
import type { Database, LoanTable, RepaymentImportRowTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { newId } from '../ids.ts';
import type { ColumnSpec } from '../register/import/columns.ts';
import { importJobAudit } from '../register/import/importJobAudit.ts';
import { StringIndex } from '../register/import/keyIndex.ts';
import { ImportSource } from '../register/import/importSource.ts';
import { ProblemList } from '../register/import/problems.ts';
import { tempDir } from '../register/import/spool.ts';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_LISTED_ERRORS,
  type ImportReport,
} from '../register/importHouseholds.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import {
  dateCell,
  readBankFile,
  rowProblem,
  textCell,
  yuanCell,
  type BankFileInfo,
  type BankRow,
} from './bankExchangeFile.ts';
import { loadBooks } from './bookLoader.ts';
import { allocateOnto, paidBeforeDisbursement, repaymentRow, saveBooks } from './repayments.ts';
import { StagingTable } from './stagingTable.ts';

/**
 * A bank's repayment file (issue 4 §5): CSV (UTF-8 or GB18030) or .xlsx, one row per
 * payment, streamed (docs/decisions/0009): rows are parsed and checked in batches and
 * staged in `repayment_import_rows` inside the use case's transaction, then allocated
 * loan by loan in payment-date order (file order within a day) by the same `allocateOnto`
 * as a repayment recorded by hand, and written in batches behind a savepoint that is
 * rolled back if any row of the file is bad: all or nothing, with memory bounded by the
 * batch, not the file. Idempotent by the bank's transaction id: a row already recorded
 * with the same contract, date and amount is 'unchanged'.
 */

export const REPAYMENT_COLUMNS = [
  { key: 'contractNo', zh: '合同编号', aliases: ['contract_no', 'contract'], required: true },
  {
    key: 'bankTxnId',
    zh: '交易流水号',
    aliases: ['流水号', 'bank_txn_id', 'txn_id'],
    required: true,
  },
  { key: 'paidOn', zh: '还款日期', aliases: ['paid_on', 'date'], required: true },
  {
    key: 'amount',
    zh: '还款金额',
    aliases: ['还款金额(元)', '还款金额（元）', 'amount_yuan'],
    required: true,
  },
  { key: 'note', zh: '备注', aliases: ['remark', 'memo'], required: false },
] as const satisfies readonly ColumnSpec[];

type Column = (typeof REPAYMENT_COLUMNS)[number]['key'];
const ZH = Object.fromEntries(REPAYMENT_COLUMNS.map((c) => [c.key, c.zh])) as Record<
  Column,
  string
>;
// Rows parsed, looked up and staged per round; also the keys per lookup query.
const READ_BATCH = 1000;
// Loans allocated and saved per round (with all their staged payments).
const LOAN_BATCH = 500;
const MAX_TEXT = 64;
const MAX_NOTE = 200;
const SAVEPOINT = sql`repayment_import`;
const STAGED_COLUMNS = {
  region_code: 'text',
  job_id: 'text',
  row: 'integer',
  loan_id: 'text',
  bank_txn_id: 'text',
  paid_on: 'text',
  amount: 'bigint',
  note: 'text',
} as const satisfies Record<keyof RepaymentImportRowTable, ColumnType>;

const importInput = z
  .object({
    source: z.custom<ImportSource>((v) => v instanceof ImportSource, {
      message: bilingual('请提供要导入的文件', 'a file to import is required'),
    }),
    mode: z
      .enum(['dry-run', 'commit'], {
        message: bilingual('mode 应为 dry-run 或 commit', 'mode must be dry-run or commit'),
      })
      .default('dry-run'),
  })
  .strict();

/** One data row, as far as its cells could be read. */
interface FileRow {
  row: number;
  contractNo?: string;
  bankTxnId?: string;
  paidOn?: IsoDate;
  amount?: Fen;
  note?: string;
  /** Every cell was valid. */
  ok: boolean;
}

const problemAt = (
  row: number,
  field: Column,
  code: string,
  zh: string,
  en: string,
): Parameters<ProblemList['add']>[0] => rowProblem(row, field, ZH[field], code, zh, en);

export const importRepayments = defineUseCase({
  name: 'loan.repayment-import',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: importInput,
  async run({ app, db, actor, now, audit }, input): Promise<ImportReport> {
    const tmp = await tempDir();
    try {
      const path = await input.source.toFile(tmp.dir, IMPORT_MAX_BYTES);
      const problems = new ProblemList(IMPORT_MAX_LISTED_ERRORS);
      const staging = await StagingTable.forJob(db, app.store.sqlite);
      const job = new RepaymentJob(db, app.store.sqlite, actor, now, problems);
      let info: BankFileInfo;
      let inserted: number;
      try {
        info = await readBankFile(path, REPAYMENT_COLUMNS, problems, READ_BATCH, (rows) =>
          job.stage(rows),
        );
        await staging.staged();
        inserted = await job.allocate(input.mode === 'commit');
        await staging.emptied(() => job.dispose());
      } finally {
        staging.close();
      }
      const report: ImportReport = {
        mode: input.mode,
        fileName: input.source.name,
        format: info.format,
        encoding: info.encoding,
        sha256: info.sha256,
        rows: info.rows,
        toInsert: job.toInsert,
        inserted,
        unchanged: job.unchanged,
        committed: inserted > 0,
        errorCount: problems.total,
        errors: problems.sorted(),
        ignoredColumns: info.ignoredColumns,
      };
      await audit(
        importJobAudit('loan.repayment-import', 'repayment_import', report, {
          username: actor.username,
          role: actor.role,
          institutionId: actor.institutionId,
        }),
      );
      return report;
    } finally {
      await tmp.dispose();
    }
  },
});

/** Reads one row's cells; a transaction id repeated within the file is checked by `stage`. */
function readRow(r: BankRow<Column>, problems: ProblemList): FileRow {
  const out: FileRow = { row: r.row, ok: true };
  const bad = (field: string, code: string, zh: string, en: string): void => {
    out.ok = false;
    problems.add(problemAt(r.row, field as Column, code, zh, en));
  };
  const contractNo = textCell(r.cell('contractNo'), 'contractNo', bad, MAX_TEXT);
  if (contractNo !== undefined) out.contractNo = contractNo;
  const txn = textCell(r.cell('bankTxnId'), 'bankTxnId', bad, MAX_TEXT);
  if (txn !== undefined) out.bankTxnId = txn;
  const paidOn = dateCell(r.cell('paidOn'), 'paidOn', bad);
  if (paidOn !== undefined) out.paidOn = paidOn;
  const amount = yuanCell(r.cell('amount'), 'amount', bad, true);
  if (amount !== undefined) out.amount = amount;
  const note = r.cell('note');
  if (note.length > MAX_NOTE) {
    bad('note', 'too_long', `不能超过${MAX_NOTE}个字`, `must be at most ${MAX_NOTE} characters`);
  } else if (note !== '') out.note = note;
  return out;
}

/**
 * One import job's state between the streaming read (`stage`) and the allocation
 * (`allocate`). Only counters, the current batch and a hash of each transaction id
 * (12 bytes an id) are held in memory; the rows wait in `repayment_import_rows` under
 * this job's id.
 */
class RepaymentJob {
  readonly id: string;
  private readonly institution: string;
  /** Each transaction id's first row in the file (the staged one), compactly. */
  private readonly firstRows = new StringIndex();
  toInsert = 0;
  unchanged = 0;

  constructor(
    private readonly db: Kysely<Database>,
    /** The SQLite connection under `db`, for bound inserts; undefined on PostgreSQL. */
    private readonly sqlite: SQLite.Database | undefined,
    private readonly actor: Actor,
    private readonly now: Date,
    private readonly problems: ProblemList,
  ) {
    this.id = newId(now.getTime());
    this.institution = actor.institutionId ?? '-';
  }

  /**
   * Checks a batch of rows: cells, transaction ids repeated within the file, contracts
   * (this bank's only: another bank's reads exactly like an unknown one) and transaction
   * ids the bank recorded before. Stages every row with a transaction id, so later rows
   * can be checked against it; only rows fit to allocate carry their loan.
   */
  async stage(batch: BankRow<Column>[]): Promise<void> {
    const { db, actor, problems } = this;
    const rows = batch.map((r) => readRow(r, problems));
    const txns = [...new Set(rows.flatMap((r) => (r.bankTxnId ? [r.bankTxnId] : [])))];
    const contracts = [...new Set(rows.flatMap((r) => (r.contractNo ? [r.contractNo] : [])))];
    // Transaction ids whose hash an earlier batch saw: read back the ids first staged on
    // those rows to tell a repeat from a hash collision.
    const candidates = [...new Set(txns.map((t) => this.firstRows.candidateRow(t)))].filter(
      (row) => row > 0,
    );
    const [earlier, loans, recorded] = await Promise.all([
      candidates.length
        ? db
            .selectFrom('repayment_import_rows')
            .select(['row', 'bank_txn_id'])
            .where('region_code', '=', actor.regionCode)
            .where('job_id', '=', this.id)
            .where('row', 'in', candidates)
            .execute()
        : [],
      contracts.length
        ? db
            .selectFrom('loans')
            .select(['id', 'contract_no', 'disbursed_on', 'institution_id'])
            .where('region_code', '=', actor.regionCode)
            // by the unique contract number alone: the institution is checked below, so
            // no planner can prefer scanning the bank's whole book
            .where('contract_no', 'in', contracts)
            .execute()
        : [],
      txns.length
        ? db
            .selectFrom('repayments')
            .innerJoin('loans', (j) =>
              j
                .onRef('loans.region_code', '=', 'repayments.region_code')
                .onRef('loans.id', '=', 'repayments.loan_id'),
            )
            .select([
              'repayments.bank_txn_id as txn',
              'repayments.paid_on as paidOn',
              'repayments.amount as amount',
              'loans.contract_no as contractNo',
            ])
            .where('repayments.region_code', '=', actor.regionCode)
            .where('repayments.institution_id', '=', this.institution)
            .where('repayments.bank_txn_id', 'in', txns)
            .execute()
        : [],
    ]);
    const txnAt = new Map(earlier.map((r) => [Number(r.row), r.bank_txn_id!]));
    for (const r of rows) if (r.bankTxnId !== undefined) txnAt.set(r.row, r.bankTxnId);
    const keyAt = (row: number): string | undefined => txnAt.get(row);
    // Another bank's contract reads exactly like an unknown one.
    const loanOf = new Map(
      loans.filter((l) => l.institution_id === this.institution).map((l) => [l.contract_no, l]),
    );
    const before = new Map(recorded.map((r) => [r.txn, r]));

    const staged: RepaymentImportRowTable[] = [];
    for (const r of rows) {
      if (r.bankTxnId !== undefined) {
        const first = this.firstRows.firstRow(r.bankTxnId, r.row, keyAt);
        if (first !== 0) {
          problems.add(
            problemAt(
              r.row,
              'bankTxnId',
              'duplicate_bank_txn',
              `交易流水号 ${r.bankTxnId} 与第 ${first} 行重复`,
              `transaction id ${r.bankTxnId} repeats row ${first}`,
            ),
          );
          r.ok = false;
          delete r.bankTxnId;
        }
      }
      const loan = this.check(r, before, loanOf);
      if (r.bankTxnId === undefined) continue;
      staged.push({
        region_code: actor.regionCode,
        job_id: this.id,
        row: r.row,
        loan_id: loan?.id ?? null,
        bank_txn_id: r.bankTxnId,
        paid_on: r.paidOn ?? null,
        amount: r.amount ?? null,
        note: r.note ?? null,
      });
    }
    await insertRows(db, this.sqlite, 'repayment_import_rows', STAGED_COLUMNS, staged);
  }

  /** The row against the bank's records; returns its loan when the row is fit to allocate. */
  private check(
    r: FileRow,
    before: Map<string, { contractNo: string; paidOn: string; amount: number }>,
    loanOf: Map<string, Pick<LoanTable, 'id' | 'disbursed_on'>>,
  ): Pick<LoanTable, 'id'> | undefined {
    const recorded = r.bankTxnId !== undefined ? before.get(r.bankTxnId) : undefined;
    if (recorded) {
      if (!r.ok) return undefined;
      const amount = Number(recorded.amount);
      if (
        recorded.contractNo === r.contractNo &&
        recorded.paidOn === r.paidOn &&
        amount === r.amount
      ) {
        this.unchanged++;
        return undefined;
      }
      const was = `${recorded.contractNo}、${recorded.paidOn}、${(amount / 100).toFixed(2)}`;
      const wasEn = `${recorded.contractNo}, ${recorded.paidOn}, ${(amount / 100).toFixed(2)}`;
      this.problems.add(
        problemAt(
          r.row,
          'bankTxnId',
          'bank_txn_conflict',
          `交易流水号 ${r.bankTxnId} 已登记为合同 ${was} 元，与本行内容不同；已登记的还款不能被覆盖`,
          `transaction id ${r.bankTxnId} is already recorded as contract ${wasEn} yuan, which differs from this row; a recorded payment is never overwritten`,
        ),
      );
      return undefined;
    }
    const loan = r.contractNo !== undefined ? loanOf.get(r.contractNo) : undefined;
    if (r.contractNo !== undefined && !loan) {
      this.problems.add(
        problemAt(
          r.row,
          'contractNo',
          'unknown_contract',
          `本行没有合同编号为 ${r.contractNo} 的贷款`,
          `your bank has no loan with contract number ${r.contractNo}`,
        ),
      );
      return undefined;
    }
    if (r.ok && loan) return loan;
    if (loan && r.paidOn !== undefined) {
      // A row with another bad cell is not allocated, but its date is still checked
      // (the check reads only the disbursement date).
      const early = paidBeforeDisbursement(loan as LoanTable, r.paidOn);
      if (early) this.problems.add(problemAt(r.row, 'paidOn', early.code, early.zh, early.en));
    }
    return undefined;
  }

  /**
   * Allocates the staged payments loan by loan, each loan's in payment-date order (file
   * order within a day). When committing, each round of loans is saved as soon as it is
   * allocated, behind a savepoint, while no problem has been found in the whole file;
   * the first problem rolls everything back to the savepoint and stops the writing,
   * while allocation goes on to report every problem. Returns the payments kept.
   */
  async allocate(commit: boolean): Promise<number> {
    const { db, actor, now, problems } = this;
    let writing = commit && problems.total === 0;
    const guarded = writing;
    if (guarded) await sql`savepoint ${SAVEPOINT}`.execute(db);
    let written = 0;
    let after = '';
    for (;;) {
      const loanIds = (
        await db
          .selectFrom('repayment_import_rows')
          .select('loan_id')
          .distinct()
          .where('region_code', '=', actor.regionCode)
          .where('job_id', '=', this.id)
          .where('loan_id', '>', after)
          .orderBy('loan_id')
          .limit(LOAN_BATCH)
          .execute()
      ).map((r) => r.loan_id!);
      if (!loanIds.length) break;
      after = loanIds[loanIds.length - 1]!;
      const [loans, staged] = await Promise.all([
        db
          .selectFrom('loans')
          .selectAll()
          .where('region_code', '=', actor.regionCode)
          .where('id', 'in', loanIds)
          .execute(),
        db
          .selectFrom('repayment_import_rows')
          .selectAll()
          .where('region_code', '=', actor.regionCode)
          .where('job_id', '=', this.id)
          .where('loan_id', 'in', loanIds)
          .orderBy('loan_id')
          .orderBy('paid_on')
          .orderBy('row')
          .execute(),
      ]);
      const books = await loadBooks(db, actor.regionCode, loans);
      const rows = [];
      for (const s of staged) {
        const book = books.get(s.loan_id!)!;
        const payment = {
          paidOn: s.paid_on as IsoDate,
          amount: Number(s.amount) as Fen,
          bankTxnId: s.bank_txn_id!,
          note: s.note,
        };
        const allocated = allocateOnto(book, payment.paidOn, payment.amount);
        if ('refusal' in allocated) {
          const f = allocated.refusal;
          const field: Column = f.field === 'id' ? 'contractNo' : f.field;
          problems.add(problemAt(s.row, field, f.code, f.zh, f.en));
          continue;
        }
        this.toInsert++;
        if (writing) rows.push(repaymentRow(actor, now, book, payment, allocated.split));
      }
      if (writing && problems.total > 0) {
        await sql`rollback to savepoint ${SAVEPOINT}`.execute(db);
        writing = false;
        written = 0;
      }
      if (writing && rows.length) {
        await saveBooks(db, this.sqlite, actor.regionCode, now, books.values(), rows);
        written += rows.length;
      }
    }
    if (guarded) await sql`release savepoint ${SAVEPOINT}`.execute(db);
    return written;
  }

  /** The staged rows go with the job (a failed transaction takes them along anyway). */
  async dispose(): Promise<void> {
    await this.db
      .deleteFrom('repayment_import_rows')
      .where('region_code', '=', this.actor.regionCode)
      .where('job_id', '=', this.id)
      .execute();
  }
}
