import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { addParameterVersion } from '../../src/app/policy/parameterVersions.ts';
import { ExportTarget } from '../../src/app/register/exportRegister.ts';
import { fundBalances, topUpFund } from '../../src/app/settlement/funds.ts';
import { excludeLine, includeLine } from '../../src/app/settlement/lineExclusion.ts';
import { paymentList } from '../../src/app/settlement/paymentList.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import {
  approveRun,
  payRun,
  rejectRun,
  reviewRun,
  submitRun,
} from '../../src/app/settlement/runLifecycle.ts';
import {
  diffRun,
  getRun,
  listRunLines,
  loanSubsidies,
  type LineOut,
} from '../../src/app/settlement/runQueries.ts';
import { forecast, whatIf } from '../../src/app/settlement/whatIf.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock, dump, refusal, type Table } from './helpers.ts';
import { emptyDistrict, microLoan, quarterlyProduct } from './settlementSetup.ts';

/**
 * Settlement (issue 5) on both dialects, over three hand-built loans whose art. 11
 * subsidies for 2016-Q2 are worked out below from the policy text and the loans' terms
 * (benchmark for 1–5 years since 2015-10-24: 4.75 %; interest by days, actual/360,
 * half-up to the fen; interest paid by the due date or the next working day).
 *
 * A: 30,000 at 4.75 %, contract 2016-01-10, quarterly: first period 2016-01-10 to
 *    2016-04-09 = 22 + 29 + 31 + 9 = 91 days; 30,000 × 4.75 % × 91 / 360 = 360.2083
 *    → 360.21, due Sunday 2016-04-10, paid Monday 04-11: on time → subsidy 360.21.
 * B: 20,000 at 5.75 %, contract 2016-02-15: 15 + 31 + 30 + 14 = 90 days; the bank
 *    charges 20,000 × 5.75 % × 90 / 360 = 287.50; subsidised at min(5.75, 4.75) = 4.75 %:
 *    20,000 × 4.75 % × 90 / 360 = 237.50, due Sunday 05-15, paid Monday 05-16: on time.
 * C: 10,000 at 4.75 %, contract 2016-01-20: 12 + 29 + 31 + 19 = 91 days;
 *    10,000 × 4.75 % × 91 / 360 = 120.0694 → 120.07, due Wednesday 04-20, paid Friday
 *    04-22: late → nothing (art11.interest-subsidy.late-payment-subsidised = false).
 * The quarter owes 360.21 + 237.50 = 597.71.
 */

const STATE: readonly Table[] = [
  'settlement_runs',
  'settlement_lines',
  'settlement_claims',
  'ledger_entries',
  'ledger_lines',
];

const dir = mkdtempSync(join(tmpdir(), 'jinfu-settlement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('settlement runs', (dialect) => {
  const clock = new Clock('2017-06-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;
  const loans: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

  const as = <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O> =>
    execute(t.app, a[who]!, uc, input);
  const linesOf = async (runId: string): Promise<LineOut[]> =>
    (await as('jrzx', listRunLines, { id: runId, pageSize: 200 })).items;
  const funds = () => as('czj', fundBalances, {});
  const fundOf = async (code: string) => (await funds()).funds.find((f) => f.code === code)!;
  /** Prepared by `maker`, submitted, and reviewed by the poverty office. */
  const reviewed = async (period: string, maker = 'jrzx') => {
    const run = await as(maker, prepareRun, { period });
    await as(maker, submitRun, { id: run.id });
    return as('fpb', reviewRun, { id: run.id });
  };

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    a = await emptyDistrict(t.app);
    const p = await quarterlyProduct(t.app, a.admin!);
    const terms = { termMonths: 36 };
    loans.A = await microLoan(t.app, a, p.id, {
      seq: 901,
      amount: '30000',
      annualRate: '4.75',
      ...terms,
      contractDate: '2016-01-10',
      payments: [['2016-04-11', '360.21']],
    });
    loans.B = await microLoan(t.app, a, p.id, {
      seq: 902,
      amount: '20000',
      annualRate: '5.75',
      ...terms,
      contractDate: '2016-02-15',
      payments: [['2016-05-16', '287.50']],
    });
    loans.C = await microLoan(t.app, a, p.id, {
      seq: 903,
      amount: '10000',
      annualRate: '4.75',
      ...terms,
      contractDate: '2016-01-20',
      payments: [['2016-04-22', '120.07']],
    });
  }, 120_000);
  afterAll(() => t?.close());

  it('prices each loan-quarter of art. 11 as worked out by hand', async () => {
    const run = await as('jrzx', prepareRun, { period: '2016-Q2' });
    expect(run).toMatchObject({ status: 'draft', lineCount: 3, total: '597.71' });
    const lines = await linesOf(run.id);
    const of = (id: string) => lines.find((l) => l.subjectId === id)!;
    expect(of(loans.A)).toMatchObject({
      article: 'art. 11',
      accrualPeriod: '2016-01-10..2016-04-09',
      amount: '360.21',
      payer: 'district',
      fund: 'fund.district-subsidy',
      payeeKind: 'household',
      payeeName: '贷款测试901',
      excludedReason: null,
    });
    expect(of(loans.B)).toMatchObject({
      accrualPeriod: '2016-02-15..2016-05-14',
      amount: '237.50',
    });
    expect(of(loans.C)).toMatchObject({ amount: '0.00', excludedBy: 'system' });
    expect(of(loans.C).excludedReason).toContain('未按时支付');
    const detail = await as('fpb', getRun, { id: run.id });
    expect(detail.byArticle).toEqual([{ key: 'art. 11', lines: 2, total: '597.71' }]);
    expect(detail.excluded).toEqual({ lines: 1, total: '0.00' });
  });

  it('maker, reviewer and approver sign off; the maker cannot approve; an overdraft is refused', async () => {
    // The finance bureau may prepare a run, but then another person must approve it.
    const own = await reviewed('2016-Q2', 'czj');
    const before = await dump(t.app, STATE);
    const e1 = await refusal(as('czj', approveRun, { id: own.id }));
    expect(e1).toMatchObject({ status: 403, code: 'maker_cannot_approve' });
    expect(await dump(t.app, STATE)).toEqual(before);

    // A new run of the period replaces the open one and shows no difference from it.
    const run = await reviewed('2016-Q2');
    expect(run.previousRunId).toBe(own.id);
    expect((await as('jrzx', getRun, { id: own.id })).run.status).toBe('superseded');
    expect(await as('jrzx', diffRun, { id: run.id })).toMatchObject({
      added: 0,
      removed: 0,
      changed: 0,
      total: '0.00',
    });

    // 500.00 cannot cover 597.71: refused, nothing claimed, nothing posted.
    await as('czj', topUpFund, {
      fund: 'fund.district-subsidy',
      source: 'source.district-budget',
      amount: '500',
      postedOn: '2016-01-05',
      memo: '2016年贴息预算',
    });
    const beforeOverdraft = await dump(t.app, STATE);
    const e2 = await refusal(as('czj', approveRun, { id: run.id }));
    expect(e2).toMatchObject({ status: 409, code: 'fund_insufficient', field: 'fund' });
    expect(e2.message_zh).toContain('500.00');
    expect(e2.message_zh).toContain('597.71');
    expect(await dump(t.app, STATE)).toEqual(beforeOverdraft);

    // Exactly enough (500.00 + 97.71 = 597.71) is enough.
    await as('czj', topUpFund, {
      fund: 'fund.district-subsidy',
      source: 'source.district-budget',
      amount: '97.71',
      postedOn: '2016-06-30',
      memo: '追加',
    });
    const approved = await as('czj', approveRun, { id: run.id });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'czj', createdBy: 'jrzx' });
    expect(await fundOf('fund.district-subsidy')).toMatchObject({
      balance: '597.71',
      available: '0.00',
    });

    // Approving twice pays once.
    const claims = await t.app.store.db.selectFrom('settlement_claims').selectAll().execute();
    expect(claims.map((c) => Number(c.amount)).sort((x, y) => x - y)).toEqual([23750, 36021]);
    const e3 = await refusal(as('czj', approveRun, { id: run.id }));
    expect(e3).toMatchObject({ status: 409, code: 'run_status' });
    expect(await t.app.store.db.selectFrom('settlement_claims').selectAll().execute()).toEqual(
      claims,
    );

    // An approved period is corrected only by an adjustment run.
    const e4 = await refusal(as('jrzx', prepareRun, { period: '2016-Q2' }));
    expect(e4).toMatchObject({ code: 'period_settled', field: 'kind' });

    // Payment: not before the approval day; then the payable leaves the fund.
    const e5 = await refusal(
      as('czj', payRun, { id: run.id, paymentReference: 'CZ-2017-001', paidOn: '2017-05-31' }),
    );
    expect(e5).toMatchObject({ status: 400, field: 'paidOn' });
    const paid = await as('czj', payRun, {
      id: run.id,
      paymentReference: 'CZ-2017-001',
      paidOn: '2017-06-01',
    });
    expect(paid).toMatchObject({ status: 'paid', paymentReference: 'CZ-2017-001' });
    const after = await funds();
    expect(after.trialBalance).toBe('0.00');
    expect(after.funds.find((f) => f.code === 'fund.district-subsidy')).toMatchObject({
      balance: '0.00',
      available: '0.00',
    });
    expect(after.accounts.find((x) => x.code === 'expense.art11.interest-subsidy')!.balance).toBe(
      '597.71',
    );
    // Balances as of a date: before the payment the fund still held it.
    const earlier = await as('czj', fundBalances, { asOf: '2016-12-31' });
    expect(earlier.funds.find((f) => f.code === 'fund.district-subsidy')!.balance).toBe('597.71');

    // The payment list: one paying bank, its two lines, totals and signatures.
    const file = join(dir, 'payments.xlsx');
    expect(
      await as('audit', paymentList, { id: run.id, target: ExportTarget.toPath(file) }),
    ).toEqual({ banks: 1, lines: 2, total: '597.71' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows = (name: string) =>
      (book.getWorksheet(name)!.getSheetValues() as unknown[][])
        .filter(Boolean)
        .map((r) => r.slice(1));
    const summary = rows('汇总');
    expect(summary).toContainEqual([1, '工行武隆支行', 2, 597.71]);
    expect(summary).toContainEqual(['合计', undefined, 2, 597.71]);
    const signed = summary.filter((r) => typeof r[0] === 'string' && r[0].endsWith('：'));
    expect(signed.map((r) => r[0])).toEqual(['制表：', '复核：', '审批：', '支付凭证号：']);
    expect(signed.map((r) => String(r[1]))).toEqual([
      expect.stringContaining('jrzx'),
      expect.stringContaining('fpb'),
      expect.stringContaining('czj'),
      'CZ-2017-001',
    ]);
    const bank = rows('工行武隆支行');
    const header = bank.findIndex((r) => r[0] === '序号');
    const listed = bank.slice(header + 1, header + 3);
    expect(listed.map((r) => [r[1], r[5], r[8]])).toEqual([
      ['贷款测试901', 'SETTLE-901', 360.21],
      ['贷款测试902', 'SETTLE-902', 237.5],
    ]);
    expect(bank[header + 3]).toEqual([
      '合计',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      '2 笔',
      597.71,
    ]);

    // The loan's page shows its subsidy history.
    const history = await as('icbc', loanSubsidies, { id: loans.A });
    expect(history).toEqual([
      expect.objectContaining({ period: '2016-Q2', status: 'paid', amount: '360.21' }),
    ]);
  });

  it('a line already approved in one run cannot be approved again in another', async () => {
    // April 2016 holds loan A's and C's first periods; A's was paid in the 2016-Q2 run.
    const run = await reviewed('2016-04-01..2016-04-30');
    expect(run.total).toBe('360.21');
    await as('czj', topUpFund, {
      fund: 'fund.district-subsidy',
      source: 'source.district-budget',
      amount: '1000',
      postedOn: '2017-06-01',
      memo: '追加',
    });
    const before = await dump(t.app, STATE);
    const e = await refusal(as('czj', approveRun, { id: run.id }));
    expect(e).toMatchObject({ status: 409, code: 'line_already_claimed' });
    expect(await dump(t.app, STATE)).toEqual(before);
    await as('czj', rejectRun, { id: run.id, reason: '与2016年第二季度重复' });
  });

  it('two runs of one period prepared at once leave one open draft', async () => {
    const [x, y] = await Promise.all([
      as('jrzx', prepareRun, { period: '2016-Q3' }),
      as('admin', prepareRun, { period: '2016-Q3' }),
    ]);
    const runs = await t.app.store.db
      .selectFrom('settlement_runs')
      .select(['id', 'status'])
      .where('period_key', '=', '2016-Q3')
      .execute();
    expect(runs).toHaveLength(2);
    expect(runs.filter((r) => r.status === 'draft')).toHaveLength(1);
    expect(runs.map((r) => r.id).sort()).toEqual([x.id, y.id].sort());
  });

  it('the maker excludes a line with a reason and restores it; rule-priced lines stay out', async () => {
    const run = await as('jrzx', prepareRun, { period: '2016-Q4' });
    const lines = await linesOf(run.id);
    // Q4 2016: A due 10-10 and C due 10-20 were never paid (late), B due 11-15 neither.
    expect(lines.every((l) => l.excludedBy === 'system')).toBe(true);
    const e = await refusal(
      as('jrzx', excludeLine, { id: run.id, n: lines[0]!.n, reason: '测试' }),
    );
    expect(e).toMatchObject({ code: 'line_priced_by_rule' });

    const q2 = await as('jrzx', prepareRun, {
      kind: 'adjustment',
      period: '2016-Q2',
    });
    // Nothing changed since the approval: an adjustment has no lines.
    expect(q2).toMatchObject({ lineCount: 0, total: '0.00' });

    const may = await as('jrzx', prepareRun, { period: '2016-05-01..2016-05-31' });
    const [line] = await linesOf(may.id);
    expect(line).toMatchObject({ subjectId: loans.B, amount: '237.50' });
    const excluded = await as('jrzx', excludeLine, {
      id: may.id,
      n: line!.n,
      reason: '账户冻结，暂缓支付',
    });
    expect(excluded).toMatchObject({ excludedReason: '账户冻结，暂缓支付', excludedBy: 'jrzx' });
    expect((await as('jrzx', getRun, { id: may.id })).run.total).toBe('0.00');
    await as('jrzx', includeLine, { id: may.id, n: line!.n });
    expect((await as('jrzx', getRun, { id: may.id })).run.total).toBe('237.50');
    // Only drafts are edited.
    await as('jrzx', submitRun, { id: may.id });
    const e2 = await refusal(as('jrzx', excludeLine, { id: may.id, n: line!.n, reason: 'x' }));
    expect(e2).toMatchObject({ code: 'run_status' });
  });

  it('bad input is refused naming the field, and changes nothing', async () => {
    const before = await dump(t.app, STATE);
    const cases: [string, UseCase<never, unknown>, unknown, string][] = [
      ['jrzx', prepareRun as UseCase<never, unknown>, { period: '2016-Q5' }, 'period'],
      [
        'jrzx',
        prepareRun as UseCase<never, unknown>,
        { period: '2016-06-30..2016-01-01' },
        'period',
      ],
      ['jrzx', prepareRun as UseCase<never, unknown>, { period: '' }, 'period'],
      [
        'jrzx',
        prepareRun as UseCase<never, unknown>,
        { period: '2016-01-01..2018-01-01' },
        'period',
      ],
      [
        'czj',
        topUpFund as UseCase<never, unknown>,
        {
          fund: 'fund.district-subsidy',
          source: 'source.district-budget',
          amount: '-5',
          postedOn: '2016-01-01',
          memo: 'x',
        },
        'amount',
      ],
      [
        'czj',
        topUpFund as UseCase<never, unknown>,
        {
          fund: 'fund.district-subsidy',
          source: 'source.district-budget',
          amount: '1.234',
          postedOn: '2016-01-01',
          memo: 'x',
        },
        'amount',
      ],
      [
        'czj',
        topUpFund as UseCase<never, unknown>,
        {
          fund: 'fund.nowhere',
          source: 'source.district-budget',
          amount: '1',
          postedOn: '2016-01-01',
          memo: 'x',
        },
        'fund',
      ],
      [
        'czj',
        topUpFund as UseCase<never, unknown>,
        {
          fund: 'fund.district-subsidy',
          source: 'source.district-budget',
          amount: '1',
          postedOn: '2016-02-30',
          memo: 'x',
        },
        'postedOn',
      ],
    ];
    for (const [who, uc, input, field] of cases) {
      const e = await refusal(as(who, uc, input));
      expect(e, JSON.stringify(input)).toMatchObject({ status: 400, field });
      expect(e.message_zh).toMatch(/[\u4e00-\u9fff]/);
    }
    // A run id that does not exist, and roles outside the flow.
    expect(await refusal(as('czj', approveRun, { id: 'no-such-run' }))).toMatchObject({
      status: 404,
    });
    expect(await refusal(as('icbc', prepareRun, { period: '2016-Q1' }))).toMatchObject({
      status: 403,
    });
    expect(await refusal(as('baima', fundBalances, {}))).toMatchObject({ status: 403 });
    expect(await dump(t.app, STATE)).toEqual(before);
  });

  it('what-if re-prices a period with changed parameters, and nothing is stored', async () => {
    const before = await dump(t.app, STATE);
    // With late interest subsidised, C's 120.07 joins 2016-Q2: 597.71 + 120.07 = 717.78.
    const w = await as('czj', whatIf, {
      period: '2016-Q2',
      params: { 'art11.interest-subsidy.late-payment-subsidised': true },
    });
    expect(w.total).toEqual({
      key: 'total',
      baseline: '597.71',
      scenario: '717.78',
      delta: '120.07',
    });
    expect(w.byArticle).toEqual([
      { key: 'art. 11', baseline: '597.71', scenario: '717.78', delta: '120.07' },
    ]);
    expect(w.byTownship).toEqual([
      { key: BAIMA, baseline: '597.71', scenario: '717.78', delta: '120.07' },
    ]);
    const bad = await refusal(
      as('czj', whatIf, { period: '2016-Q2', params: { 'art11.no-such-parameter': 1 } }),
    );
    expect(bad).toMatchObject({ status: 400 });
    expect(await dump(t.app, STATE)).toEqual(before);
  });

  it('forecasts the next quarters from the schedules, as if paid on time', async () => {
    // 2016-Q3, each loan's second period, all on time:
    // A 04-10..07-09 = 21 + 31 + 30 + 9 = 91 days: 30,000 × 4.75 % × 91 / 360 = 360.21
    // B 05-15..08-14 = 17 + 30 + 31 + 14 = 92 days: 20,000 × 4.75 % × 92 / 360 = 242.78
    // C 04-20..07-19 = 11 + 31 + 30 + 19 = 91 days: 10,000 × 4.75 % × 91 / 360 = 120.07
    // = 723.06. 2016-Q4: A 07-10..10-09 = 92 days → 364.17, B 08-15..11-14 = 92 → 242.78,
    // C 07-20..10-19 = 92 → 121.39 (10,000 × 4.75 % × 92 / 360 = 121.3889) = 728.34.
    const f = await as('czj', forecast, { from: '2016-06-15', quarters: 2 });
    expect(f).toEqual([
      { period: '2016-Q3', total: '723.06', byArticle: [{ key: 'art. 11', total: '723.06' }] },
      { period: '2016-Q4', total: '728.34', byArticle: [{ key: 'art. 11', total: '728.34' }] },
    ]);
  });

  it('two overlapping runs approved at once pay the shared line once', async () => {
    // D: 10,000 at 4.75 %, contract 2016-04-05, first period 04-05..07-04 = 26 + 31 + 30 + 4
    // = 91 days → 120.07, due Tuesday 07-05, paid that day. July and 5 July both hold it.
    const p = await quarterlyProduct(t.app, a.admin!, 'MC-CONCURRENT');
    const d = await microLoan(t.app, a, p.id, {
      seq: 904,
      amount: '10000',
      annualRate: '4.75',
      termMonths: 36,
      contractDate: '2016-04-05',
      payments: [['2016-07-05', '120.07']],
    });
    const x = await reviewed('2016-07-01..2016-07-31');
    const y = await reviewed('2016-07-05..2016-07-05');
    expect([x.total, y.total]).toEqual(['120.07', '120.07']);
    const entries = async () =>
      (await t.app.store.db.selectFrom('ledger_entries').selectAll().execute()).length;
    const before = await entries();
    const outcomes = await Promise.allSettled([
      as('czj', approveRun, { id: x.id }),
      as('czj', approveRun, { id: y.id }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [failed] = outcomes.filter((o) => o.status === 'rejected');
    expect(failed!.reason).toMatchObject({ status: 409, code: 'line_already_claimed' });
    const claims = await t.app.store.db
      .selectFrom('settlement_claims')
      .selectAll()
      .where('line_key', 'like', `%|${d}|%`)
      .execute();
    expect(claims.map((c) => Number(c.amount))).toEqual([12007]);
    expect(await entries()).toBe(before + 1);
    expect((await funds()).trialBalance).toBe('0.00');
  });

  it('an adjustment run pays only the difference after a parameter changes', async () => {
    // From now on late interest is subsidised: C's 120.07 becomes payable for 2016-Q2.
    await as('admin', addParameterVersion, {
      id: 'art11.interest-subsidy.late-payment-subsidised',
      effectiveFrom: '2016-01-01',
      value: true,
      document: '测试：逾期利息也予贴息',
    });
    const adj = await as('jrzx', prepareRun, { kind: 'adjustment', period: '2016-Q2' });
    expect(adj).toMatchObject({ kind: 'adjustment', lineCount: 1, total: '120.07' });
    const [line] = await linesOf(adj.id);
    expect(line).toMatchObject({ subjectId: loans.C, amount: '120.07' });
    await as('jrzx', submitRun, { id: adj.id });
    await as('fpb', reviewRun, { id: adj.id });
    await as('czj', approveRun, { id: adj.id });
    expect((await funds()).trialBalance).toBe('0.00');
  });
});
