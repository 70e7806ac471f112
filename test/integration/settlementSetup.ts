import type { Actor } from '../../src/app/actor.ts';
import type { App } from '../../src/app/app.ts';
import { seedDemo } from '../../src/app/demo/seedDemo.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { recordRepayment } from '../../src/app/loans/repayments.ts';
import { excludeLine } from '../../src/app/settlement/lineExclusion.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { MICRO_CREDIT, poorHousehold, product } from './loanSetup.ts';

/**
 * A district with the demo accounts and institutions but no demo households, so a
 * settlement run holds exactly the loans a test builds and its totals can be worked
 * out by hand.
 */
export async function emptyDistrict(app: App): Promise<Record<string, Actor>> {
  await seedDemo(app, { households: 0, villages: 52, operators: 0 });
  const out: Record<string, Actor> = {};
  for (const name of ['admin', 'jrzx', 'fpb', 'czj', 'icbc', 'baima', 'audit']) {
    out[name] = (await actorFor(app, name)).actor;
  }
  return out;
}

/** Poverty micro-credit with interest paid quarterly by days (按季结息), actual/360. */
export const QUARTERLY_MICRO_CREDIT = {
  ...MICRO_CREDIT,
  code: 'MC-QUARTERLY',
  method: 'interest-only',
  interestPeriod: 'quarterly',
};

export interface LoanSpec {
  seq: number;
  amount: string;
  annualRate: string;
  termMonths: number;
  contractDate: string;
  /** [paid on, amount in yuan] */
  payments: readonly (readonly [string, string])[];
}

/** An ICBC loan to a poor household of 白马镇, contracted and disbursed on one day. */
export async function microLoan(
  app: App,
  actors: Record<string, Actor>,
  productId: string,
  spec: LoanSpec,
): Promise<string> {
  const householdId = await poorHousehold(app, actors.admin!, spec.seq, undefined, '2015-01-01');
  const officer = actors.icbc!;
  const loan = await execute(app, officer, applyForLoan, {
    productId,
    householdId,
    contractNo: `SETTLE-${String(spec.seq)}`,
    amount: spec.amount,
    annualRate: spec.annualRate,
    termMonths: spec.termMonths,
    appliedOn: spec.contractDate,
  });
  await execute(app, officer, approveLoan, { id: loan.id });
  await execute(app, officer, disburseLoan, {
    id: loan.id,
    contractDate: spec.contractDate,
    disbursedOn: spec.contractDate,
  });
  let txn = 0;
  for (const [paidOn, amount] of spec.payments) {
    await execute(app, officer, recordRepayment, {
      id: loan.id,
      paidOn,
      amount,
      bankTxnId: `SETTLE-${String(spec.seq)}-${String(++txn)}`,
    });
  }
  return loan.id;
}

export const quarterlyProduct = (app: App, admin: Actor, code = QUARTERLY_MICRO_CREDIT.code) =>
  product(app, admin, { ...QUARTERLY_MICRO_CREDIT, code });

/** Runs in each state the registry walk's settlement inputs need. */
export interface SettlementFixture {
  draft: string;
  submitted: string;
  /** Submitted, for the poverty office to reject. */
  toReject: string;
  reviewed: string;
  approved: string;
  /** A draft with an included line and a line its maker excluded. */
  lines: { runId: string; included: number; excluded: number };
  loanId: string;
}

/**
 * Builds, once, runs prepared by the district administrator (so the finance bureau may
 * approve them) on periods of their own, and a draft over two hand-built loans.
 */
export function lazySettlementFixture(
  app: App,
  actors: { admin: Actor; icbc: Actor; fpb: Actor; czj: Actor },
): () => Promise<SettlementFixture> {
  let built: Promise<SettlementFixture> | undefined;
  const build = async (): Promise<SettlementFixture> => {
    const { admin, fpb, czj } = actors;
    const prepare = async (period: string) =>
      (await execute(app, admin, prepareRun, { period })).id;
    const submit = async (period: string) => {
      const id = await prepare(period);
      await execute(app, admin, submitRun, { id });
      return id;
    };
    const review = async (period: string) => {
      const id = await submit(period);
      await execute(app, fpb, reviewRun, { id });
      return id;
    };
    const approved = await review('2015-01-01..2015-01-31');
    await execute(app, czj, approveRun, { id: approved });
    const p = await product(app, admin, { ...QUARTERLY_MICRO_CREDIT, code: 'MC-REGISTRY' });
    const loan = (seq: number) =>
      microLoan(app, { admin, icbc: actors.icbc }, p.id, {
        seq,
        amount: '10000',
        annualRate: '4.75',
        termMonths: 36,
        contractDate: '2016-01-04',
        payments: [['2016-04-04', '120.07']],
      });
    const [first, second] = [await loan(951), await loan(952)];
    const draft = await prepare('2016-04-01..2016-04-30');
    const lineOf = async (loanId: string) =>
      (
        await app.store.db
          .selectFrom('settlement_lines')
          .select('n')
          .where('run_id', '=', draft)
          .where('subject_id', '=', loanId)
          .executeTakeFirstOrThrow()
      ).n;
    const excluded = await lineOf(second);
    await execute(app, admin, excludeLine, { id: draft, n: excluded, reason: '登记测试排除' });
    return {
      draft: await prepare('2015-Q1'),
      submitted: await submit('2015-Q2'),
      toReject: await submit('2015-Q4'),
      reviewed: await review('2015-Q3'),
      approved,
      lines: { runId: draft, included: await lineOf(first), excluded },
      loanId: first,
    };
  };
  return () => (built ??= build());
}
