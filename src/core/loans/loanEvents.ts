import { addMonthsClamped, type IsoDate } from '../calendarDate.ts';

/**
 * Loan events (ADR 0008): each changes a disbursed loan from its date forward and is
 * kept with its before and after; none edits history.
 *  - extension 展期 and renewal 续贷 of a poor household's arrears that are not malicious
 *    (art. 32: 剔除主观恶意欠款不还 … 可予以贷款展期或延长贷款期限);
 *  - additional loan 追加贷款 (art. 32: 通过追加贷款可以渡过难关的);
 *  - write-off 核销 and recovery after write-off 核销后收回 (art. 30).
 */
export const LOAN_EVENT_KINDS = [
  'extension',
  'renewal',
  'additional-loan',
  'write-off',
  'recovery',
] as const;
export type LoanEventKind = (typeof LOAN_EVENT_KINDS)[number];

export const LOAN_EVENT_NAMES_ZH: Readonly<Record<LoanEventKind, string>> = {
  extension: '展期',
  renewal: '续贷',
  'additional-loan': '追加贷款',
  'write-off': '核销',
  recovery: '核销后收回',
};

/** The events that re-schedule the loan's remaining principal from their date. */
export const RESCHEDULING_EVENTS: readonly LoanEventKind[] = [
  'extension',
  'renewal',
  'additional-loan',
];

/**
 * The longest an extension may push maturity, in total over all extensions (《贷款通则》
 * art. 12): a short-term loan (≤ 12 months) by its original term, a medium-term loan
 * (≤ 5 years) by half its original term (rounded down to whole months), a long-term loan
 * by 3 years.
 */
export function maxExtensionMonths(originalTermMonths: number): number {
  if (originalTermMonths <= 12) return originalTermMonths;
  if (originalTermMonths <= 60) return Math.floor(originalTermMonths / 2);
  return 36;
}

/** The latest maturity extensions may reach: the original maturity + the limit above. */
export function latestExtendedMaturity(disbursedOn: IsoDate, originalTermMonths: number): IsoDate {
  return addMonthsClamped(disbursedOn, originalTermMonths + maxExtensionMonths(originalTermMonths));
}
