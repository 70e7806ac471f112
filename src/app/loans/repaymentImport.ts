import { z } from 'zod';
import type { Kysely } from 'kysely';
import { parseIsoDate, type IsoDate } from '../../core/calendarDate.ts';
import { DomainError } from '../../core/errors.ts';
import { yuanToFen, type Fen } from '../../core/money.ts';
import type { Database, LoanTable, RepaymentTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { headerMapper, type ColumnSpec, type HeaderMap } from '../register/import/columns.ts';
import { csvRows, isBlankRow, type SheetRow } from '../register/import/csvRows.ts';
import { FileTap, sha256Of } from '../register/import/fileTap.ts';
import { ImportSource } from '../register/import/importSource.ts';
import { isoDateOf } from '../register/import/parseRow.ts';
import { ImportFileError, ProblemList } from '../register/import/problems.ts';
import { sniffFile } from '../register/import/sniff.ts';
import { tempDir } from '../register/import/spool.ts';
import { xlsxRows } from '../register/import/xlsxRows.ts';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_LISTED_ERRORS,
  type ImportReport,
} from '../register/importHouseholds.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import {
  allocateOnto,
  loadBook,
  paidBeforeDisbursement,
  repaymentRow,
  saveBooks,
  type LoanBook,
} from './repayments.ts';
import { importJobAudit } from '../register/import/importJobAudit.ts';

/**
 * A bank's repayment file (issue 4 §5): CSV (UTF-8 or GB18030) or .xlsx, read by the
 * register import's readers, one row per payment. A dry run reports every problem by
 * row and field; a commit writes every row or none, each payment allocated by the same
 * `allocateOnto` as a repayment recorded by hand. Idempotent by the bank's transaction
 * id: a row already recorded with the same contract, date and amount is 'unchanged'.
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
const mapHeader = headerMapper<Column>(REPAYMENT_COLUMNS);
// Non-blank rows searched for the header (below any title rows).
const HEADER_SEARCH_ROWS = 5;
// Keys looked up per round trip.
const LOOKUP_BATCH = 500;
const MAX_TEXT = 64;
const MAX_NOTE = 200;

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

export const importRepayments = defineUseCase({
  name: 'loan.repayment-import',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: importInput,
  async run({ db, actor, now, audit }, input): Promise<ImportReport> {
    const tmp = await tempDir();
    try {
      const path = await input.source.toFile(tmp.dir, IMPORT_MAX_BYTES);
      const problems = new ProblemList(IMPORT_MAX_LISTED_ERRORS);
      const read = await readFile(path, problems);
      const rows: RepaymentTable[] = [];
      const books = new Map<string, LoanBook>();
      let unchanged = 0;
      if (read.rows.length) {
        ({ unchanged } = await checkAgainstLedger(
          db,
          actor,
          now,
          read.rows,
          problems,
          rows,
          books,
        ));
      }
      const commit = input.mode === 'commit' && problems.total === 0 && rows.length > 0;
      if (commit) await saveBooks(db, actor.regionCode, now, books.values(), rows);
      const report: ImportReport = {
        mode: input.mode,
        fileName: input.source.name,
        format: read.format,
        encoding: read.encoding,
        sha256: read.sha256,
        rows: read.rows.length,
        toInsert: rows.length,
        inserted: commit ? rows.length : 0,
        unchanged,
        committed: commit,
        errorCount: problems.total,
        errors: problems.sorted(),
        ignoredColumns: read.ignoredColumns,
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

const problemAt = (
  row: number,
  field: Column,
  code: string,
  zh: string,
  en: string,
): Parameters<ProblemList['add']>[0] => ({
  row,
  field,
  code,
  message_zh: `第 ${row} 行【${ZH[field]}】${zh}`,
  message_en: `Row ${row}, ${field}: ${en}`,
});

interface ReadResult {
  format: ImportReport['format'];
  encoding: ImportReport['encoding'];
  sha256: string;
  rows: FileRow[];
  ignoredColumns: string[];
}

/** Reads and checks every row's cells; duplicates of a transaction id within the file too. */
async function readFile(path: string, problems: ProblemList): Promise<ReadResult> {
  const result: ReadResult = {
    format: null,
    encoding: null,
    sha256: '',
    rows: [],
    ignoredColumns: [],
  };
  let size = 0;
  try {
    ({ format: result.format, encoding: result.encoding, size } = await sniffFile(path));
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    problems.add(err.toProblem());
    result.sha256 = await sha256Of(path);
    return result;
  }
  const tap = new FileTap();
  const sheet: AsyncGenerator<SheetRow> =
    result.format === 'csv' ? csvRows(path, result.encoding!, tap) : xlsxRows(path, tap);
  const txnRows = new Map<string, number>();
  let header: HeaderMap<Column> | null = null;
  let firstCandidate: HeaderMap<Column> | null = null;
  let scanned = 0;
  let stopped = false;
  try {
    for await (const { row, cells } of sheet) {
      if (isBlankRow(cells)) continue;
      if (!header) {
        // A title row above the header (某银行还款明细…) is skipped, as in the register import.
        const candidate = mapHeader(cells, row);
        firstCandidate ??= candidate;
        const known = Object.keys(candidate.index).length >= 3;
        if (!known && ++scanned < HEADER_SEARCH_ROWS) continue;
        header = known ? candidate : firstCandidate;
        result.ignoredColumns = header.ignored;
        if (header.problems.length) {
          header.problems.forEach((p) => problems.add(p));
          break;
        }
        continue;
      }
      result.rows.push(readRow(row, cells, header, txnRows, problems));
    }
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    problems.add(err.toProblem());
    stopped = true;
  }
  if (!header) {
    if (firstCandidate) firstCandidate.problems.forEach((p) => problems.add(p));
    else if (!stopped) {
      problems.add(
        new ImportFileError('empty_file', '文件为空', 'the file is empty', 1).toProblem(),
      );
    }
  } else if (!header.problems.length && result.rows.length === 0 && problems.total === 0) {
    problems.add(
      new ImportFileError(
        'no_rows',
        '文件只有表头，没有数据行',
        'the file has a header but no data rows',
        header.row + 1,
      ).toProblem(),
    );
  }
  result.sha256 = tap.bytes === size ? tap.sha256() : await sha256Of(path);
  return result;
}

function readRow(
  row: number,
  cells: readonly string[],
  header: HeaderMap<Column>,
  txnRows: Map<string, number>,
  problems: ProblemList,
): FileRow {
  const cell = (k: Column): string => {
    const i = header.index[k];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const out: FileRow = { row, ok: true };
  const bad = (field: Column, code: string, zh: string, en: string): void => {
    out.ok = false;
    problems.add(problemAt(row, field, code, zh, en));
  };
  const text = (field: 'contractNo' | 'bankTxnId'): string | undefined => {
    const v = cell(field);
    if (v === '') bad(field, 'required', '不能为空', 'is required');
    else if (v.length > MAX_TEXT) {
      bad(field, 'too_long', `不能超过${MAX_TEXT}个字符`, `must be at most ${MAX_TEXT} characters`);
    } else return v;
    return undefined;
  };
  const contractNo = text('contractNo');
  if (contractNo !== undefined) out.contractNo = contractNo;
  const txn = text('bankTxnId');
  if (txn !== undefined) {
    const first = txnRows.get(txn);
    if (first !== undefined) {
      bad(
        'bankTxnId',
        'duplicate_bank_txn',
        `交易流水号 ${txn} 与第 ${first} 行重复`,
        `transaction id ${txn} repeats row ${first}`,
      );
    } else {
      txnRows.set(txn, row);
      out.bankTxnId = txn;
    }
  }
  const rawDate = cell('paidOn');
  try {
    out.paidOn = parseIsoDate(isoDateOf(rawDate) ?? rawDate);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    bad(
      'paidOn',
      'invalid_date',
      `应为存在的日期（如 2017-04-20），实际为“${rawDate}”`,
      `must be an existing date such as 2017-04-20, got "${rawDate}"`,
    );
  }
  const rawAmount = cell('amount');
  try {
    const amount = yuanToFen(rawAmount);
    if (amount <= 0) {
      bad('amount', 'not_positive', '必须大于0元', 'must be more than 0 yuan');
    } else out.amount = amount;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    bad(
      'amount',
      'invalid_amount',
      `应为元，最多两位小数（如“364.17”），实际为“${rawAmount}”`,
      `must be yuan with at most 2 decimals (e.g. "364.17"), got "${rawAmount}"`,
    );
  }
  const note = cell('note');
  if (note.length > MAX_NOTE) {
    bad('note', 'too_long', `不能超过${MAX_NOTE}个字`, `must be at most ${MAX_NOTE} characters`);
  } else if (note !== '') out.note = note;
  return out;
}

/**
 * Matches the rows with the bank's loans and its earlier payments, and allocates every new
 * payment onto its loan in date order (file order within a day). Fills `rows` and `books`.
 */
async function checkAgainstLedger(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  fileRows: readonly FileRow[],
  problems: ProblemList,
  rows: RepaymentTable[],
  books: Map<string, LoanBook>,
): Promise<{ unchanged: number }> {
  const institution = actor.institutionId ?? '-';
  const loans = new Map<string, LoanTable>();
  const contracts = [...new Set(fileRows.flatMap((r) => (r.contractNo ? [r.contractNo] : [])))];
  for (let i = 0; i < contracts.length; i += LOOKUP_BATCH) {
    const found = await db
      .selectFrom('loans')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      // Another bank's contract reads exactly like an unknown one.
      .where('institution_id', '=', institution)
      .where('contract_no', 'in', contracts.slice(i, i + LOOKUP_BATCH))
      .execute();
    for (const l of found) loans.set(l.contract_no, l);
  }
  const recorded = new Map<string, { contractNo: string; paidOn: string; amount: number }>();
  const txns = fileRows.flatMap((r) => (r.bankTxnId ? [r.bankTxnId] : []));
  for (let i = 0; i < txns.length; i += LOOKUP_BATCH) {
    const found = await db
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
      .where('repayments.institution_id', '=', institution)
      .where('repayments.bank_txn_id', 'in', txns.slice(i, i + LOOKUP_BATCH))
      .execute();
    for (const r of found) {
      recorded.set(r.txn, { contractNo: r.contractNo, paidOn: r.paidOn, amount: Number(r.amount) });
    }
  }

  let unchanged = 0;
  const pending: (FileRow & { loan: LoanTable })[] = [];
  for (const r of fileRows) {
    const before = r.bankTxnId !== undefined ? recorded.get(r.bankTxnId) : undefined;
    if (before) {
      if (!r.ok) continue;
      if (
        before.contractNo === r.contractNo &&
        before.paidOn === r.paidOn &&
        before.amount === r.amount
      ) {
        unchanged++;
      } else {
        problems.add(
          problemAt(
            r.row,
            'bankTxnId',
            'bank_txn_conflict',
            `交易流水号 ${r.bankTxnId} 已登记为合同 ${before.contractNo}、${before.paidOn}、${(before.amount / 100).toFixed(2)} 元，与本行内容不同；已登记的还款不能被覆盖`,
            `transaction id ${r.bankTxnId} is already recorded as contract ${before.contractNo}, ${before.paidOn}, ${(before.amount / 100).toFixed(2)} yuan, which differs from this row; a recorded payment is never overwritten`,
          ),
        );
      }
      continue;
    }
    const loan = r.contractNo !== undefined ? loans.get(r.contractNo) : undefined;
    if (r.contractNo !== undefined && !loan) {
      problems.add(
        problemAt(
          r.row,
          'contractNo',
          'unknown_contract',
          `本行没有合同编号为 ${r.contractNo} 的贷款`,
          `your bank has no loan with contract number ${r.contractNo}`,
        ),
      );
      continue;
    }
    if (r.ok && loan) pending.push({ ...r, loan });
    else if (loan && r.paidOn !== undefined) {
      // A row with another bad cell is not allocated, but its date is still checked.
      const early = paidBeforeDisbursement(loan, r.paidOn);
      if (early) problems.add(problemAt(r.row, 'paidOn', early.code, early.zh, early.en));
    }
  }

  // Allocation follows the payment dates, whatever order the bank's file lists them in.
  pending.sort((a, b) => (a.paidOn! < b.paidOn! ? -1 : a.paidOn! > b.paidOn! ? 1 : a.row - b.row));
  for (const r of pending) {
    let book = books.get(r.loan.id);
    if (!book) {
      book = await loadBook(db, actor.regionCode, r.loan);
      books.set(r.loan.id, book);
    }
    const payment = {
      paidOn: r.paidOn!,
      amount: r.amount!,
      bankTxnId: r.bankTxnId!,
      note: r.note ?? null,
    };
    const allocated = allocateOnto(book, payment.paidOn, payment.amount);
    if ('refusal' in allocated) {
      const f = allocated.refusal;
      const field: Column = f.field === 'id' ? 'contractNo' : f.field;
      problems.add(problemAt(r.row, field, f.code, f.zh, f.en));
      continue;
    }
    rows.push(repaymentRow(actor, now, book, payment, allocated.split));
  }
  return { unchanged };
}
