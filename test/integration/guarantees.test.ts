import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import {
  createGuarantee,
  getGuarantee,
  listGuarantees,
  type GuaranteeOut,
} from '../../src/app/guarantees/guarantees.ts';
import {
  recordGuaranteeEvent,
  recordGuaranteeYear,
} from '../../src/app/guarantees/guaranteeRecords.ts';
import { ExportTarget } from '../../src/app/register/exportRegister.ts';
import { paymentList } from '../../src/app/settlement/paymentList.ts';
import { setLoanSubsidyFacts } from '../../src/app/settlement/loanFacts.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { getRun, listRunLines, type LineOut } from '../../src/app/settlement/runQueries.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, dump, refusal } from './helpers.ts';
import { product } from './loanSetup.ts';
import { emptyDistrict, microLoan } from './settlementSetup.ts';

/**
 * Guarantee contracts (issue 5 §1) and the yearly lines they earn in settlement, on both
 * dialects. 兴农担保 guarantees ICBC loans; a year is settled by the run whose period
 * holds its 31 December (2017-Q4 here), with the values worked out from the text:
 *
 * Art. 20 (land-income guarantee loans; fee ≤ 1 % → city 1 % and district 1 % of the
 * year's new guarantees):
 *   G20: fee 1 %, 2017 new guarantees 500,000 → city 5,000.00 and district 5,000.00.
 *   G20x: fee 1.5 % > 1 %: a line of 0 that says why.
 * Art. 12 (mortgage loan to a self-employed poor household, granted after 2015-08-01 at
 * ≤ benchmark + 2 points = 4.75 % + 2 = 6.75 % for 36 months):
 *   L12: 100,000 at 6.75 %, interest only, no principal repaid: year-end balance
 *   100,000 → lender 1 % = 1,000.00; its guarantee G12, fee 2 % (≤ 2 %), 2017 new
 *   guarantees 100,000 → guarantor 0.5 % = 500.00.
 * Art. 22 (guarantees to enterprises and large farmers of poor townships at ≤ 1 %; the
 * district pays 1 % of the guarantees issued in the year, once):
 *   G22: a large farmer in a poor township, 300,000 at 1 %, issued 2017-06-01 → 3,000.00.
 * Art. 22's entrusted loans (≤ 7 %, the same borrowers; 1 % of the loans granted in the
 * year, once, to the company that entrusted them):
 *   L22: 兴农担保's entrusted loan of 300,000 at 6.50 % to that farmer → 3,000.00.
 *   L22x: 200,000 at 7.50 % > 7 %: a line of 0 that says why.
 *   L22m: nobody recorded who entrusted it: a line of 0 that says so.
 * 2017-Q4 owes 10,000.00 + 1,500.00 + 3,000.00 + 3,000.00 = 17,500.00.
 */

const BASE = {
  nameZh: '测试贷款',
  nameEn: 'Test loan',
  minAmount: '1000',
  maxAmount: '5000000',
  minTermMonths: 1,
  maxTermMonths: 60,
  method: 'interest-only',
  interestPeriod: 'quarterly',
};

const dir = mkdtempSync(join(tmpdir(), 'jinfu-guarantees-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('guarantees and their settlement lines', (dialect) => {
  const clock = new Clock('2018-03-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;
  const g: Record<string, GuaranteeOut> = {};
  const loans: Record<string, string> = {};

  const as = <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O> =>
    execute(t.app, a[who]!, uc, input);
  const guarantee = (loanNo: string, contractNo: string, values: object) =>
    as('xndb', createGuarantee, {
      contractNo,
      lenderId: a.icbc!.institutionId,
      loanContractNo: loanNo,
      startDate: '2017-03-01',
      endDate: '2020-03-01',
      ...values,
    });

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    a = await emptyDistrict(t.app);
    for (const who of ['xndb', 'abc', 'picc']) a[who] = (await actorFor(t.app, who)).actor;
    const land = await product(t.app, a.admin!, {
      ...BASE,
      code: 'LAND-Q',
      category: 'land_income_guarantee',
      collateral: 'pledge',
    });
    const mortgage = await product(t.app, a.admin!, {
      ...BASE,
      code: 'SELF-Q',
      category: 'self_employed_mortgage',
      collateral: 'mortgage',
    });
    const entrusted = await product(t.app, a.admin!, {
      ...BASE,
      code: 'ENT-Q',
      category: 'entrusted',
      collateral: 'guarantee',
    });
    const loan = (seq: number, p: { id: string }, amount: string, rate: string, date: string) =>
      microLoan(t.app, a, p.id, {
        seq,
        amount,
        annualRate: rate,
        termMonths: 36,
        contractDate: date,
        payments: [],
      });
    loans.L20 = await loan(201, land, '500000', '5.00', '2017-03-01');
    loans.L20x = await loan(202, land, '200000', '5.00', '2017-03-01');
    loans.L12 = await loan(203, mortgage, '100000', '6.75', '2017-05-10');
    loans.L22 = await loan(204, entrusted, '300000', '6.50', '2017-06-01');
    loans.L22x = await loan(205, entrusted, '200000', '7.50', '2017-07-01');
    loans.L22m = await loan(206, entrusted, '100000', '6.00', '2017-08-01');
    for (const key of ['L22', 'L22x']) {
      await as('icbc', setLoanSubsidyFacts, {
        id: loans[key],
        expectedVersion: 0,
        entrustedBy: a.xndb!.institutionId,
        borrowerKind: 'large-farmer',
        inPoorTownship: true,
      });
    }
    g.G20 = await guarantee('SETTLE-201', 'XN-2017-020', { feeRate: '1', amount: '500000' });
    g.G20x = await guarantee('SETTLE-202', 'XN-2017-021', { feeRate: '1.5', amount: '200000' });
    g.G12 = await guarantee('SETTLE-203', 'XN-2017-012', { feeRate: '2', amount: '100000' });
    g.G22 = await guarantee('SETTLE-204', 'XN-2017-022', {
      feeRate: '1',
      amount: '300000',
      startDate: '2017-06-01',
      borrowerKind: 'large-farmer',
      inPoorTownship: true,
    });
    for (const [key, amount] of [
      ['G20', '500000'],
      ['G20x', '200000'],
      ['G12', '100000'],
    ] as const) {
      await as('xndb', recordGuaranteeYear, { id: g[key]!.id, year: 2017, newAmount: amount });
    }
  }, 180_000);
  afterAll(() => t?.close());

  it('records a guarantee with its loan, years, compensations and recoveries', async () => {
    expect(g.G20).toMatchObject({
      guarantorId: a.xndb!.institutionId,
      lenderId: a.icbc!.institutionId,
      loanId: loans.L20,
      loanContractNo: 'SETTLE-201',
      feeRate: '1.00',
      amount: '500000.00',
      borrowerKind: null,
    });
    await as('xndb', recordGuaranteeEvent, {
      id: g.G20x!.id,
      kind: 'compensation',
      occurredOn: '2017-11-20',
      amount: '50000',
      note: '借款人逾期，代偿本息',
    });
    const detail = await as('xndb', recordGuaranteeEvent, {
      id: g.G20x!.id,
      kind: 'recovery',
      occurredOn: '2018-01-15',
      amount: '20000.50',
    });
    expect(detail.years).toEqual([{ year: 2017, newAmount: '200000.00' }]);
    expect(detail.events.map((e) => [e.kind, e.occurredOn, e.amount])).toEqual([
      ['compensation', '2017-11-20', '50000.00'],
      ['recovery', '2018-01-15', '20000.50'],
    ]);
    // The guarantor sees its own; district offices all; a lender none of it.
    expect((await as('xndb', listGuarantees, {})).total).toBe(4);
    expect((await as('jrzx', listGuarantees, {})).total).toBe(4);
    expect(await as('fpb', getGuarantee, { id: g.G22!.id })).toMatchObject({
      borrowerKind: 'large-farmer',
      inPoorTownship: true,
    });
    expect(await refusal(as('icbc', listGuarantees, {}))).toMatchObject({ status: 403 });
  });

  it('refuses bad guarantee input with a field error, and changes nothing', async () => {
    const before = await dump(t.app);
    const good = {
      contractNo: 'XN-2017-099',
      lenderId: a.icbc!.institutionId,
      loanContractNo: 'SETTLE-204',
      feeRate: '1',
      amount: '1000',
      startDate: '2017-06-01',
      endDate: '2018-06-01',
    };
    const cases: [object, number, string][] = [
      [{ amount: '-5' }, 400, 'amount'],
      [{ amount: '300000.01' }, 400, 'amount'],
      [{ feeRate: '12' }, 400, 'feeRate'],
      [{ feeRate: '-1' }, 400, 'feeRate'],
      [{ feeRate: 'abc' }, 400, 'feeRate'],
      // another bank's loan: ABC has no loan SETTLE-204
      [{ lenderId: a.abc!.institutionId }, 400, 'loanContractNo'],
      [{ loanContractNo: 'NO-SUCH-LOAN' }, 400, 'loanContractNo'],
      [{ endDate: '2017-05-31' }, 400, 'endDate'],
      [{ startDate: '2017-02-30' }, 400, 'startDate'],
      [{ borrowerKind: 'enterprise' }, 400, 'inPoorTownship'],
      // duplicates: the contract number, and a second guarantee of one loan
      [{ contractNo: 'XN-2017-020' }, 409, 'contractNo'],
      [{}, 409, 'loanContractNo'],
    ];
    for (const [change, status, field] of cases) {
      const r = await refusal(as('xndb', createGuarantee, { ...good, ...change }));
      expect(r, JSON.stringify(change)).toMatchObject({ status, field });
    }
    const id = g.G20!.id;
    const recordCases: ['year' | 'event', object, number, string][] = [
      ['year', { id, year: 2021, newAmount: '1' }, 400, 'year'],
      ['year', { id, year: 2017, newAmount: '1' }, 409, 'year'],
      ['year', { id, year: 2018, newAmount: '500000.01' }, 400, 'newAmount'],
      ['year', { id, year: 2018, newAmount: '-1' }, 400, 'newAmount'],
      [
        'event',
        { id, kind: 'compensation', occurredOn: '2017-02-28', amount: '1' },
        400,
        'occurredOn',
      ],
      [
        'event',
        { id, kind: 'compensation', occurredOn: '2018-03-02', amount: '1' },
        400,
        'occurredOn',
      ],
      [
        'event',
        { id, kind: 'compensation', occurredOn: '2017-12-01', amount: '500000.01' },
        400,
        'amount',
      ],
      // nothing compensated on G20 yet, so nothing to recover
      ['event', { id, kind: 'recovery', occurredOn: '2017-12-01', amount: '1' }, 400, 'amount'],
      // G20x: 50,000 compensated on 2017-11-20, 20,000.50 recovered: 29,999.50 left
      [
        'event',
        { id: g.G20x!.id, kind: 'recovery', occurredOn: '2018-02-01', amount: '29999.51' },
        400,
        'amount',
      ],
      // a recovery dated before the compensation it would recover
      [
        'event',
        { id: g.G20x!.id, kind: 'recovery', occurredOn: '2017-11-19', amount: '1' },
        400,
        'amount',
      ],
    ];
    for (const [what, input, status, field] of recordCases) {
      const uc = what === 'year' ? recordGuaranteeYear : recordGuaranteeEvent;
      const r = await refusal(as<unknown, unknown>('xndb', uc as UseCase<unknown, unknown>, input));
      expect(r, JSON.stringify(input)).toMatchObject({ status, field });
    }
    expect(await dump(t.app)).toEqual(before);
  });

  it('refuses entrusted-loan facts naming no guarantee company, and changes nothing', async () => {
    const before = await dump(t.app);
    const facts = (values: object) =>
      refusal(
        as('icbc', setLoanSubsidyFacts, {
          id: loans.L22m,
          expectedVersion: 0,
          borrowerKind: 'enterprise',
          inPoorTownship: true,
          ...values,
        }),
      );
    // a bank is not a guarantee company; an unknown id neither; the field is required
    expect(await facts({ entrustedBy: a.icbc!.institutionId })).toMatchObject({
      status: 400,
      field: 'entrustedBy',
    });
    expect(await facts({ entrustedBy: 'nope' })).toMatchObject({ field: 'entrustedBy' });
    expect(await facts({})).toMatchObject({ field: 'entrustedBy' });
    expect(await facts({ entrustedBy: a.xndb!.institutionId, borrowerKind: 'bank' })).toMatchObject(
      { field: 'borrowerKind' },
    );
    expect(await dump(t.app)).toEqual(before);
  });

  it('pays arts. 12, 20 and 22 in the run that holds 31 December, as worked out by hand', async () => {
    const q3 = await as('jrzx', prepareRun, { period: '2017-Q3' });
    expect(q3).toMatchObject({ lineCount: 0, total: '0.00' });

    const run = await as('jrzx', prepareRun, { period: '2017-Q4' });
    expect(run).toMatchObject({ lineCount: 9, total: '17500.00' });
    const lines: LineOut[] = (await as('jrzx', listRunLines, { id: run.id, pageSize: 50 })).items;
    const about = (id: string) =>
      lines
        .filter((l) => l.subjectId === id)
        .map((l) => [l.article, l.payer, l.payeeKind, l.payeeName, l.amount, l.excludedBy]);
    const xn = '区兴农担保公司';
    expect(about(g.G20!.id)).toEqual([
      ['art. 20', 'city', 'guarantor', xn, '5000.00', null],
      ['art. 20', 'district', 'guarantor', xn, '5000.00', null],
    ]);
    expect(about(g.G20x!.id)).toEqual([['art. 20', 'district', 'guarantor', xn, '0.00', 'system']]);
    expect(about(loans.L12!)).toEqual([
      ['art. 12', 'district', 'bank', '工行武隆支行', '1000.00', null],
    ]);
    expect(about(g.G12!.id)).toEqual([['art. 12', 'district', 'guarantor', xn, '500.00', null]]);
    expect(about(g.G22!.id)).toEqual([['art. 22', 'district', 'guarantor', xn, '3000.00', null]]);
    expect(about(loans.L22!)).toEqual([['art. 22', 'district', 'guarantor', xn, '3000.00', null]]);
    const zero = (id: string) => lines.find((l) => l.subjectId === id)!;
    expect(zero(loans.L22x!)).toMatchObject({ amount: '0.00', excludedBy: 'system' });
    expect(zero(loans.L22x!).excludedReason).toContain('7%');
    expect(zero(loans.L22m!)).toMatchObject({ amount: '0.00', excludedBy: 'system' });
    expect(zero(loans.L22m!).excludedReason).toContain('entrustedBy');
    expect(lines.every((l) => l.accrualPeriod === '2017-01-01..2017-12-31')).toBe(true);
    // each line shows its own contract: the loan's for the lender, the guarantee's else
    expect(lines.find((l) => l.subjectId === loans.L12)!.contractNo).toBe('SETTLE-203');
    expect(lines.find((l) => l.subjectId === g.G22!.id)!.contractNo).toBe('XN-2017-022');

    // Each line keeps the rule input that priced it.
    const stored = await t.app.store.db
      .selectFrom('settlement_lines')
      .select(['subject_id', 'input_json'])
      .where('run_id', '=', run.id)
      .execute();
    const input = (id: string) =>
      JSON.parse(stored.find((l) => l.subject_id === id)!.input_json) as unknown;
    expect(input(g.G20!.id)).toEqual({
      year: 2017,
      feeRate: '1.00',
      newGuaranteeAmount: '500000.00',
    });
    expect(input(g.G12!.id)).toEqual({
      year: 2017,
      borrower: { registeredPoor: true, selfEmployed: true },
      loan: {
        security: 'mortgage',
        grantDate: '2017-05-10',
        termMonths: 36,
        contractRate: '6.75',
        yearEndBalance: '100000.00',
      },
      guarantee: { feeRate: '2.00', newAmountInYear: '100000.00' },
    });
    const detail = await as('fpb', getRun, { id: run.id });
    expect(detail.byArticle).toEqual([
      { key: 'art. 12', lines: 2, total: '1500.00' },
      { key: 'art. 20', lines: 2, total: '10000.00' },
      { key: 'art. 22', lines: 2, total: '6000.00' },
    ]);

    // The payment list has a sheet for the guarantor beside the bank, with the guarantee
    // contract numbers.
    const file = join(dir, `guarantees-${dialect}.xlsx`);
    expect(
      await as('audit', paymentList, { id: run.id, target: ExportTarget.toPath(file) }),
    ).toEqual({ banks: 2, lines: 6, total: '17500.00' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = (book.getWorksheet(xn)!.getSheetValues() as unknown[][])
      .filter(Boolean)
      .map((r) => r.slice(1));
    const header = sheet.findIndex((r) => r[0] === '序号');
    expect(
      sheet
        .slice(header + 1, header + 6)
        .map((r) => [r[5], r[6], r[8]])
        .sort(),
    ).toEqual([
      ['SETTLE-204', 'art. 22', 3000],
      ['XN-2017-012', 'art. 12', 500],
      ['XN-2017-020', 'art. 20', 5000],
      ['XN-2017-020', 'art. 20', 5000],
      ['XN-2017-022', 'art. 22', 3000],
    ]);
  });
});
