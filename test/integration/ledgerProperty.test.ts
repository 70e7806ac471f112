import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { AppError } from '../../src/app/errors.ts';
import { fundBalances, topUpFund } from '../../src/app/settlement/funds.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, payRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock } from './helpers.ts';
import { emptyDistrict, microLoan, quarterlyProduct } from './settlementSetup.ts';

/**
 * Issue 5 §3: whatever sequence of top-ups, runs (regular and adjustment), approvals —
 * refused or not — and payments happens, after every single operation the trial balance
 * is zero, no fund is overdrawn or over-committed, and what the expense accounts show
 * is exactly what the claims made payable.
 */

const PERIODS = [
  '2016-Q1',
  '2016-Q2',
  '2016-Q3',
  '2016-04-01..2016-05-31',
  '2016-07-01..2016-08-31',
  '2016',
] as const;

type Op =
  | { kind: 'top-up'; fund: string; fen: number }
  | { kind: 'settle'; period: string; adjustment: boolean }
  | { kind: 'pay' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('top-up' as const),
    fund: fc.constantFrom('fund.district-subsidy', 'fund.risk-compensation'),
    fen: fc.integer({ min: 1, max: 150_000 }),
  }),
  fc.record({
    kind: fc.constant('settle' as const),
    period: fc.constantFrom(...PERIODS),
    adjustment: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('pay' as const) }),
);

describeEachDialect('the funds ledger under any sequence of operations', (dialect) => {
  const clock = new Clock('2017-06-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    a = await emptyDistrict(t.app);
    const p = await quarterlyProduct(t.app, a.admin!);
    // Interest due each quarter of 2016; some paid on time, some late, some never.
    const loans: [number, string, string, [string, string][]][] = [
      [
        911,
        '30000',
        '2016-01-10',
        [
          ['2016-04-11', '360.21'],
          ['2016-07-11', '364.17'],
        ],
      ],
      [912, '20000', '2016-02-15', [['2016-05-16', '287.50']]],
      [913, '10000', '2016-01-20', [['2016-04-22', '120.07']]],
      [
        914,
        '50000',
        '2015-11-05',
        [
          ['2016-02-05', '606.94'],
          ['2016-05-05', '600.35'],
        ],
      ],
    ];
    for (const [seq, amount, contractDate, payments] of loans) {
      await microLoan(t.app, a, p.id, {
        seq,
        amount,
        annualRate: seq === 912 ? '5.75' : '4.75',
        termMonths: 36,
        contractDate,
        payments,
      });
    }
  }, 120_000);
  afterAll(() => t?.close());

  const run = async <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O | null> => {
    try {
      return await execute(t.app, a[who]!, uc, input);
    } catch (e) {
      // Refusals (settled period, overdraft, a line already claimed) are part of the game.
      if (e instanceof AppError) return null;
      throw e;
    }
  };

  const apply = async (o: Op): Promise<void> => {
    if (o.kind === 'top-up') {
      await run('czj', topUpFund, {
        fund: o.fund,
        source: 'source.district-budget',
        amount: (o.fen / 100).toFixed(2),
        postedOn: '2016-01-01',
        memo: '性质测试拨款',
      });
    } else if (o.kind === 'settle') {
      const made = await run('jrzx', prepareRun, {
        period: o.period,
        kind: o.adjustment ? 'adjustment' : 'regular',
      });
      if (made === null) return;
      await run('jrzx', submitRun, { id: made.id });
      await run('fpb', reviewRun, { id: made.id });
      await run('czj', approveRun, { id: made.id });
    } else {
      const approved = await t.app.store.db
        .selectFrom('settlement_runs')
        .select('id')
        .where('status', '=', 'approved')
        .orderBy('created_at')
        .executeTakeFirst();
      if (approved !== undefined) {
        await run('czj', payRun, {
          id: approved.id,
          paymentReference: 'PROP-PAY',
          paidOn: '2017-06-01',
        });
      }
    }
  };

  const checkInvariants = async (): Promise<void> => {
    const b = await execute(t.app, a.czj!, fundBalances, {});
    expect(b.trialBalance).toBe('0.00');
    for (const f of b.funds) {
      expect(Number(f.balance), f.code).toBeGreaterThanOrEqual(0);
      expect(Number(f.available), f.code).toBeGreaterThanOrEqual(0);
    }
    const claims = await t.app.store.db.selectFrom('settlement_claims').select('amount').execute();
    const claimed = claims.reduce((s, c) => s + Number(c.amount), 0);
    const expensed = b.accounts
      .filter((x) => x.code.startsWith('expense.'))
      .reduce((s, x) => s + Math.round(Number(x.balance) * 100), 0);
    expect(expensed).toBe(claimed);
  };

  it('keeps the trial balance at zero after every operation', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          await apply(o);
          await checkInvariants();
        }
      }),
      { numRuns: 12, seed: 2017_53 },
    );
  });
});
