import { DomainError } from '../errors.ts';
import { fen, type Fen } from '../money.ts';

/**
 * Double-entry postings. An amount is signed fen: a debit is positive, a credit
 * negative, so an entry balances when its postings sum to zero and the whole ledger's
 * trial balance is zero by construction: every entry that reaches the store has passed
 * `balancedEntry`.
 */

export interface Posting {
  readonly account: string;
  /** Debit > 0, credit < 0, never 0. */
  readonly amount: Fen;
}

/** Checks an entry before it is posted: two or more non-zero postings summing to zero. */
export function balancedEntry(postings: readonly Posting[]): readonly Posting[] {
  if (postings.length < 2) {
    throw new DomainError({
      code: 'LEDGER_ENTRY_TOO_SHORT',
      message_zh: '记账分录至少需要一借一贷',
      message_en: 'An entry needs at least one debit and one credit',
    });
  }
  let sum = 0;
  for (const p of postings) {
    fen(p.amount, 'amount');
    if (p.amount === 0) {
      throw new DomainError({
        code: 'LEDGER_ZERO_POSTING',
        message_zh: `科目 ${p.account} 的记账金额为零`,
        message_en: `Posting to ${p.account} has a zero amount`,
      });
    }
    sum += p.amount;
  }
  if (sum !== 0) {
    throw new DomainError({
      code: 'LEDGER_UNBALANCED',
      message_zh: `借贷不平衡：差额 ${String(sum)} 分`,
      message_en: `Debits and credits differ by ${String(sum)} fen`,
    });
  }
  return postings;
}

/** Moves `amount` (> 0) from `from` (credited) to `to` (debited). */
export function transfer(from: string, to: string, amount: Fen): readonly Posting[] {
  return balancedEntry([
    { account: to, amount },
    { account: from, amount: -amount as Fen },
  ]);
}

/** Net signed balance per account. */
export function balancesOf(postings: Iterable<Posting>): Map<string, Fen> {
  const out = new Map<string, Fen>();
  for (const p of postings) out.set(p.account, ((out.get(p.account) ?? 0) + p.amount) as Fen);
  return out;
}
