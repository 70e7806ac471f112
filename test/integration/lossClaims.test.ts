import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { createGuarantee } from '../../src/app/guarantees/guarantees.ts';
import { recordGuaranteeEvent } from '../../src/app/guarantees/guaranteeRecords.ts';
import { approveLoanEvent, requestLoanEvent } from '../../src/app/loans/loanEvents.ts';
import { checkLossClaim } from '../../src/app/losses/lossClaimCheck.ts';
import {
  fileGuaranteeClaim,
  fileLossClaim,
  listLossClaims,
} from '../../src/app/losses/lossClaims.ts';
import { recordLossRecovery } from '../../src/app/losses/lossRecoveries.ts';
import { setLossShares } from '../../src/app/losses/lossShares.ts';
import { fundBalances } from '../../src/app/settlement/funds.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, payRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { listRunLines } from '../../src/app/settlement/runQueries.ts';
import { whatIf } from '../../src/app/settlement/whatIf.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, refusal, refusedUnchanged, type Table } from './helpers.ts';
import { emptyDistrict, microLoan, quarterlyProduct } from './settlementSetup.ts';

/**
 * Loss claims and loss sharing (issue 5, decision 0023) on both dialects, over two
 * poverty micro-credit loans of 50,000 at 4.75 % contracted 2016-01-10 on which nothing
 * was ever paid: the first quarterly interest fell due on 2016-04-10, so on 2016-12-31
 * the loans are 265 days past due — 可疑 (doubtful, 181–360 days), non-performing.
 *
 * Loan A's product shares a loss fund 60 % / bank 25 % / insurer 15 % (art. 28's 政银保).
 * Its bank claims 50,000 principal + 1,234.57 interest = 51,234.57 (5,123,457 fen): the
 * fund pays 60 % = 3,074,074.2 → 30,740.74 (half-up); the insurer's 15 % = 768,518.55 →
 * 7,685.18 (down); the bank bears the rest, 12,808.65.
 * Loan B's product configures nothing, so the art. 31 default applies: the fund pays 50 %.
 * Its guarantor compensated 30,000 and recovered 5,000, and claims 20,000 as
 * unrecoverable (art. 22): the fund pays 10,000.00, the guarantor bears 10,000.00.
 * The 2017-Q2 run pays 30,740.74 + 10,000.00 = 40,740.74 from the 10,000,000 fund (the
 * demo appropriates it on 2016-01-01, art. 31).
 */

const STATE: readonly Table[] = [
  'loss_shares',
  'loss_claims',
  'loss_recoveries',
  'settlement_runs',
  'settlement_lines',
  'settlement_claims',
  'ledger_entries',
  'ledger_lines',
];

describeEachDialect('loss claims and loss sharing', (dialect) => {
  const clock = new Clock('2017-06-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;
  const ids = { loanA: '', loanB: '', performing: '', productA: '', guarantee: '' };
  const claims = { a: '', b: '' };

  const as = <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O> =>
    execute(t.app, a[who]!, uc, input);
  const unchanged = (call: () => Promise<unknown>) => refusedUnchanged(t.app, STATE, call);
  const funds = () => as('czj', fundBalances, {});
  const riskFund = async () =>
    (await funds()).funds.find((f) => f.code === 'fund.risk-compensation')!;
  const claimOf = async (id: string) =>
    (await as('jrzx', listLossClaims, { pageSize: 50 })).items.find((c) => c.id === id)!;

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    a = await emptyDistrict(t.app);
    a.xndb = (await actorFor(t.app, 'xndb')).actor;
    a.abc = (await actorFor(t.app, 'abc')).actor;
    const pA = await quarterlyProduct(t.app, a.admin!, 'MC-LOSS-A');
    const pB = await quarterlyProduct(t.app, a.admin!, 'MC-LOSS-B');
    ids.productA = pA.id;
    const loan = (seq: number, productId: string, payments: [string, string][] = []) =>
      microLoan(t.app, a, productId, {
        seq,
        amount: '50000',
        annualRate: '4.75',
        termMonths: 36,
        contractDate: '2016-01-10',
        payments,
      });
    ids.loanA = await loan(801, pA.id);
    ids.loanB = await loan(802, pB.id);
    // Interest of the first quarter paid on its due date (Monday 2016-04-11 for Sunday 04-10).
    ids.performing = await loan(803, pA.id, [['2016-04-11', '600.35']]);
    const g = await as('xndb', createGuarantee, {
      contractNo: 'LOSS-GUAR-1',
      lenderId: a.icbc!.institutionId,
      loanContractNo: 'SETTLE-802',
      feeRate: '1',
      amount: '50000',
      startDate: '2016-01-10',
      endDate: '2019-01-10',
    });
    ids.guarantee = g.id;
    await as('xndb', recordGuaranteeEvent, {
      id: g.id,
      kind: 'compensation',
      occurredOn: '2017-03-01',
      amount: '30000',
    });
    await as('xndb', recordGuaranteeEvent, {
      id: g.id,
      kind: 'recovery',
      occurredOn: '2017-04-01',
      amount: '5000',
    });
  });
  afterAll(() => t?.close());

  it('shares must add up to 100 %; a product version is set once per date', async () => {
    const bad = await unchanged(() =>
      as('czj', setLossShares, {
        productId: ids.productA,
        effectiveFrom: '2016-01-01',
        fundShare: '60',
        bankShare: '30',
        guarantorShare: '0',
        insurerShare: '15',
      }),
    );
    expect(bad.field).toBe('fundShare');
    const shares = {
      productId: ids.productA,
      effectiveFrom: '2016-01-01',
      fundShare: '60',
      bankShare: '25',
      guarantorShare: '0',
      insurerShare: '15',
    };
    await as('czj', setLossShares, shares);
    expect((await unchanged(() => as('czj', setLossShares, shares))).code).toBe(
      'duplicate_version',
    );
  });

  it('a bank files a claim on its non-performing loan; the split is worked out by the shares', async () => {
    const claim = await as('icbc', fileLossClaim, {
      loanContractNo: 'SETTLE-801',
      lossDate: '2016-12-31',
      principalLoss: '50000',
      interestLoss: '1234.57',
      evidence: '催收无果，已起诉',
    });
    claims.a = claim.id;
    expect(claim).toMatchObject({
      status: 'filed',
      claimant: 'bank',
      loss: '51234.57',
      sharesFrom: '2016-01-01',
      split: { fund: '30740.74', bank: '12808.65', guarantor: '0.00', insurer: '7685.18' },
    });
  });

  it('a second claim on the same loan is refused, and nothing changes', async () => {
    const err = await unchanged(() =>
      as('icbc', fileLossClaim, {
        loanContractNo: 'SETTLE-801',
        lossDate: '2016-12-30',
        principalLoss: '100',
        evidence: '重复申请',
      }),
    );
    expect([err.code, err.field]).toEqual(['claim_exists', 'loanContractNo']);
  });

  it('two filings on one loan at once make one claim; the other is refused', async () => {
    const loanId = await microLoan(t.app, a, ids.productA, {
      seq: 809,
      amount: '10000',
      annualRate: '4.75',
      termMonths: 36,
      contractDate: '2016-01-10',
      payments: [],
    });
    const fileOnce = () =>
      as('icbc', fileLossClaim, {
        loanContractNo: 'SETTLE-809',
        lossDate: '2016-12-31',
        principalLoss: '10000',
        evidence: '并发申请',
      });
    const results = await Promise.allSettled([fileOnce(), fileOnce()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected')!;
    const err = await refusal(Promise.reject((failed as PromiseRejectedResult).reason));
    expect([err.code, err.field]).toEqual(['claim_exists', 'loanContractNo']);
    const live = (await as('jrzx', listLossClaims, { pageSize: 50 })).items.filter(
      (c) => c.loanId === loanId,
    );
    expect(live).toHaveLength(1);
    await as('czj', checkLossClaim, { id: live[0]!.id, decision: 'reject', note: '测试后退回' });
  });

  it('a claim on a performing loan is refused', async () => {
    // On 2016-05-31 the first quarter is paid and the second not yet due: 正常.
    const err = await unchanged(() =>
      as('icbc', fileLossClaim, {
        loanContractNo: 'SETTLE-803',
        lossDate: '2016-05-31',
        principalLoss: '1000',
        evidence: '测试',
      }),
    );
    expect([err.code, err.field]).toEqual(['loan_performing', 'loanContractNo']);
  });

  it('negative, huge and over-the-balance amounts are refused, naming the field', async () => {
    const file = (principalLoss: string, loanContractNo = 'SETTLE-802') =>
      as('icbc', fileLossClaim, {
        loanContractNo,
        lossDate: '2016-12-31',
        principalLoss,
        evidence: '测试',
      });
    for (const amount of ['-1', '0', '99999999999999999999', '12.345']) {
      expect((await unchanged(() => file(amount))).field).toBe('principalLoss');
    }
    // The principal outstanding is 50,000.00.
    expect((await unchanged(() => file('50000.01'))).field).toBe('principalLoss');
    // Another bank's loan answers like a missing one.
    const claimBy = (who: string, loanContractNo: string) =>
      unchanged(() =>
        as(who, fileLossClaim, {
          loanContractNo,
          lossDate: '2016-12-31',
          principalLoss: '1',
          evidence: '测试',
        }),
      );
    const missing = await claimBy('icbc', 'NO-SUCH-LOAN');
    const others = await claimBy('abc', 'SETTLE-802');
    expect([missing.field, missing.message_zh]).toEqual(['loanContractNo', others.message_zh]);
    expect(others.field).toBe('loanContractNo');
  });

  it('a written-off loan is claimable, up to the principal written off', async () => {
    // Contracted 2017-01-10, written off on 2017-02-01 before its first due date: not past
    // due, so only the write-off makes its loss claimable; 50,000 principal was written off.
    const loanId = await microLoan(t.app, a, ids.productA, {
      seq: 804,
      amount: '50000',
      annualRate: '4.75',
      termMonths: 36,
      contractDate: '2017-01-10',
      payments: [],
    });
    const file = (lossDate: string, principalLoss: string) =>
      as('icbc', fileLossClaim, {
        loanContractNo: 'SETTLE-804',
        lossDate,
        principalLoss,
        evidence: '核销后申请',
      });
    expect((await unchanged(() => file('2017-02-01', '50000'))).code).toBe('loan_performing');
    const wo = await as('icbc', requestLoanEvent, {
      id: loanId,
      kind: 'write-off',
      effectiveOn: '2017-02-01',
      reason: '借款人死亡，无财产可供执行',
    });
    await as('jrzx', approveLoanEvent, { id: loanId, eventId: wo.id });
    expect((await unchanged(() => file('2017-02-01', '50000.01'))).field).toBe('principalLoss');
    expect(await file('2017-02-01', '50000')).toMatchObject({ status: 'filed', loss: '50000.00' });
  });

  it('a guarantor claims its unrecoverable compensation, at most what it did not recover', async () => {
    const file = (amount: string) =>
      as('xndb', fileGuaranteeClaim, {
        guaranteeId: ids.guarantee,
        lossDate: '2017-05-31',
        amount,
        evidence: '代偿后追偿无果，区政府已审批',
      });
    // 30,000 compensated less 5,000 recovered.
    expect((await unchanged(() => file('25000.01'))).field).toBe('amount');
    const claim = await file('20000');
    claims.b = claim.id;
    expect(claim).toMatchObject({
      claimant: 'guarantor',
      sharesFrom: null,
      shares: { fund: '50.00', guarantor: '50.00', bank: '0.00', insurer: '0.00' },
      split: { fund: '10000.00', guarantor: '10000.00' },
    });
    // The loan's loss is now claimed: its bank cannot claim it too.
    const err = await unchanged(() =>
      as('icbc', fileLossClaim, {
        loanContractNo: 'SETTLE-802',
        lossDate: '2016-12-31',
        principalLoss: '1000',
        evidence: '测试',
      }),
    );
    expect(err.code).toBe('claim_exists');
  });

  it('the district checks each claim once; a recovery before the fund paid is refused', async () => {
    await as('jrzx', checkLossClaim, { id: claims.a, decision: 'approve' });
    await as('czj', checkLossClaim, { id: claims.b, decision: 'approve', note: '区政府已批' });
    const again = await unchanged(() =>
      as('czj', checkLossClaim, { id: claims.a, decision: 'reject', note: 'x' }),
    );
    expect(again.code).toBe('claim_decided');
    const early = await unchanged(() =>
      as('icbc', recordLossRecovery, { id: claims.a, recoveredOn: '2017-06-01', amount: '100' }),
    );
    expect(early.code).toBe('claim_not_paid');
  });

  it('the run pays the fund share of each approved claim from the fund; the trial balance stays zero', async () => {
    const run = await as('jrzx', prepareRun, { period: '2017-Q2' });
    const lines = (await as('jrzx', listRunLines, { id: run.id, pageSize: 200 })).items.filter(
      (l) => l.ruleId === 'art31.risk-compensation',
    );
    expect(
      lines.map((l) => [
        l.article,
        l.contractNo,
        l.subjectId,
        l.accrualPeriod,
        l.payer,
        l.payeeKind,
        l.amount,
      ]),
    ).toEqual([
      [
        'arts. 11, 31',
        'SETTLE-801',
        ids.loanA,
        '2016-12-31..2016-12-31',
        'fund',
        'bank',
        '30740.74',
      ],
      [
        'arts. 22, 31',
        'LOSS-GUAR-1',
        ids.guarantee,
        '2017-05-31..2017-05-31',
        'fund',
        'guarantor',
        '10000.00',
      ],
    ]);
    await as('jrzx', submitRun, { id: run.id });
    await as('fpb', reviewRun, { id: run.id });
    expect(await riskFund()).toMatchObject({ balance: '10000000.00' });
    await as('czj', approveRun, { id: run.id });
    await as('czj', payRun, { id: run.id, paymentReference: 'PAY-LOSS-1', paidOn: '2017-06-01' });
    expect(await riskFund()).toMatchObject({ balance: '9959259.26', available: '9959259.26' });
    expect((await funds()).trialBalance).toBe('0.00');
  });

  it('what-if: the art. 31 default share 50 % → 70 % changes only the claim without product shares', async () => {
    // Loan B's guarantor claim of 20,000.00: 70 % = 14,000.00, 4,000.00 more; loan A's
    // product sets its own 60 %, so its 30,740.74 stays.
    const w = await as('czj', whatIf, {
      period: '2017-Q2',
      params: { 'art31.fund.loss-share-default': '70' },
    });
    expect(w.byArticle.filter((c) => c.key.endsWith('31'))).toEqual([
      { key: 'arts. 11, 31', baseline: '30740.74', scenario: '30740.74', delta: '0.00' },
      { key: 'arts. 22, 31', baseline: '10000.00', scenario: '14000.00', delta: '4000.00' },
    ]);
  });

  it('another run over the same days cannot pay the same claims again', async () => {
    const overlap = await as('jrzx', prepareRun, { period: '2017-06-01..2017-06-30' });
    await as('jrzx', submitRun, { id: overlap.id });
    await as('fpb', reviewRun, { id: overlap.id });
    const err = await unchanged(() => as('czj', approveRun, { id: overlap.id }));
    expect(err.code).toBe('line_already_claimed');
  });

  it('recoveries post the fund share back, never more than the loss paid for', async () => {
    // 60 % of 10,000.00 = 6,000.00 back to the fund.
    const first = await as('icbc', recordLossRecovery, {
      id: claims.a,
      recoveredOn: '2017-06-01',
      amount: '10000',
    });
    expect(first.recovered).toBe('10000.00');
    expect((await riskFund()).balance).toBe('9965259.26');
    // 51,234.57 − 10,000 = 41,234.57 left to recover.
    const over = await unchanged(() =>
      as('icbc', recordLossRecovery, {
        id: claims.a,
        recoveredOn: '2017-06-01',
        amount: '41234.58',
      }),
    );
    expect(over.field).toBe('amount');
    // Only the claimant records its recoveries.
    expect(
      (
        await unchanged(() =>
          as('xndb', recordLossRecovery, { id: claims.a, recoveredOn: '2017-06-01', amount: '1' }),
        )
      ).kind,
    ).toBe('not_found');
    await as('icbc', recordLossRecovery, {
      id: claims.a,
      recoveredOn: '2017-06-01',
      amount: '41234.57',
    });
    // Everything recovered: the fund has back all 30,740.74 it paid for loan A.
    expect((await riskFund()).balance).toBe('9990000.00');
    expect((await funds()).trialBalance).toBe('0.00');
    expect((await claimOf(claims.a)).recovered).toBe('51234.57');
  });
});
