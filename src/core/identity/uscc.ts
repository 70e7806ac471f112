/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a
 * 31-character alphabet without I, O, Z, S, V; the last is a MOD 31 check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type UsccProblem = 'format' | 'checksum';

export function usccProblem(value: string): UsccProblem | null {
  if (!/^[0-9A-HJ-NPQRTUW-Y]{18}$/.test(value)) return 'format';
  return usccCheckChar(value.slice(0, 17)) === value[17] ? null : 'checksum';
}
