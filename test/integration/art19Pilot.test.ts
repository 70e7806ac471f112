import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { checkLossClaim } from '../../src/app/losses/lossClaimCheck.ts';
import { fileLossClaim, listLossClaims } from '../../src/app/losses/lossClaims.ts';
import { recordLossRecovery } from '../../src/app/losses/lossRecoveries.ts';
import {
  addPropertyPilot,
  endPropertyPilot,
  listPropertyPilots,
} from '../../src/app/losses/propertyPilots.ts';
import { addParameterVersion } from '../../src/app/policy/parameterVersions.ts';
import { fundBalances, topUpFund } from '../../src/app/settlement/funds.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, payRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { listRunLines } from '../../src/app/settlement/runQueries.ts';
import { whatIf } from '../../src/app/settlement/whatIf.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, refusedUnchanged, type Table } from './helpers.ts';
import { product } from './loanSetup.ts';
import {
  emptyDistrict,
  microLoan,
  QUARTERLY_MICRO_CREDIT,
  quarterlyProduct,
} from './settlementSetup.ts';

/**
 * Art. 19's rural property mortgage pilot on both dialects (decision 0024). ICBC is a
 * pilot institution from 2016-01-01. Nothing was ever paid on any loan below, so on
 * 2016-12-31 each is non-performing (可疑).
 *
 * Loan A, a 农房抵押 loan of 60,000 granted 2016-01-10, mortgaged on land contract rights:
 * the claim of 60,000 principal + 1,000.01 interest = 61,000.01 (6,100,001 fen) is art.
 * 19's: the district pays 50 % = 3,050,000.5 fen → 30,500.01 (half-up), the bank bears
 * the rest; the art. 31 fund pays nothing for it.
 * Loan B, same product, claim 40,000 with no rural collateral named: art. 31, the fund's
 * default 50 % = 20,000.00.
 * Loan C, same product and collateral (a rural house), granted 2015-12-01 — before ICBC
 * joined the pilot: art. 31, claim 30,000 → 15,000.00 from the fund.
 * The 2017-Q2 run: district subsidy budget 100,000.00 − 30,500.01 = 69,499.99; risk fund
 * 10,000,000.00 − 35,000.00 = 9,965,000.00. A recovery of 10,000 on A gives the district
 * back its 50 %, 5,000.00 → 74,499.99. What-if art. 19 at 40 %: 6,100,001 × 40 % =
 * 2,440,000.4 → 24,400.00, 6,100.01 less.
 */

const STATE: readonly Table[] = [
  'property_pilots',
  'loss_claims',
  'loss_recoveries',
  'settlement_runs',
  'settlement_lines',
  'settlement_claims',
  'ledger_entries',
  'ledger_lines',
  'parameter_versions',
];

const PROPERTY_MORTGAGE = {
  ...QUARTERLY_MICRO_CREDIT,
  code: 'PM-PILOT',
  category: 'property_mortgage',
  nameZh: '农房抵押贷款（测试）',
  nameEn: 'Rural property mortgage (test)',
  minAmount: '10000',
  maxAmount: '500000',
  collateral: 'mortgage',
  policyRuleIds: [],
};

describeEachDialect('art. 19 rural property mortgage pilot', (dialect) => {
  const clock = new Clock('2017-06-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;
  const claims = { a: '', b: '', c: '' };

  const as = <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O> =>
    execute(t.app, a[who]!, uc, input);
  const unchanged = (call: () => Promise<unknown>) => refusedUnchanged(t.app, STATE, call);
  const balances = async () =>
    Object.fromEntries(
      (await as('czj', fundBalances, {})).funds.map((f) => [f.code, f.balance] as const),
    );
  const file = (loanContractNo: string, principalLoss: string, extra: object = {}) =>
    as('icbc', fileLossClaim, {
      loanContractNo,
      lossDate: '2016-12-31',
      principalLoss,
      evidence: '抵押物处置不足',
      ...extra,
    });

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    a = await emptyDistrict(t.app);
    a.picc = (await actorFor(t.app, 'picc')).actor;
    a.abc = (await actorFor(t.app, 'abc')).actor;
    const pm = await product(t.app, a.admin!, PROPERTY_MORTGAGE);
    const micro = await quarterlyProduct(t.app, a.admin!, 'MC-PILOT');
    const loan = (seq: number, productId: string, contractDate: string, amount: string) =>
      microLoan(t.app, a, productId, {
        seq,
        amount,
        annualRate: '4.75',
        termMonths: 36,
        contractDate,
        payments: [],
      });
    await loan(911, pm.id, '2016-01-10', '60000');
    await loan(912, pm.id, '2016-01-10', '40000');
    await loan(913, pm.id, '2015-12-01', '30000');
    await loan(914, pm.id, '2016-01-10', '20000');
    await loan(915, micro.id, '2016-01-10', '20000');
    await as('czj', topUpFund, {
      fund: 'fund.district-subsidy',
      source: 'source.district-budget',
      amount: '100000',
      postedOn: '2017-01-01',
      memo: '第十九条试点补偿预算',
    });
  });
  afterAll(() => t?.close());

  it('the district records pilot institutions; bad periods and institutions are refused', async () => {
    const icbc = a.icbc!.institutionId!;
    const pilot = await as('jrzx', addPropertyPilot, {
      institutionId: icbc,
      fromDate: '2016-01-01',
      document: '武隆府办发〔2016〕试点方案',
    });
    expect(pilot).toMatchObject({ fromDate: '2016-01-01', toDate: null });
    const overlap = await unchanged(() =>
      as('jrzx', addPropertyPilot, {
        institutionId: icbc,
        fromDate: '2017-01-01',
        document: '重复',
      }),
    );
    expect([overlap.code, overlap.field]).toEqual(['pilot_overlap', 'fromDate']);
    const insurer = await unchanged(() =>
      as('jrzx', addPropertyPilot, {
        institutionId: a.picc!.institutionId,
        fromDate: '2016-01-01',
        document: '保险机构',
      }),
    );
    expect(insurer.field).toBe('institutionId');
    const backwards = await unchanged(() =>
      as('jrzx', addPropertyPilot, {
        institutionId: a.abc!.institutionId,
        fromDate: '2016-06-01',
        toDate: '2016-05-31',
        document: '倒序',
      }),
    );
    expect(backwards.field).toBe('toDate');
    const bank = await unchanged(() =>
      as('icbc', addPropertyPilot, { institutionId: icbc, fromDate: '2015-01-01', document: 'x' }),
    );
    expect(bank.kind).toBe('forbidden');
    expect((await as('icbc', listPropertyPilots, {})).items).toEqual([
      expect.objectContaining({ institutionId: icbc, fromDate: '2016-01-01', toDate: null }),
    ]);
  });

  it('a pilot period ends once, not before it began', async () => {
    const abc = a.abc!.institutionId!;
    await as('jrzx', addPropertyPilot, {
      institutionId: abc,
      fromDate: '2016-01-01',
      document: '试点',
    });
    const end = (fromDate: string, toDate: string) =>
      as('jrzx', endPropertyPilot, { institutionId: abc, fromDate, toDate });
    expect((await unchanged(() => end('2016-01-01', '2015-12-31'))).field).toBe('toDate');
    expect((await unchanged(() => end('2016-02-01', '2016-12-31'))).kind).toBe('not_found');
    expect(await end('2016-01-01', '2016-12-31')).toMatchObject({ toDate: '2016-12-31' });
    expect((await unchanged(() => end('2016-01-01', '2017-12-31'))).code).toBe('pilot_ended');
  });

  it('a claim names the rural property only on a mortgage or pledge product', async () => {
    const err = await unchanged(() =>
      file('SETTLE-915', '20000', { collateral: 'land-contract-rights' }),
    );
    expect(err.field).toBe('collateral');
    const bad = await unchanged(() => file('SETTLE-911', '1000', { collateral: 'gold' }));
    expect(bad.field).toBe('collateral');
  });

  it('approval fixes the rule: art. 19 for a pilot mortgage on rural property, else the fund', async () => {
    const fa = await file('SETTLE-911', '60000', {
      interestLoss: '1000.01',
      collateral: 'land-contract-rights',
    });
    const fb = await file('SETTLE-912', '40000');
    const fc = await file('SETTLE-913', '30000', { collateral: 'rural-house' });
    [claims.a, claims.b, claims.c] = [fa.id, fb.id, fc.id];
    expect(fa).toMatchObject({ collateral: 'land-contract-rights', compensation: null });
    const checked = [];
    for (const id of [fa.id, fb.id, fc.id]) {
      checked.push(await as('czj', checkLossClaim, { id, decision: 'approve' }));
    }
    expect(checked.map((c) => c.compensation)).toEqual([
      {
        ruleId: 'art19.property-mortgage-compensation',
        article: 'art. 19',
        payer: 'district',
        amount: '30500.01',
      },
      {
        ruleId: 'art31.risk-compensation',
        article: 'arts. 11, 31',
        payer: 'fund',
        amount: '20000.00',
      },
      {
        ruleId: 'art31.risk-compensation',
        article: 'arts. 11, 31',
        payer: 'fund',
        amount: '15000.00',
      },
    ]);
  });

  it('the run pays art. 19 from the district budget and art. 31 from the fund; balances hold', async () => {
    const run = await as('jrzx', prepareRun, { period: '2017-Q2' });
    // The micro-credit loan's art. 11 interest lines are in the run too; the loss lines:
    const lines = (await as('jrzx', listRunLines, { id: run.id, pageSize: 200 })).items.filter(
      (l) => l.ruleId.startsWith('art19') || l.ruleId.startsWith('art31'),
    );
    expect(
      lines.map((l) => [l.ruleId, l.article, l.contractNo, l.payer, l.payeeKind, l.amount]),
    ).toEqual([
      [
        'art19.property-mortgage-compensation',
        'art. 19',
        'SETTLE-911',
        'district',
        'bank',
        '30500.01',
      ],
      ['art31.risk-compensation', 'arts. 11, 31', 'SETTLE-912', 'fund', 'bank', '20000.00'],
      ['art31.risk-compensation', 'arts. 11, 31', 'SETTLE-913', 'fund', 'bank', '15000.00'],
    ]);
    await as('jrzx', submitRun, { id: run.id });
    await as('fpb', reviewRun, { id: run.id });
    await as('czj', approveRun, { id: run.id });
    await as('czj', payRun, { id: run.id, paymentReference: 'PAY-ART19', paidOn: '2017-06-01' });
    const after = await balances();
    expect(after['fund.district-subsidy']).toBe('69499.99');
    expect(after['fund.risk-compensation']).toBe('9965000.00');
    expect((await as('czj', fundBalances, {})).trialBalance).toBe('0.00');
  });

  it('what-if: art. 19 at 40 % moves only the art. 19 line', async () => {
    const w = await as('czj', whatIf, {
      period: '2017-Q2',
      params: { 'art19.risk-compensation.share-of-actual-loss': '40' },
    });
    expect(w.byArticle.filter((c) => c.key === 'art. 19' || c.key === 'arts. 11, 31')).toEqual([
      { key: 'art. 19', baseline: '30500.01', scenario: '24400.00', delta: '-6100.01' },
      { key: 'arts. 11, 31', baseline: '35000.00', scenario: '35000.00', delta: '0.00' },
    ]);
  });

  it('a recovery on an art. 19 claim gives the district back its half', async () => {
    const out = await as('icbc', recordLossRecovery, {
      id: claims.a,
      recoveredOn: '2017-06-01',
      amount: '10000',
    });
    expect(out.recovered).toBe('10000.00');
    const after = await balances();
    expect(after['fund.district-subsidy']).toBe('74499.99');
    expect(after['fund.risk-compensation']).toBe('9965000.00');
    expect((await as('czj', fundBalances, {})).trialBalance).toBe('0.00');
    const listed = (await as('icbc', listLossClaims, { pageSize: 50 })).items;
    expect(listed.find((c) => c.id === claims.a)?.compensation?.ruleId).toBe(
      'art19.property-mortgage-compensation',
    );
  });

  it('with no precedence of art. 19 over the fund, a claim both could pay is not approved', async () => {
    await as('admin', addParameterVersion, {
      id: 'art19.precedence-over-fund',
      effectiveFrom: '2016-06-01',
      value: false,
      document: '测试：未规定优先顺序',
    });
    const d = await file('SETTLE-914', '20000', { collateral: 'forest-rights' });
    const err = await unchanged(() => as('czj', checkLossClaim, { id: d.id, decision: 'approve' }));
    expect([err.code, err.field]).toEqual(['rule_conflict', 'id']);
  });
});
