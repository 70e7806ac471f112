import type { SettlementPeriod } from '../../core/settlement/period.ts';

/**
 * Helpers of the yearly articles (12, 20, 22): they pay once per settlement year, on a
 * year-end balance or a year's new guarantees, so a year is settled by the run whose
 * period contains its 31 December (a fourth quarter, a year, or a custom range).
 */

/** The years whose 31 December falls in the period. */
export function yearsEndingIn(period: SettlementPeriod): number[] {
  const out: number[] = [];
  for (let y = Number(period.from.slice(0, 4)); y <= Number(period.to.slice(0, 4)); y++) {
    const end = `${String(y)}-12-31`;
    if (end >= period.from && end <= period.to) out.push(y);
  }
  return out;
}

export const yearKey = (year: number): string => `${String(year)}-01-01..${String(year)}-12-31`;
