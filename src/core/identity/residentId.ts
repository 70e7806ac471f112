/**
 * Resident identity card numbers (GB 11643-1999): 6-digit address code, 8-digit birth
 * date, 3-digit sequence, and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdProblem = 'format' | 'birth_date' | 'checksum';

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Returns null for a valid number, otherwise what is wrong with it. */
export function residentIdProblem(value: string): ResidentIdProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!isCalendarDate(value.slice(6, 14))) return 'birth_date';
  return residentIdCheckChar(value.slice(0, 17)) === value[17] ? null : 'checksum';
}

/** Birth date as 'YYYY-MM-DD' (only meaningful for a valid number). */
export function residentIdBirthDate(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}
