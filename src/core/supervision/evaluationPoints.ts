import { DomainError } from '../errors.ts';

/** Points of the art. 35 evaluation, exact: integer hundredths ('12.5' → 1250), never floats. */

/** Hundredths of a point. */
export type Centipoints = number & { readonly __brand: 'Centipoints' };

const POINTS = /^(\d{1,5})(?:\.(\d{1,2}))?$/;

/** '12.5' → 1250; anything but a non-negative number with at most two decimals is refused. */
export function parsePoints(text: string, field: string): Centipoints {
  const m = POINTS.exec(text.trim());
  if (!m) {
    throw new DomainError({
      code: 'POINTS_FORMAT',
      message_zh: `分值应为非负数，最多两位小数，实际为“${text.slice(0, 20)}”`,
      message_en: `Points are a non-negative number with at most 2 decimals, got "${text.slice(0, 20)}"`,
      field,
    });
  }
  return (Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))) as Centipoints;
}

export function formatPoints(p: Centipoints): string {
  const sign = p < 0 ? '-' : '';
  const a = Math.abs(p);
  return `${sign}${String(Math.trunc(a / 100))}.${String(a % 100).padStart(2, '0')}`;
}
