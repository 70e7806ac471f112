import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import {
  approveReport,
  getReport,
  listReports,
  rejectReport,
  submitReport,
} from '../../src/app/statistics/reports.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, dump, expectBilingual, refusal } from './helpers.ts';
import { emptyDistrict } from './settlementSetup.ts';
import { linesOf, Q1_2017, type Figures } from './statisticsSetup.ts';

/**
 * Institution statistics (issue 7 §3) on both dialects. ICBC's 2017-Q1 (statisticsSetup)
 * holds together: agricultural 600,000 ≤ all 1,000,000; farm-household 400,000 ≤
 * agricultural; poor households 120,000 ≤ farm-household; the poverty kinds
 * 100,000 + 150,000 + 200,000 = 450,000 ≤ all; new lending 50,000 + 40,000 + 0 = 90,000
 * ≤ 300,000; borrowers 80 + 5 + 2 = 87 ≤ 500; every NPL within its balance.
 * It is ICBC's first report, so there is no earlier balance to reconcile with.
 *
 * 2017-Q2 must continue it: balance = Q1 balance + new lending − repaid, e.g. all loans
 * 1,000,000 + 200,000 − 150,000 = 1,050,000.
 */

const Q2_2017: Figures = {
  all: ['1050000', '200000', '150000', 520, '9000'],
  agricultural: ['650000', '100000', '50000', 410, '8000'],
  farm_household: ['430000', '60000', '30000', 310, '5000'],
  poverty_individual: ['120000', '30000', '10000', 85, '1000'],
  poverty_industry: ['150000', '0', '0', 5, '0'],
  poverty_project: ['180000', '0', '20000', 2, '0'],
  poor_household: ['140000', '30000', '10000', 95, '1000'],
};

describeEachDialect('institution statistics', (dialect) => {
  let t: TestApp;
  let a: Record<string, Actor>;
  let q1: string;

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock('2017-07-03T01:00:00.000Z').now);
    a = await emptyDistrict(t.app);
    a.rh = (await actorFor(t.app, 'rh')).actor;
    a.abc = (await actorFor(t.app, 'abc')).actor;
  });
  afterAll(() => t.close());

  const submit = (who: Actor, period: string, f: Figures, extra: object = {}) =>
    execute(t.app, who, submitReport, { period, lines: linesOf(f), ...extra });

  it('takes a consistent report from a bank and lets the PBOC sub-branch approve it', async () => {
    const r = await submit(a.icbc!, '2017-Q1', Q1_2017);
    expect(r).toMatchObject({
      status: 'submitted',
      institutionId: a.icbc!.institutionId,
      from: '2017-01-01',
      to: '2017-03-31',
    });
    q1 = r.id;
    const approved = await execute(t.app, a.rh!, approveReport, { id: r.id, version: 1 });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'rh' });
    const got = await execute(t.app, a.icbc!, getReport, { id: r.id });
    expect(got.lines.find((l) => l.category === 'poverty_project')).toMatchObject({
      balance: '200000.00',
      repaid: '20000.00',
      borrowers: 2,
    });
  });

  it('refuses bad reports with a clear, field-named error and changes nothing', async () => {
    const bad = (category: keyof Figures, index: number, value: string): Figures => {
      const row = [...Q2_2017[category]] as [string, string, string, number, string];
      (row as unknown[])[index] = value;
      return { ...Q2_2017, [category]: row };
    };
    const before = await dump(t.app);
    const cases: [string, () => Promise<unknown>, string, string][] = [
      // agricultural 1,100,000 > all 1,050,000
      [
        'part above total',
        () => submit(a.icbc!, '2017-Q2', bad('agricultural', 0, '1100000')),
        'lines.1.balance',
        'invalid_input',
      ],
      // 120,000 + 150,000 + 800,000 = 1,070,000 > 1,050,000
      [
        'poverty kinds above total',
        () => submit(a.icbc!, '2017-Q2', bad('poverty_project', 0, '800000')),
        'lines.3.balance',
        'invalid_input',
      ],
      [
        'negative balance',
        () => submit(a.icbc!, '2017-Q2', bad('all', 0, '-5')),
        'lines.0.balance',
        'invalid_input',
      ],
      [
        'NPL above balance',
        () => submit(a.icbc!, '2017-Q2', bad('poverty_industry', 4, '150000.01')),
        'lines.4.npl',
        'invalid_input',
      ],
      // previous 1,000,000 + 200,000 − 150,000 = 1,050,000, reported 1,040,000 (and
      // agricultural etc. still fit under it)
      [
        'balance not reconciling with flows',
        () => submit(a.icbc!, '2017-Q2', bad('all', 0, '1040000')),
        'lines.0.balance',
        'invalid_input',
      ],
      [
        'period already approved',
        () => submit(a.icbc!, '2017-Q1', Q1_2017),
        'period',
        'period_approved',
      ],
      [
        'a month inside the approved quarter',
        () => submit(a.icbc!, '2017-02', Q1_2017),
        'period',
        'period_approved',
      ],
      [
        'a bank reporting for another',
        () => submit(a.icbc!, '2017-Q2', Q2_2017, { institutionId: a.abc!.institutionId }),
        'institutionId',
        'invalid_input',
      ],
      ['a period not ended', () => submit(a.icbc!, '2017-Q3', Q2_2017), 'period', 'invalid_input'],
      ['a malformed period', () => submit(a.icbc!, '2017-13', Q2_2017), 'period', 'invalid_input'],
      [
        'a category twice',
        () =>
          execute(t.app, a.icbc!, submitReport, {
            period: '2017-Q2',
            lines: [...linesOf(Q2_2017).slice(0, 6), linesOf(Q2_2017)[0]],
          }),
        'lines.6.category',
        'invalid_input',
      ],
      [
        'a category missing',
        () =>
          execute(t.app, a.icbc!, submitReport, {
            period: '2017-Q2',
            lines: linesOf(Q2_2017).slice(0, 6),
          }),
        'lines',
        'invalid_input',
      ],
    ];
    for (const [what, run, field, code] of cases) {
      const e = await refusal(run());
      expect([e.field, e.code], what).toEqual([field, code]);
      expectBilingual(e.toJSON());
    }
    const reconcile = await refusal(submit(a.icbc!, '2017-Q2', bad('all', 0, '1040000')));
    expect(reconcile.message_en).toContain(
      '1000000.00 + new 200000.00 − repaid 150000.00 = 1050000.00',
    );
    expect(await dump(t.app)).toEqual(before);
  });

  it('takes the next quarter when it reconciles, and keeps one live report per period', async () => {
    const q2 = await submit(a.icbc!, '2017-Q2', Q2_2017);
    const before = await dump(t.app);
    const twice = await refusal(submit(a.icbc!, '2017-Q2', Q2_2017));
    expect(twice.code).toBe('period_submitted');
    expect(await dump(t.app)).toEqual(before);
    // rejected, it may be corrected and sent again
    await execute(t.app, a.rh!, rejectReport, { id: q2.id, version: 1, note: '请核对户数' });
    const again = await submit(a.icbc!, '2017-Q2', Q2_2017);
    expect(again.status).toBe('submitted');
    const decided = await refusal(execute(t.app, a.rh!, approveReport, { id: q1, version: 2 }));
    expect(decided.code).toBe('report_decided');
  });

  it('shows a bank only its own reports, and only the PBOC sub-branch approves', async () => {
    const theirs = await refusal(execute(t.app, a.abc!, getReport, { id: q1 }));
    expect(theirs.kind).toBe('not_found');
    expect((await execute(t.app, a.abc!, listReports, {})).total).toBe(0);
    expect((await execute(t.app, a.icbc!, listReports, {})).total).toBe(3);
    const { items } = await execute(t.app, a.icbc!, listReports, { status: 'submitted' });
    const self = await refusal(
      execute(t.app, a.icbc!, approveReport, { id: items[0]!.id, version: 1 }),
    );
    expect(self.kind).toBe('forbidden');
  });
});
