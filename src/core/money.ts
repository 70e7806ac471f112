import { DomainError } from './errors.ts';
import { parseRate, type Rate } from './rate.ts';

/**
 * An amount of money in integer fen (分, 0.01 CNY). Every stored, computed or
 * displayed amount is a Fen, so no operation can ever yield a fraction of a fen;
 * fractions only exist inside accrual arithmetic and are resolved by a named
 * rounding rule (rounding.ts).
 */
export type Fen = number & { readonly __brand: 'Fen' };

export const ZERO_FEN = 0 as Fen;

/** Checks that `n` is a safe integer count of fen. */
export function fen(n: number, field = 'amount'): Fen {
  if (!Number.isSafeInteger(n)) {
    throw new DomainError({
      code: 'MONEY_NOT_INTEGER_FEN',
      message_zh: `金额必须是整数分（且在安全整数范围内），实际为 ${String(n)}`,
      message_en: `Amount must be a safe integer number of fen, got ${String(n)}`,
      field,
    });
  }
  return n as Fen;
}

const YUAN_TEXT = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan amount such as '50000', '364.17', '-12.5'. Rejects more than two
 * decimals, thousands separators, exponents, blanks and anything that is not a plain
 * decimal, because an amount that needs guessing must not enter the ledger. A YAML
 * number is accepted through its shortest decimal text (50000 → '50000').
 */
export function yuanToFen(text: string | number, field = 'amount'): Fen {
  const s = typeof text === 'number' ? String(text) : text;
  const m = YUAN_TEXT.exec(s);
  if (m === null) {
    throw new DomainError({
      code: 'MONEY_INVALID_YUAN',
      message_zh: `金额格式无效：“${s}”（应为元，最多两位小数，如“364.17”）`,
      message_en: `Invalid yuan amount "${s}" (expected yuan with at most 2 decimals, e.g. "364.17")`,
      field,
    });
  }
  const value = BigInt(m[2] ?? '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  const signed = m[1] === '-' ? -value : value;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError({
      code: 'MONEY_OUT_OF_RANGE',
      message_zh: `金额超出可精确表示的范围：“${s}”`,
      message_en: `Amount "${s}" is outside the exactly representable range`,
      field,
    });
  }
  // Normalise -0 so that '-0.00' and '0' are the same amount.
  return fen(Number(signed) + 0, field);
}

/** '364.17', '-0.05', '50000.00': always two decimals, no separators. */
export function fenToYuanString(amount: Fen): string {
  const neg = amount < 0;
  const abs = Math.abs(amount);
  const yuan = Math.trunc(abs / 100);
  const cents = abs - yuan * 100;
  return `${neg ? '-' : ''}${String(yuan)}.${String(cents).padStart(2, '0')}`;
}

export function addFen(a: Fen, b: Fen): Fen {
  return fen(a + b);
}

export function subFen(a: Fen, b: Fen): Fen {
  return fen(a - b);
}

export function negFen(a: Fen): Fen {
  return (0 - a) as Fen;
}

export function absFen(a: Fen): Fen {
  return Math.abs(a) as Fen;
}

export function sumFen(amounts: Iterable<Fen>): Fen {
  let total = 0;
  for (const a of amounts) total += a;
  return fen(total);
}

/** amount × an integer count (e.g. 2 ATMs × 10,000 CNY, art. 6). */
export function mulFenByCount(amount: Fen, count: number): Fen {
  if (!Number.isSafeInteger(count)) {
    throw new DomainError({
      code: 'COUNT_NOT_INTEGER',
      message_zh: `数量必须是整数，实际为 ${String(count)}`,
      message_en: `Count must be an integer, got ${String(count)}`,
      field: 'count',
    });
  }
  return fen(amount * count);
}

export function compareFen(a: Fen, b: Fen): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minFen(first: Fen, ...rest: readonly Fen[]): Fen {
  let m = first;
  for (const a of rest) if (a < m) m = a;
  return m;
}

export function maxFen(first: Fen, ...rest: readonly Fen[]): Fen {
  let m = first;
  for (const a of rest) if (a > m) m = a;
  return m;
}

/**
 * Splits `total` in proportion to `shares` so that the parts always add up to
 * `total` exactly (largest-remainder method).
 *
 * Shares are relative weights (Rates, or decimal strings parsed like rates); they
 * need not add up to 100. To take 35 % + 35 % of a premium and leave the insured the
 * rest, pass [35, 35, 30]. Each part first gets floor(total × share / Σshares); the
 * fen left over go one each to the parts with the largest remainders, and among equal
 * remainders to the earlier part, so the result depends only on the inputs' order.
 * A negative total is split as its absolute value and negated.
 */
export function splitByShares(total: Fen, shares: readonly (Rate | string)[]): Fen[] {
  fen(total, 'total');
  if (shares.length === 0) {
    throw new DomainError({
      code: 'SPLIT_NO_SHARES',
      message_zh: '分摊比例不能为空',
      message_en: 'At least one share is required',
      field: 'shares',
    });
  }
  const weights = shares.map((s, i) => {
    const w = typeof s === 'string' ? parseRate(s, `shares[${String(i)}]`) : s;
    if (w < 0) {
      throw new DomainError({
        code: 'SPLIT_NEGATIVE_SHARE',
        message_zh: '分摊比例不能为负数',
        message_en: 'Shares must not be negative',
        field: `shares[${String(i)}]`,
      });
    }
    return BigInt(w);
  });
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    throw new DomainError({
      code: 'SPLIT_ZERO_SHARES',
      message_zh: '分摊比例之和不能为零',
      message_en: 'Shares must not all be zero',
      field: 'shares',
    });
  }
  const sign = total < 0 ? -1 : 1;
  const abs = BigInt(Math.abs(total));
  const parts = weights.map((w) => (abs * w) / sum);
  const remainders = weights.map((w) => (abs * w) % sum);
  let left = Number(abs - parts.reduce((a, b) => a + b, 0n));
  // Stable order: largest remainder first, then earlier index.
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1;
  }
  return parts.map((p) => (sign * Number(p) + 0) as Fen);
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const IN_GROUP = ['', '拾', '佰', '仟'] as const;
const GROUPS = ['', '万', '亿', '万亿'] as const;

/**
 * 大写金额 as written on Chinese vouchers (中国人民银行《正确填写票据和结算凭证的基本规定》):
 *   32000.00 → 叁万贰仟元整; 364.17 → 叁佰陆拾肆元壹角柒分; 1409.50 → 壹仟肆佰零玖元伍角;
 *   6007.14 → 陆仟零柒元壹角肆分; 16409.02 → 壹万陆仟肆佰零玖元零贰分; 0.05 → 伍分.
 * Choices where the rules allow two forms: one 零 for a run of zeros; no 零 when the
 * zero is at the 万/元 position and the next digit is not zero (107000.53 →
 * 壹拾万柒仟元伍角叁分, 1680.32 → 壹仟陆佰捌拾元叁角贰分); 整 only after 元, none after 角;
 * 拾 always with its digit (壹拾元整). Negative amounts are prefixed with 负.
 */
export function chineseCapital(amount: Fen): string {
  fen(amount);
  if (amount === 0) return '零元整';
  const neg = amount < 0;
  const abs = Math.abs(amount);
  const yuan = Math.trunc(abs / 100);
  const jiao = Math.trunc((abs % 100) / 10);
  const fenDigit = abs % 10;

  let out = '';
  if (yuan > 0) {
    const digits = String(yuan);
    let zeroPending = false;
    let groupHasDigit = false;
    for (let k = 0; k < digits.length; k++) {
      const d = digits.charCodeAt(k) - 48;
      const pos = digits.length - 1 - k;
      if (d === 0) {
        zeroPending = out.length > 0;
      } else {
        if (zeroPending) out += '零';
        zeroPending = false;
        out += `${DIGITS[d] ?? ''}${IN_GROUP[pos % 4] ?? ''}`;
        groupHasDigit = true;
      }
      if (pos % 4 === 0) {
        if (groupHasDigit) {
          out += GROUPS[pos / 4] ?? '';
          // A zero at the 万/亿 position is not written when the next digit is not
          // zero; a zero further down still is (zeroPending is set again there).
          zeroPending = false;
        }
        groupHasDigit = false;
      }
    }
    out += '元';
  }
  if (jiao === 0 && fenDigit === 0) return `${neg ? '负' : ''}${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao] ?? ''}角`;
  else if (yuan > 0) out += '零';
  if (fenDigit > 0) out += `${DIGITS[fenDigit] ?? ''}分`;
  return `${neg ? '负' : ''}${out}`;
}
