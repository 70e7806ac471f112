import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { FileTap } from './fileTap.ts';
import { ImportFileError } from './problems.ts';
import { completeUtf8Length, type TextEncoding } from './sniff.ts';

/**
 * Longest CSV record accepted, in bytes. csv-parse refuses a longer one while reading it,
 * so a 10 MB cell costs 64 KiB of memory, not 10 MB, and stops the import clearly.
 */
export const MAX_RECORD_BYTES = 64 * 1024;

export interface SheetRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: string[];
}

/** A row with nothing but blanks (skipped by the imports, still counted for numbering). */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

class NotUtf8 extends Error {}

/** Passes UTF-8 bytes through unchanged, failing on the first invalid sequence. */
class Utf8Check extends Transform {
  private tail: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    if (!isUtf8(buf.subarray(0, cut))) return done(new NotUtf8());
    this.tail = Buffer.from(buf.subarray(cut));
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.tail.length ? new NotUtf8() : null);
  }
}

/**
 * A CSV file's records, streamed: bytes → tap (hash) → decoding (UTF-8 checked as is;
 * GB18030 re-encoded to UTF-8 strings) → csv-parse. Never holds the file in memory.
 */
export async function* csvRows(
  path: string,
  encoding: TextEncoding,
  tap: FileTap,
): AsyncGenerator<SheetRow> {
  const decode = encoding === 'utf-8' ? new Utf8Check() : iconv.decodeStream('gb18030');
  const parser = parse({
    bom: true,
    relax_column_count: true,
    // Empty lines are still rows: row numbers match what a spreadsheet shows.
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  // Errors anywhere in the chain destroy the parser with that error, which the loop rethrows.
  pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), tap, decode, parser, () => {});
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells };
    }
  } catch (err) {
    // Records parsed but not yet consumed are dropped with the error, so the parser's own
    // count says where it stopped, not ours.
    throw fileErrorOf(err, parser.info.records + 1);
  }
}

function fileErrorOf(err: unknown, approxRow: number): unknown {
  let row = approxRow;
  if (err instanceof NotUtf8) {
    return new ImportFileError(
      'encoding_error',
      '在此行附近有不是 UTF-8 编码的字节；请把整个文件保存为 UTF-8 或 GBK 编码后重新导入',
      'around this row the file has bytes that are not UTF-8; save the whole file as UTF-8 or GBK and import again',
      row,
    );
  }
  if (err instanceof CsvError) {
    const at = (err as CsvError & { records?: number }).records;
    if (at !== undefined) row = at + 1;
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      return new ImportFileError(
        'record_too_large',
        `该行内容超过 ${MAX_RECORD_BYTES / 1024} KB，已拒绝整个文件；请检查该行是否有异常的超长单元格`,
        `the row is longer than ${MAX_RECORD_BYTES / 1024} KB, so the file is refused; check it for an oversized cell`,
        row,
      );
    }
    return new ImportFileError(
      'csv_syntax',
      `CSV 格式错误（${err.code}），通常是引号不成对；请在 Excel 中重新另存为 CSV`,
      `not valid CSV (${err.code}), usually an unbalanced quote; save the file as CSV again from Excel`,
      row,
    );
  }
  return err;
}
