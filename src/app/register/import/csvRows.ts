import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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
 * GB18030 re-encoded to UTF-8 strings) → records. Never holds the file in memory.
 *
 * Lines without a quote character are split on commas here, which is what csv-parse makes
 * of them, at a fraction of its cost (a register export has no quotes at all). From the
 * first line that holds a quote, a lone CR, or more than FAST_LINE_CHARS characters, the
 * rest of the file goes through csv-parse, so quoting, errors and row numbers are its own.
 */
export async function* csvRows(
  path: string,
  encoding: TextEncoding,
  tap: FileTap,
): AsyncGenerator<SheetRow> {
  const decode = encoding === 'utf-8' ? new Utf8Check() : iconv.decodeStream('gb18030');
  // Errors anywhere in the chain destroy the last stream with that error, which the loop rethrows.
  const text = pipeline(
    createReadStream(path, { highWaterMark: 1 << 20 }),
    tap,
    decode,
    () => {},
  ) as Transform;
  const chunks = (text as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const utf8 = encoding === 'utf-8' ? new StringDecoder('utf8') : null;
  let row = 0;
  let pending = '';
  let atStart = true;
  // The record delimiter, found as csv-parse finds it: the first line end in the file.
  let delimiter: '\n' | '\r\n' | null = null;
  let handOff = false;
  try {
    yield* fastPart();
    if (handOff) yield* parsedRest();
  } finally {
    // Also when the caller stops early (a bad header): close the file.
    text.destroy();
  }

  async function* fastPart(): AsyncGenerator<SheetRow> {
    try {
      for (;;) {
        const next = await chunks.next();
        if (next.done) {
          if (utf8) pending += utf8.end();
          break;
        }
        pending += typeof next.value === 'string' ? next.value : utf8!.write(next.value);
        if (atStart && pending.length > 0) {
          atStart = false;
          if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
        }
        if (delimiter === null) {
          const end = pending.search(/[\r\n]/);
          const quote = pending.indexOf('"');
          // A quote before the first line end: csv-parse finds the delimiter past it.
          if (quote !== -1 && (end === -1 || quote < end)) handOff = true;
          else if (end === -1 || (pending[end] === '\r' && end === pending.length - 1)) {
            if (pending.length > FAST_LINE_CHARS) handOff = true;
            else continue;
          } else if (pending[end] === '\n') delimiter = '\n';
          else if (pending[end + 1] === '\n') delimiter = '\r\n';
          else handOff = true; // CR alone: rare, left to csv-parse
        }
        if (handOff) break;
        const quote = pending.indexOf('"');
        let start = 0;
        for (;;) {
          const end = pending.indexOf(delimiter!, start);
          const stop = end === -1 ? pending.length : end;
          if (
            (quote !== -1 && quote < stop + delimiter!.length) ||
            stop - start > FAST_LINE_CHARS ||
            (delimiter === '\n' ? false : hasLoneCr(pending, start, stop))
          ) {
            handOff = true;
            break;
          }
          if (end === -1) break;
          row++;
          yield { row, cells: pending.slice(start, end).split(',') };
          start = end + delimiter!.length;
        }
        pending = pending.slice(start);
        if (handOff) break;
      }
      if (!handOff) {
        // The last record may lack a line end.
        if (pending !== '') {
          if (pending.includes('"') || pending.length > FAST_LINE_CHARS || pending.includes('\r')) {
            handOff = true;
          } else {
            row++;
            yield { row, cells: pending.split(',') };
          }
        }
      }
    } catch (err) {
      throw fileErrorOf(err, row + 1, 0);
    }
  }

  // The rest of the file, from the start of the line that needs it, through csv-parse.
  async function* parsedRest(): AsyncGenerator<SheetRow> {
    const offset = row;
    const parser = parse({
      bom: false,
      relax_column_count: true,
      // Empty lines are still rows: row numbers match what a spreadsheet shows.
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_BYTES,
      ...(delimiter ? { record_delimiter: delimiter } : {}),
    });
    const rest = async function* (): AsyncGenerator<string> {
      yield pending;
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        yield typeof next.value === 'string' ? next.value : utf8!.write(next.value);
      }
      if (utf8) yield utf8.end();
    };
    pipeline(Readable.from(rest()), parser, () => {});
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        row++;
        yield { row, cells };
      }
    } catch (err) {
      // Records parsed but not yet consumed are dropped with the error, so the parser's own
      // count says where it stopped, not ours.
      throw fileErrorOf(err, offset + parser.info.records + 1, offset);
    }
  }
}

// Longest line split here; a longer one goes to csv-parse, which refuses it past
// MAX_RECORD_BYTES with its own error.
const FAST_LINE_CHARS = 8 * 1024;

function hasLoneCr(s: string, from: number, to: number): boolean {
  for (let i = s.indexOf('\r', from); i !== -1 && i < to; i = s.indexOf('\r', i + 1)) {
    if (s[i + 1] !== '\n') return true;
  }
  return false;
}

function fileErrorOf(err: unknown, approxRow: number, offset: number): unknown {
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
    if (at !== undefined) row = offset + at + 1;
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
