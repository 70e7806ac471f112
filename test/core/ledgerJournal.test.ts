import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.ts';
import {
  balancedEntry,
  balancesOf,
  transfer,
  type Posting,
} from '../../src/core/ledger/journal.ts';
import type { Fen } from '../../src/core/money.ts';

/** Non-zero postings that sum to zero: n random amounts and the one that balances them. */
const balanced = fc
  .array(
    fc.record({
      account: fc.constantFrom('fund.a', 'fund.b', 'source.x', 'expense.y', 'payable.z'),
      amount: fc.integer({ min: -1e12, max: 1e12 }).filter((n) => n !== 0),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .filter((ps) => ps.reduce((s, p) => s + p.amount, 0) !== 0)
  .map((ps): Posting[] => [
    ...(ps as Posting[]),
    { account: 'fund.a', amount: -ps.reduce((s, p) => s + p.amount, 0) as Fen },
  ]);

describe('double-entry postings', () => {
  it('accepts any entry whose postings sum to zero, and the balances then sum to zero', () => {
    fc.assert(
      fc.property(fc.array(balanced, { minLength: 1, maxLength: 10 }), (entries) => {
        for (const e of entries) expect(balancedEntry(e)).toBe(e);
        const balances = balancesOf(entries.flat());
        expect([...balances.values()].reduce((s, v) => s + v, 0)).toBe(0);
      }),
    );
  });

  it('refuses an entry that is off by any amount, naming the difference', () => {
    fc.assert(
      fc.property(
        balanced,
        fc.integer({ min: -1e9, max: 1e9 }).filter((d) => d !== 0),
        (e, d) => {
          const off = [...e.slice(0, -1), { ...e.at(-1)!, amount: (e.at(-1)!.amount + d) as Fen }];
          if (off.some((p) => p.amount === 0)) return;
          expect(() => balancedEntry(off)).toThrow(
            expect.objectContaining({
              code: 'LEDGER_UNBALANCED',
              message_zh: `借贷不平衡：差额 ${d} 分`,
            }),
          );
        },
      ),
    );
  });

  it('refuses single postings, zero postings and fractions of a fen', () => {
    const one: Posting[] = [{ account: 'fund.a', amount: 0 as Fen }];
    expect(() => balancedEntry(one)).toThrow(DomainError);
    expect(() =>
      balancedEntry([
        { account: 'fund.a', amount: 0 as Fen },
        { account: 'fund.b', amount: 0 as Fen },
      ]),
    ).toThrow(expect.objectContaining({ code: 'LEDGER_ZERO_POSTING' }));
    expect(() =>
      balancedEntry([
        { account: 'fund.a', amount: 0.5 as Fen },
        { account: 'fund.b', amount: -0.5 as Fen },
      ]),
    ).toThrow(expect.objectContaining({ code: 'MONEY_NOT_INTEGER_FEN' }));
  });

  it('a transfer debits the destination and credits the source', () => {
    expect(transfer('source.x', 'fund.a', 59771 as Fen)).toEqual([
      { account: 'fund.a', amount: 59771 },
      { account: 'source.x', amount: -59771 },
    ]);
  });
});
