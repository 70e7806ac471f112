import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { DomainError } from '../../core/errors.ts';

/**
 * Reads a YAML or JSON file a user hands to `jinfu policy` (JSON is YAML, so one
 * parser reads both). Problems become DomainErrors naming the file (and line), so the
 * CLI can print them in both languages and compute nothing.
 */
export function readDataFile(path: string, field = 'file'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DomainError({
      code: 'FILE_UNREADABLE',
      message_zh: `无法读取文件 ${path}：${reason}`,
      message_en: `Cannot read ${path}: ${reason}`,
      field,
    });
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const err = doc.errors[0];
  if (err !== undefined) {
    const pos = err.linePos?.[0];
    const where = pos === undefined ? '' : ` (line ${String(pos.line)}, column ${String(pos.col)})`;
    const msg = (err.message.split('\n')[0] ?? err.message).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    throw new DomainError({
      code: 'FILE_MALFORMED',
      message_zh: `文件 ${path} 格式错误${where}：${msg}`,
      message_en: `Malformed file ${path}${where}: ${msg}`,
      field,
    });
  }
  return doc.toJS();
}
