import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { createOperator } from '../../src/app/register/operators.ts';
import { topUpFund } from '../../src/app/settlement/funds.ts';
import { getLoanSubsidyFacts, setLoanSubsidyFacts } from '../../src/app/settlement/loanFacts.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { getRun, listRunLines, type LineOut } from '../../src/app/settlement/runQueries.ts';
import { whatIf } from '../../src/app/settlement/whatIf.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock, dump, refusal, usccFor } from './helpers.ts';
import { product } from './loanSetup.ts';
import { emptyDistrict, microLoan } from './settlementSetup.ts';

/**
 * The loan-interest subsidies of arts. 14, 16 and 17 in a settlement run, on both
 * dialects, over hand-built ICBC loans whose 2017-Q2 lines are worked out below from the
 * policy text (benchmarks since 2015-10-24: ≤ 1 year 4.35 %, 1–5 years 4.75 %, over 5
 * years 4.90 %; interest by days, actual/360, half-up to the fen; quarterly periods run
 * from the contract date, yearly ones likewise).
 *
 * Art. 14 (industry projects; subsidy = interest at min(contract, benchmark) × 100 %,
 * at most 2,000,000 per operator), both loans of one cooperative:
 * D: 1,000,000 at 5.50 %, 36 months, contract 2017-01-10: period 2017-01-10..04-09 =
 *    22 + 28 + 31 + 9 = 90 days, due 04-10; at 4.75 %: 1,000,000 × 4.75 % × 90 / 360 =
 *    11,875.00.
 * E: 500,000 at 4.35 %, contract 2017-02-15: 02-15..05-14 = 14 + 31 + 30 + 14 = 89 days;
 *    500,000 × 4.35 % × 89 / 360 = 5,377.0833 → 5,377.08.
 * F: an industry loan nobody recorded the operator of: a line of 0 that says so.
 * Art. 14 total 11,875.00 + 5,377.08 = 17,252.08.
 *
 * Art. 16 (relocation; rate ≤ benchmark × 90 % = 4.90 % × 0.9 = 4.41 % for a 10-year
 * loan; central 90 % of the interest, the city 10 % on registered poor housing loans):
 * G: 1,200,000 at 4.41 %, 120 months, contract 2017-01-10, housing loan: 90 days of
 *    interest 1,200,000 × 4.41 % × 90 / 360 = 13,230.00; central 90 % = 11,907.00; city
 *    13,230.00 − 11,907.00 = 1,323.00.
 * H: 1,000,000 at 4.50 % > 4.41 %: not eligible, a line of 0.
 * Art. 16 total 13,230.00.
 *
 * Art. 17 (student loans at the benchmark, interest of the days in school subsidised in
 * full; 72 months → 4.90 %; yearly period 2016-06-20..2017-06-19 = 365 days, due
 * 2017-06-20):
 * S1: 8,000, in school until 2019-06-30: 8,000 × 4.90 % × 365 / 360 = 397.4444 → 397.44.
 * S2: 6,000, graduated 2016-12-31: 2016-06-20..12-31 = 11 + 31 + 31 + 30 + 31 + 30 + 31
 *     = 195 days in school; the grace period is not subsidised (share 0 %):
 *     6,000 × 4.90 % × 195 / 360 = 159.25.
 * SS: supplementary 5,000 (within 1,000–8,000), from Chongqing, registered poor:
 *     5,000 × 4.90 % × 365 / 360 = 248.4027 → 248.40.
 * SS2: supplementary, not from Chongqing: a line of 0 under the supplementary rule.
 * Art. 17 total 397.44 + 159.25 + 248.40 = 805.09.
 *
 * The quarter owes 17,252.08 + 13,230.00 + 805.09 = 31,287.17.
 */

const INDUSTRY = {
  code: 'IND-Q',
  category: 'industry',
  nameZh: '产业扶贫贷款（测试）',
  nameEn: 'Industry loan (test)',
  minAmount: '1000',
  maxAmount: '5000000',
  minTermMonths: 1,
  maxTermMonths: 60,
  method: 'interest-only',
  interestPeriod: 'quarterly',
  collateral: 'mortgage',
};
const RELOCATION = {
  ...INDUSTRY,
  code: 'REL-Q',
  category: 'relocation',
  nameZh: '易地扶贫搬迁贷款（测试）',
  nameEn: 'Relocation loan (test)',
  maxAmount: '50000000',
  maxTermMonths: 240,
  collateral: 'guarantee',
};
const STUDENT = {
  ...INDUSTRY,
  code: 'STU-Y',
  category: 'student',
  nameZh: '生源地助学贷款（测试）',
  nameEn: 'Student loan (test)',
  maxAmount: '20000',
  maxTermMonths: 240,
  interestPeriod: 'yearly',
  collateral: 'none',
};
const SUPPLEMENTARY = {
  ...STUDENT,
  code: 'SUP-Y',
  category: 'supplementary_student',
  nameZh: '补充助学贷款（测试）',
  nameEn: 'Supplementary student loan (test)',
};

describeEachDialect('settlement: arts. 14, 16 and 17 loan subsidies', (dialect) => {
  const clock = new Clock('2017-09-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;
  const loans: Record<string, string> = {};
  let coop = '';
  let runId = '';

  const as = <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O> =>
    execute(t.app, a[who]!, uc, input);
  const linesOf = async (id: string): Promise<LineOut[]> =>
    (await as('jrzx', listRunLines, { id, pageSize: 200 })).items;
  const facts = (id: string, values: object) =>
    as('icbc', setLoanSubsidyFacts, { id, expectedVersion: 0, ...values });

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    a = await emptyDistrict(t.app);
    a.abc = (await actorFor(t.app, 'abc')).actor;
    const [industry, relocation, student, supplementary] = [
      await product(t.app, a.admin!, INDUSTRY),
      await product(t.app, a.admin!, RELOCATION),
      await product(t.app, a.admin!, STUDENT),
      await product(t.app, a.admin!, SUPPLEMENTARY),
    ];
    const loan = (
      seq: number,
      p: { id: string },
      amount: string,
      annualRate: string,
      termMonths: number,
      contractDate: string,
    ) =>
      microLoan(t.app, a, p.id, {
        seq,
        amount,
        annualRate,
        termMonths,
        contractDate,
        payments: [],
      });
    loans.D = await loan(401, industry, '1000000', '5.50', 36, '2017-01-10');
    loans.E = await loan(402, industry, '500000', '4.35', 36, '2017-02-15');
    loans.F = await loan(403, industry, '300000', '4.75', 36, '2017-01-10');
    loans.G = await loan(601, relocation, '1200000', '4.41', 120, '2017-01-10');
    loans.H = await loan(602, relocation, '1000000', '4.50', 120, '2017-01-10');
    loans.S1 = await loan(701, student, '8000', '4.90', 72, '2016-06-20');
    loans.S2 = await loan(702, student, '6000', '4.90', 72, '2016-06-20');
    loans.SS = await loan(703, supplementary, '5000', '4.90', 72, '2016-06-20');
    loans.SS2 = await loan(704, supplementary, '5000', '4.90', 72, '2016-06-20');
    coop = (
      await as('admin', createOperator, {
        kind: 'cooperative',
        name: '白马种养专业合作社',
        uscc: usccFor(1401),
        villageCode: `${BAIMA}001`,
        workforce: 30,
        poorWorkforce: 12,
      })
    ).id;
    await facts(loans.D, { operatorId: coop, drivesPoorIncome: true });
    await facts(loans.E, { operatorId: coop, drivesPoorIncome: true });
    await facts(loans.G, { registeredPoorHousing: true });
    await facts(loans.H, { registeredPoorHousing: false });
    await facts(loans.S1, { inSchoolUntil: '2019-06-30' });
    await facts(loans.S2, { inSchoolUntil: '2016-12-31' });
    await facts(loans.SS, { inSchoolUntil: '2020-06-30', fromChongqing: true, lowIncome: false });
    await facts(loans.SS2, { inSchoolUntil: '2020-06-30', fromChongqing: false, lowIncome: true });
  }, 180_000);
  afterAll(() => t?.close());

  it('prices each loan period of arts. 14, 16 and 17 as worked out by hand', async () => {
    const run = await as('jrzx', prepareRun, { period: '2017-Q2' });
    runId = run.id;
    expect(run).toMatchObject({ status: 'draft', lineCount: 10, total: '31287.17' });
    const lines = await linesOf(run.id);
    const of = (loan: string) => lines.filter((l) => l.subjectId === loans[loan]);
    const coopLine = {
      article: 'art. 14',
      ruleId: 'art14.project-interest-subsidy',
      payer: 'district',
      fund: 'fund.district-subsidy',
      payeeKind: 'entity',
      payeeId: coop,
      payeeName: '白马种养专业合作社',
      viaInstitutionId: a.icbc!.institutionId,
      excludedReason: null,
    };
    expect(of('D')).toMatchObject([
      { ...coopLine, accrualPeriod: '2017-01-10..2017-04-09', amount: '11875.00' },
    ]);
    expect(of('E')).toMatchObject([
      { ...coopLine, accrualPeriod: '2017-02-15..2017-05-14', amount: '5377.08' },
    ]);
    expect(of('F')).toMatchObject([{ article: 'art. 14', amount: '0.00', excludedBy: 'system' }]);
    expect(of('F')[0]!.excludedReason).toContain('未登记贴息要素');

    const platform = { article: 'art. 16', payeeKind: 'platform', excludedReason: null };
    expect(of('G').map((l) => [l.payer, l.fund, l.amount])).toEqual([
      ['central', 'fund.central-transfer', '11907.00'],
      ['city', 'fund.city-transfer', '1323.00'],
    ]);
    expect(of('G')).toMatchObject([platform, platform]);
    expect(of('H')).toMatchObject([{ article: 'art. 16', amount: '0.00', excludedBy: 'system' }]);
    expect(of('H')[0]!.excludedReason).toContain('下浮10%');

    const student = {
      article: 'art. 17',
      ruleId: 'art17.student-loan-subsidy',
      accrualPeriod: '2016-06-20..2017-06-19',
      payer: 'district',
      payeeKind: 'bank',
      payeeId: a.icbc!.institutionId,
      excludedReason: null,
    };
    expect(of('S1')).toMatchObject([{ ...student, amount: '397.44' }]);
    expect(of('S2')).toMatchObject([{ ...student, amount: '159.25' }]);
    expect(of('SS')).toMatchObject([{ ...student, amount: '248.40' }]);
    expect(of('SS2')).toMatchObject([
      { ruleId: 'art17.supplementary-student-loan', amount: '0.00', excludedBy: 'system' },
    ]);
    expect(of('SS2')[0]!.excludedReason).toContain('重庆籍');

    const detail = await as('fpb', getRun, { id: run.id });
    expect(detail.byArticle).toEqual([
      { key: 'art. 14', lines: 2, total: '17252.08' },
      { key: 'art. 16', lines: 2, total: '13230.00' },
      { key: 'art. 17', lines: 3, total: '805.09' },
    ]);
    expect(detail.excluded).toEqual({ lines: 3, total: '0.00' });
  });

  it('stores each line’s rule input, so it re-explains itself', async () => {
    const lines = await t.app.store.db
      .selectFrom('settlement_lines')
      .select(['subject_id', 'input_json'])
      .where('run_id', '=', runId)
      .execute();
    const input = (loan: string) =>
      JSON.parse(lines.find((l) => l.subject_id === loans[loan])!.input_json) as unknown;
    expect(input('D')).toEqual({
      entity: { kind: 'new-agricultural-operator', drivesPoorHouseholdIncome: true },
      loan: {
        principal: '1000000.00',
        contractDate: '2017-01-10',
        termMonths: 36,
        contractRate: '5.50',
        dayCount: 'actual/360',
      },
      period: { from: '2017-01-10', to: '2017-04-09' },
      subsidiesAlreadyGranted: '0.00',
    });
    // E comes after D in the run: D's 11,875.00 counts towards the cooperative's cap.
    expect(input('E')).toMatchObject({ subsidiesAlreadyGranted: '11875.00' });
    expect(input('G')).toEqual({
      loan: { contractDate: '2017-01-10', termMonths: 120, contractRate: '4.41' },
      period: { from: '2017-01-10', to: '2017-04-09' },
      interest: '13230.00',
      registeredPoorHousing: true,
    });
    expect(input('S2')).toMatchObject({ inSchoolUntil: '2016-12-31' });
  });

  it('caps an operator across its loans in a run, and across approved periods', async () => {
    // Cap 15,000: D takes 11,875.00, E only the 3,125.00 left.
    const w = await as('czj', whatIf, {
      period: '2017-Q2',
      params: { 'art14.project-subsidy.max-per-entity': 15000 },
    });
    expect(w.byArticle.find((r) => r.key === 'art. 14')).toEqual({
      key: 'art. 14',
      baseline: '17252.08',
      scenario: '15000.00',
      delta: '-2252.08',
    });
    expect(w.byArticle.map((r) => r.key)).toEqual(['art. 14', 'art. 16', 'art. 17']);

    // Approve 2017-Q2, so its art. 14 lines are claimed: 17,252.08 granted.
    for (const [fund, source] of [
      ['fund.district-subsidy', 'source.district-budget'],
      ['fund.city-transfer', 'source.city'],
      ['fund.central-transfer', 'source.central'],
    ]) {
      await as('czj', topUpFund, {
        fund,
        source,
        amount: '100000',
        postedOn: '2017-08-01',
        memo: '测试拨入',
      });
    }
    await as('jrzx', submitRun, { id: runId });
    await as('fpb', reviewRun, { id: runId });
    await as('czj', approveRun, { id: runId });
    // 2017-Q3 under a 20,000 cap: 20,000 − 17,252.08 = 2,747.92 left; D's next period
    // (04-10..07-09, 91 days, 12,006.94 uncapped) takes it all and E's nothing.
    const q3 = await as('czj', whatIf, {
      period: '2017-Q3',
      params: { 'art14.project-subsidy.max-per-entity': 20000 },
    });
    expect(q3.byArticle.find((r) => r.key === 'art. 14')?.scenario).toBe('2747.92');
  });

  it('refuses bad subsidy facts with a field error, and changes nothing', async () => {
    const before = await dump(t.app);
    const cases: [string, unknown, number, string][] = [
      // not this kind of loan's fact
      ['icbc', { id: loans.F, expectedVersion: 0, registeredPoorHousing: true }, 400, 'operatorId'],
      [
        'icbc',
        {
          id: loans.F,
          expectedVersion: 0,
          operatorId: coop,
          drivesPoorIncome: true,
          inSchoolUntil: '2020-01-01',
        },
        400,
        'inSchoolUntil',
      ],
      // graduation before the contract
      [
        'icbc',
        { id: loans.S1, expectedVersion: 1, inSchoolUntil: '2016-06-19' },
        400,
        'inSchoolUntil',
      ],
      // not a date
      [
        'icbc',
        { id: loans.S1, expectedVersion: 1, inSchoolUntil: '2017-02-30' },
        400,
        'inSchoolUntil',
      ],
      // no such operator
      [
        'icbc',
        { id: loans.F, expectedVersion: 0, operatorId: 'nope', drivesPoorIncome: true },
        400,
        'operatorId',
      ],
      // a stale version: someone recorded them since
      [
        'icbc',
        { id: loans.S1, expectedVersion: 0, inSchoolUntil: '2019-07-31' },
        409,
        'expectedVersion',
      ],
    ];
    for (const [who, input, status, field] of cases) {
      const r = await refusal(as(who, setLoanSubsidyFacts, input));
      expect(r, JSON.stringify(input)).toMatchObject({ status, field });
    }
    // another bank's loan answers like a missing one
    const other = await refusal(
      as('abc', setLoanSubsidyFacts, {
        id: loans.S1,
        expectedVersion: 1,
        inSchoolUntil: '2019-07-31',
      }),
    );
    expect(other).toMatchObject({ status: 404 });
    expect(await refusal(as('abc', getLoanSubsidyFacts, { id: loans.S1 }))).toMatchObject({
      status: 404,
    });
    expect(await dump(t.app)).toEqual(before);
    // and the facts on record are what the bank set
    expect(await as('icbc', getLoanSubsidyFacts, { id: loans.S1 })).toMatchObject({
      category: 'student',
      inSchoolUntil: '2019-06-30',
      version: 1,
      recordedBy: 'icbc',
    });
  });
});
