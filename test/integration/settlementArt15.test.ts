import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { createGuarantee } from '../../src/app/guarantees/guarantees.ts';
import { recordGuaranteeYear } from '../../src/app/guarantees/guaranteeRecords.ts';
import { createOperator } from '../../src/app/register/operators.ts';
import { setLoanSubsidyFacts } from '../../src/app/settlement/loanFacts.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { listRunLines, type LineOut } from '../../src/app/settlement/runQueries.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock, dump, refusal, usccFor } from './helpers.ts';
import { product } from './loanSetup.ts';
import { emptyDistrict, microLoan } from './settlementSetup.ts';

/**
 * Art. 15 in a settlement run, on both dialects. Mortgage loans granted after 2015-08-01
 * at ≤ benchmark + 2 points (36 months: 4.75 % + 2 = 6.75 %) to agricultural enterprises
 * or cooperatives whose workforce is at least 20 % registered poor: the lender gets 1 % of
 * the year-end balance, a guarantor charging ≤ 2 % gets 0.5 % of the year's new
 * guarantees. Interest-only loans, nothing repaid, so the 2017 year-end balance is the
 * amount. Worked out by hand from the text:
 *   E1: cooperative, 4 poor of 20 workers (exactly 20 %, "达到20%以上" includes it),
 *       600,000 at 6.75 % → lender 6,000.00; guarantee at 2 %, 600,000 new in 2017 →
 *       guarantor 3,000.00.
 *   E2: cooperative, 3 poor of 20 (15 %) → 0, the share is short.
 *   E3: family farm, 10 of 10 poor → 0: neither an enterprise nor a cooperative.
 *   E4: leading enterprise, 10 of 50 (20 %), 1,000,000 at 6.80 % > 6.75 % → 0.
 *   E5: nobody recorded the borrower → 0, saying the operator is missing.
 *   E6: leading enterprise, 25 of 100, 400,000 at 5.00 % → lender 4,000.00.
 * 2017-Q4 owes 6,000.00 + 3,000.00 + 4,000.00 = 13,000.00 over 7 lines.
 */

const EMPLOYER_MORTGAGE = {
  code: 'EMP-Q',
  nameZh: '吸纳贫困人口就业企业抵押贷款',
  nameEn: 'Employer mortgage',
  category: 'employer_mortgage',
  collateral: 'mortgage',
  minAmount: '1000',
  maxAmount: '5000000',
  minTermMonths: 1,
  maxTermMonths: 60,
  method: 'interest-only',
  interestPeriod: 'quarterly',
};

describeEachDialect('art. 15 employer mortgage incentives in settlement', (dialect) => {
  const clock = new Clock('2018-03-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;
  const loans: Record<string, string> = {};
  const operators: Record<string, string> = {};

  const as = <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O> =>
    execute(t.app, a[who]!, uc, input);

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    a = await emptyDistrict(t.app);
    a.xndb = (await actorFor(t.app, 'xndb')).actor;
    const p = await product(t.app, a.admin!, EMPLOYER_MORTGAGE);
    const operator = async (seq: number, kind: string, workforce: number, poor: number) =>
      (
        await as('admin', createOperator, {
          kind,
          name: `经营主体${String(seq)}`,
          uscc: usccFor(1500 + seq),
          villageCode: `${BAIMA}001`,
          workforce,
          poorWorkforce: poor,
        })
      ).id;
    const specs = [
      ['E1', 1, '600000', '6.75', 'cooperative', 20, 4],
      ['E2', 2, '300000', '6.00', 'cooperative', 20, 3],
      ['E3', 3, '200000', '6.00', 'family_farm', 10, 10],
      ['E4', 4, '1000000', '6.80', 'leading_enterprise', 50, 10],
      ['E5', 5, '100000', '6.00', null, 0, 0],
      ['E6', 6, '400000', '5.00', 'leading_enterprise', 100, 25],
    ] as const;
    for (const [key, seq, amount, annualRate, kind, workforce, poor] of specs) {
      loans[key] = await microLoan(t.app, a, p.id, {
        seq: 150 + seq,
        amount,
        annualRate,
        termMonths: 36,
        contractDate: '2017-03-01',
        payments: [],
      });
      if (kind === null) continue;
      const operatorId = await operator(seq, kind, workforce, poor);
      operators[key] = operatorId;
      await as('icbc', setLoanSubsidyFacts, { id: loans[key], expectedVersion: 0, operatorId });
    }
    const g = await as('xndb', createGuarantee, {
      contractNo: 'XN-2017-015',
      lenderId: a.icbc!.institutionId,
      loanContractNo: 'SETTLE-151',
      startDate: '2017-03-01',
      endDate: '2020-03-01',
      feeRate: '2',
      amount: '600000',
    });
    await as('xndb', recordGuaranteeYear, { id: g.id, year: 2017, newAmount: '600000' });
  }, 180_000);
  afterAll(() => t?.close());

  it('pays the lender and guarantor of qualifying employers, as worked out by hand', async () => {
    const run = await as('jrzx', prepareRun, { period: '2017-Q4' });
    expect(run).toMatchObject({ lineCount: 7, total: '13000.00' });
    const lines: LineOut[] = (await as('jrzx', listRunLines, { id: run.id, pageSize: 50 })).items;
    const paid = lines
      .filter((l) => l.excludedBy === null)
      .map((l) => [l.contractNo, l.article, l.payeeKind, l.payeeName, l.amount]);
    expect(paid).toEqual([
      ['SETTLE-151', 'art. 15', 'bank', '工行武隆支行', '6000.00'],
      ['XN-2017-015', 'art. 15', 'guarantor', '区兴农担保公司', '3000.00'],
      ['SETTLE-156', 'art. 15', 'bank', '工行武隆支行', '4000.00'],
    ]);
    const why = (key: string) => {
      const line = lines.find((l) => l.subjectId === loans[key])!;
      return [line.amount, line.excludedBy, line.excludedReason];
    };
    expect(why('E2')).toEqual(['0.00', 'system', expect.stringContaining('未达到20%')]);
    expect(why('E3')).toEqual(['0.00', 'system', expect.stringContaining('农民合作社')]);
    expect(why('E4')).toEqual(['0.00', 'system', expect.stringContaining('2个百分点')]);
    expect(why('E5')).toEqual(['0.00', 'system', expect.stringContaining('operatorId')]);
  });

  it('refuses subsidy facts the employer-mortgage rule does not read or lacks, changing nothing', async () => {
    const before = await dump(t.app);
    const facts = (values: object) =>
      refusal(as('icbc', setLoanSubsidyFacts, { id: loans.E5, expectedVersion: 0, ...values }));
    expect(await facts({})).toMatchObject({ status: 400, field: 'operatorId' });
    expect(await facts({ operatorId: operators.E1, drivesPoorIncome: true })).toMatchObject({
      status: 400,
      field: 'drivesPoorIncome',
    });
    expect(await dump(t.app)).toEqual(before);
  });
});
