import { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * Custom zod messages carry both languages; `bilingual` packs them and
 * `toAppError` unpacks them, so schemas stay the single place that says what is wrong.
 */
export function bilingual(zh: string, en: string): string {
  return JSON.stringify({ zh, en });
}

const GENERIC: Record<string, { zh: string; en: string }> = {
  invalid_type: { zh: '缺失或类型错误', en: 'is missing or of the wrong type' },
  too_small: { zh: '太小或太短', en: 'is too small or too short' },
  too_big: { zh: '太大或太长', en: 'is too large or too long' },
  invalid_format: { zh: '格式不正确', en: 'has an invalid format' },
  invalid_value: { zh: '不是允许的取值', en: 'is not one of the allowed values' },
  unrecognized_keys: { zh: '含有不认识的字段', en: 'has unknown fields' },
};

function unpack(issue: z.core.$ZodIssue): { zh: string; en: string } | null {
  try {
    const parsed = JSON.parse(issue.message) as { zh?: unknown; en?: unknown };
    if (typeof parsed.zh === 'string' && typeof parsed.en === 'string') {
      return { zh: parsed.zh, en: parsed.en };
    }
  } catch {
    // not one of ours: fall through to the generic wording
  }
  return null;
}

export function zodIssueToAppError(issue: z.core.$ZodIssue, row?: number): AppError {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0] ?? '');
  const field = path.join('.') || '(input)';
  const own = unpack(issue);
  const generic = GENERIC[issue.code] ?? { zh: '无效', en: 'is invalid' };
  const rowZh = row === undefined ? '' : `第 ${row} 行 `;
  const rowEn = row === undefined ? '' : `Row ${row}: `;
  return new AppError(
    'invalid',
    'invalid_input',
    own ? `${rowZh}${field}：${own.zh}` : `${rowZh}字段 ${field} ${generic.zh}`,
    own ? `${rowEn}${field}: ${own.en}` : `${rowEn}field ${field} ${generic.en}`,
    field,
    row,
  );
}

export function parseInput<T>(schema: z.ZodType<T>, raw: unknown, row?: number): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw zodIssueToAppError(result.error.issues[0]!, row);
  const nul = pathOfNul(result.data);
  if (nul) {
    const issue = { code: 'custom', path: nul, input: undefined, message: NUL_MESSAGE };
    throw zodIssueToAppError(issue as z.core.$ZodIssue, row);
  }
  return result.data;
}

const NUL_MESSAGE = bilingual('不能包含空字符（\\0）', 'must not contain NUL characters (\\0)');

/**
 * PostgreSQL text cannot hold U+0000 (SQLite can): refuse it for every input alike,
 * rather than answering 500 on one dialect and "not found" on the other. Only plain
 * objects and arrays are walked (never a stream or other class instance in an input).
 */
function pathOfNul(value: unknown): (string | number)[] | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  const seen = new Set<object>();
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v) && !seen.has(v)) {
      seen.add(v);
      v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    } else if (isPlainObject(v) && !seen.has(v)) {
      seen.add(v);
      for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
    }
  }
  return null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Paging shared by every list: 1-based page, at most 200 rows. */
export const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
