import { parseIsoDate, type IsoDate } from '../../core/calendarDate.ts';
import { DomainError } from '../../core/errors.ts';
import { yuanToFen, type Fen } from '../../core/money.ts';
import { headerMapper, type ColumnSpec, type HeaderMap } from '../register/import/columns.ts';
import { csvRows, isBlankRow, type SheetRow } from '../register/import/csvRows.ts';
import { FileTap, sha256Of } from '../register/import/fileTap.ts';
import { isoDateOf } from '../register/import/parseRow.ts';
import {
  addFileShapeProblems,
  ImportFileError,
  type ProblemList,
} from '../register/import/problems.ts';
import { sniffFile, type ImportFormat, type TextEncoding } from '../register/import/sniff.ts';
import { xlsxRows } from '../register/import/xlsxRows.ts';

/**
 * The files banks send (repayment files, loan ledgers) read through the register
 * import's sniffing and streaming readers: title rows above the header skipped, the
 * header mapped by the template's columns, data rows handed over in batches so a
 * 3,000,000-row file never sits in memory. Cells are parsed by the helpers below, each
 * problem named by row and field in both languages.
 */

// Non-blank rows searched for the header (below any title rows).
const HEADER_SEARCH_ROWS = 5;

export interface BankFileInfo {
  format: ImportFormat | null;
  encoding: TextEncoding | null;
  sha256: string;
  /** Data rows read (blank rows skipped). */
  rows: number;
  ignoredColumns: string[];
}

/** One data row: its spreadsheet row number and a reader of its trimmed cells by column. */
export interface BankRow<K extends string> {
  row: number;
  cell(key: K): string;
}

/**
 * Reads the file at `path` and calls `onBatch` with up to `batchSize` data rows at a
 * time, in file order. File-level problems (unreadable, no header, no rows) go into
 * `problems`; the rows' own problems are the caller's.
 */
export async function readBankFile<K extends string>(
  path: string,
  columns: readonly ColumnSpec<K>[],
  problems: ProblemList,
  batchSize: number,
  onBatch: (rows: BankRow<K>[]) => Promise<void>,
): Promise<BankFileInfo> {
  const info: BankFileInfo = {
    format: null,
    encoding: null,
    sha256: '',
    rows: 0,
    ignoredColumns: [],
  };
  let size = 0;
  try {
    ({ format: info.format, encoding: info.encoding, size } = await sniffFile(path));
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    problems.add(err.toProblem());
    info.sha256 = await sha256Of(path);
    return info;
  }
  const mapHeader = headerMapper<K>(columns);
  const tap = new FileTap();
  const sheet: AsyncGenerator<SheetRow> =
    info.format === 'csv' ? csvRows(path, info.encoding!, tap) : xlsxRows(path, tap);
  let header: HeaderMap<K> | null = null;
  let firstCandidate: HeaderMap<K> | null = null;
  let scanned = 0;
  let stopped = false;
  let batch: BankRow<K>[] = [];
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
        info.ignoredColumns = header.ignored;
        if (header.problems.length) {
          header.problems.forEach((p) => problems.add(p));
          break;
        }
        continue;
      }
      const index = header.index;
      info.rows++;
      batch.push({
        row,
        cell: (k) => {
          const i = index[k];
          return i === undefined ? '' : (cells[i] ?? '').trim();
        },
      });
      if (batch.length >= batchSize) {
        await onBatch(batch);
        batch = [];
      }
    }
    if (batch.length) await onBatch(batch);
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    problems.add(err.toProblem());
    stopped = true;
  }
  addFileShapeProblems(problems, {
    header,
    firstCandidate,
    stopped,
    rows: info.rows,
    headerRow: header?.row ?? 1,
  });
  // The tap saw every byte unless reading stopped early (a bad header, a refused row).
  info.sha256 = tap.bytes === size ? tap.sha256() : await sha256Of(path);
  return info;
}

/** Reports a problem with one cell; the caller's template knows the column's Chinese name. */
export type CellProblem = (field: string, code: string, zh: string, en: string) => void;

/** A row's problem as the import report lists it: row and field in both languages. */
export function rowProblem(
  row: number,
  field: string,
  fieldZh: string,
  code: string,
  zh: string,
  en: string,
): Parameters<ProblemList['add']>[0] {
  return {
    row,
    field,
    code,
    message_zh: `第 ${row} 行【${fieldZh}】${zh}`,
    message_en: `Row ${row}, ${field}: ${en}`,
  };
}

/** A date cell ('2017-04-20', '2017/4/20', '2017年4月20日', '20170420', an Excel date). */
export function dateCell(raw: string, field: string, bad: CellProblem): IsoDate | undefined {
  try {
    return parseIsoDate(isoDateOf(raw) ?? raw);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    bad(
      field,
      'invalid_date',
      `应为存在的日期（如 2017-04-20），实际为“${raw}”`,
      `must be an existing date such as 2017-04-20, got "${raw}"`,
    );
    return undefined;
  }
}

/** A yuan cell with at most two decimals, as fen; `positive` refuses 0 as well. */
export function yuanCell(
  raw: string,
  field: string,
  bad: CellProblem,
  positive: boolean,
): Fen | undefined {
  try {
    const amount = yuanToFen(raw);
    if (positive ? amount <= 0 : amount < 0) {
      if (positive) bad(field, 'not_positive', '必须大于0元', 'must be more than 0 yuan');
      else bad(field, 'negative', '不能为负数', 'must not be negative');
      return undefined;
    }
    return amount;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    bad(
      field,
      'invalid_amount',
      `应为元，最多两位小数（如“364.17”），实际为“${raw}”`,
      `must be yuan with at most 2 decimals (e.g. "364.17"), got "${raw}"`,
    );
    return undefined;
  }
}

/** A required text cell of at most `max` characters. */
export function textCell(
  raw: string,
  field: string,
  bad: CellProblem,
  max: number,
): string | undefined {
  if (raw === '') bad(field, 'required', '不能为空', 'is required');
  else if (raw.length > max) {
    bad(field, 'too_long', `不能超过${max}个字符`, `must be at most ${max} characters`);
  } else return raw;
  return undefined;
}
