import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { ImportFileError } from './problems.ts';

export type ImportFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'gb18030';

const SNIFF_BYTES = 64 * 1024;

/**
 * What the file is, from its bytes rather than its name or content type: .xlsx is a zip;
 * CSV is UTF-8 (with or without BOM) when its first 64 KiB are valid UTF-8, else GB18030
 * (the superset of the GBK that Chinese Excel saves CSV in). Chinese headers make the
 * first line decisive; a later invalid byte is reported, not silently re-decoded.
 */
export async function sniffFile(
  path: string,
): Promise<{ format: ImportFormat; encoding: TextEncoding | null; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      return { format: 'xlsx', encoding: null, size };
    }
    if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
      throw new ImportFileError(
        'unsupported_format',
        '不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入',
        'old Excel (.xls) files are not supported; save as .xlsx or CSV in Excel and import that',
        1,
      );
    }
    const text = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    if (text.toString('latin1').trim() === '') {
      throw new ImportFileError('empty_file', '文件为空', 'the file is empty', 1);
    }
    const complete = text.length < size ? text.subarray(0, completeUtf8Length(text)) : text;
    return { format: 'csv', encoding: isUtf8(complete) ? 'utf-8' : 'gb18030', size };
  } finally {
    await handle.close();
  }
}

/** Length of `buf` without a multi-byte UTF-8 sequence cut off at its end. */
export function completeUtf8Length(buf: Uint8Array): number {
  const len = buf.length;
  for (let i = len - 1; i >= Math.max(0, len - 4); i--) {
    const b = buf[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (b < 0x80) return len;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return len - i < need ? i : len;
  }
  return len;
}
