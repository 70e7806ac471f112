import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { CellValue } from 'exceljs';
import type { SheetRow } from './csvRows.ts';
import type { FileTap } from './fileTap.ts';
import { ImportFileError } from './problems.ts';
import { completeUtf8Length } from './sniff.ts';

/**
 * The first worksheet's rows, through exceljs's streaming reader (rows are emitted as the
 * zip is inflated, not after loading the workbook). Other worksheets are skipped.
 */
export async function* xlsxRows(path: string, tap: FileTap): AsyncGenerator<SheetRow> {
  // Loaded on first use: exceljs costs ~20 MB that a CSV import does not need.
  const { default: ExcelJS } = await import('exceljs');
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const input = file.pipe(tap);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell date cells from numbers; hyperlinks and the rest are not needed.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  mendChunkDecoding(reader);
  let first = true;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!first) continue;
        const values = row.values as CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { row: row.number, cells };
      }
      first = false;
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(
      'unreadable_xlsx',
      '无法读取该 .xlsx 文件（文件损坏或不是 Excel 工作簿）',
      'cannot read this .xlsx file (damaged, or not an Excel workbook)',
      1,
    );
  } finally {
    // A caller that stops early (a bad header) must not leave the file open.
    file.destroy();
  }
}

/**
 * A cell as the text a CSV export would hold. An 18-digit resident ID typed as a number
 * has already lost its last digits inside Excel: it becomes "5.00232E+17" so the resident
 * ID check explains what happened instead of reporting a wrong check digit.
 */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
      return v.toExponential(5).toUpperCase();
    }
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return String(v.text);
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined) return '';
    return typeof result === 'object' && !(result instanceof Date)
      ? result.error
      : cellText(result);
  }
  if ('error' in v) return v.error;
  return '';
}

/**
 * exceljs 4.4.0's streaming reader decodes every inflated chunk of the sheet and shared
 * strings XML on its own, so a Chinese character split between two chunks becomes U+FFFD
 * (exceljs issues #2063, #2084; fixes unmerged). Its parser is handed chunks cut at
 * character boundaries instead: shared strings as an already-decoded string stream, sheets
 * through `wholeCharacters`.
 */
function mendChunkDecoding(reader: object): void {
  const r = reader as {
    _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
    _parseWorksheet(chunks: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
  };
  const parseSharedStrings = r._parseSharedStrings.bind(reader);
  const parseWorksheet = r._parseWorksheet.bind(reader);
  r._parseSharedStrings = (entry) => parseSharedStrings(entry.setEncoding('utf8'));
  r._parseWorksheet = (chunks, sheetNo) => parseWorksheet(wholeCharacters(chunks), sheetNo);
}

/** The same bytes, re-chunked so no chunk ends inside a UTF-8 sequence. */
export async function* wholeCharacters(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let tail: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const buf = tail.length ? Buffer.concat([tail, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    if (cut > 0) yield buf.subarray(0, cut);
    tail = Buffer.from(buf.subarray(cut));
  }
  if (tail.length) yield tail;
}
