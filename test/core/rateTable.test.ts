import { describe, expect, it } from 'vitest';
import { loadBenchmarkTable, loadLprTable } from '../../src/app/policy/loadPolicyData.ts';
import { parseIsoDate, type IsoDate } from '../../src/core/calendarDate.ts';
import { DomainError } from '../../src/core/errors.ts';
import { rateToString } from '../../src/core/rate.ts';
import {
  benchmarkRate,
  benchmarkTableSchema,
  lookupBenchmark,
  lprRate,
  lprTableSchema,
  referenceRate,
  type ReferenceRateInput,
} from '../../src/core/rateTable.ts';

const benchmark = loadBenchmarkTable('policy/rates/benchmark-lending.yaml');
const lpr = loadLprTable('policy/rates/lpr.yaml');
const d = (s: string): IsoDate => parseIsoDate(s);
const b = (months: number, date: string): string =>
  rateToString(benchmarkRate(benchmark, months, d(date)));
const l = (months: number, date: string): string => rateToString(lprRate(lpr, months, d(date)));

function errorOf(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('benchmark table (rates.md)', () => {
  it.each([
    // five tiers
    [6, '2012-06-08', '5.85'],
    [12, '2012-07-05', '6.31'],
    [6, '2012-07-06', '5.60'],
    [7, '2012-07-06', '6.00'],
    [12, '2012-07-06', '6.00'],
    [13, '2012-07-06', '6.15'],
    [36, '2014-11-21', '6.15'],
    [37, '2014-11-21', '6.40'],
    [60, '2014-11-21', '6.40'],
    [61, '2014-11-21', '6.55'],
    [240, '2013-05-01', '6.55'],
    // three tiers from 2014-11-22
    [6, '2014-11-22', '5.60'],
    [12, '2014-11-22', '5.60'],
    [13, '2014-11-22', '6.00'],
    [60, '2014-11-22', '6.00'],
    [61, '2014-11-22', '6.15'],
    [12, '2015-03-01', '5.35'],
    [36, '2015-05-11', '5.50'],
    [240, '2015-06-28', '5.40'],
    [36, '2015-08-26', '5.00'],
    [36, '2015-10-23', '5.00'],
    [12, '2015-10-24', '4.35'],
    [36, '2015-10-24', '4.75'],
    [60, '2015-10-24', '4.75'],
    [61, '2015-10-24', '4.90'],
    [36, '2017-04-12', '4.75'],
    [36, '2024-01-01', '4.75'],
  ])('%i months on %s → %s', (months, date, rate) => {
    expect(b(months, date)).toBe(rate);
  });

  it('traces the row, tier and announcement', () => {
    const { trace } = lookupBenchmark(benchmark, 36, d('2017-04-12'));
    expect(trace).toMatchObject({
      source: 'benchmark',
      table: 'pboc-benchmark-lending',
      effective: '2015-10-24',
      tier: '1y-5y',
      tier_zh: '一至五年（含五年）',
      term_months: 36,
      on: '2017-04-12',
      rate: '4.75',
      announcement: { issuer_zh: '中国人民银行', announced: '2015-10-23' },
    });
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });

  it('refuses dates before the first row, naming the field', () => {
    const e = errorOf(() => benchmarkRate(benchmark, 36, d('2012-06-07'), 'loan.contractDate'));
    expect(e.code).toBe('RATE_TABLE_NO_ROW');
    expect(e.field).toBe('loan.contractDate');
  });

  it('refuses non-positive or fractional terms', () => {
    expect(errorOf(() => benchmarkRate(benchmark, 0, d('2017-01-01'))).field).toBe('termMonths');
    expect(errorOf(() => benchmarkRate(benchmark, 1.5, d('2017-01-01'))).field).toBe('termMonths');
  });
});

describe('LPR table (rates.md)', () => {
  it.each([
    [12, '2019-08-20', '4.25'],
    [59, '2019-08-20', '4.25'],
    [60, '2019-08-20', '4.85'],
    [360, '2019-09-19', '4.85'],
    [12, '2019-09-20', '4.20'],
    [36, '2019-11-20', '4.15'],
    [60, '2019-11-20', '4.80'],
    [36, '2020-02-20', '4.05'],
    [36, '2020-04-20', '3.85'],
    [60, '2020-04-20', '4.65'],
    [36, '2021-12-19', '3.85'],
    [36, '2021-12-20', '3.80'],
    [60, '2022-05-20', '4.45'],
    [36, '2022-08-22', '3.65'],
    [60, '2023-06-20', '4.20'],
    [36, '2023-08-21', '3.45'],
    [60, '2024-02-20', '3.95'],
    [60, '2024-07-22', '3.85'],
    [36, '2024-10-21', '3.10'],
    [36, '2025-05-20', '3.00'],
    [60, '2025-05-20', '3.50'],
  ])('%i months on %s → %s', (months, date, rate) => {
    expect(l(months, date)).toBe(rate);
  });

  it('has no LPR before 2019-08-20', () => {
    expect(errorOf(() => lprRate(lpr, 36, d('2019-08-19'))).code).toBe('RATE_TABLE_NO_ROW');
  });
});

describe('referenceRate', () => {
  const base: ReferenceRateInput = {
    benchmarkTable: benchmark,
    lprTable: lpr,
    termMonths: 36,
    contractDate: d('2015-06-01'),
    accrualDate: d('2015-12-20'),
    basis: 'contract-date',
    after20190820: 'benchmark',
  };

  it('uses the contract date by default and the accrual date when configured', () => {
    expect(rateToString(referenceRate(base).rate)).toBe('5.50');
    expect(referenceRate(base).trace.effective).toBe('2015-05-11');
    const accrual = referenceRate({ ...base, basis: 'accrual-date' });
    expect(rateToString(accrual.rate)).toBe('4.75');
    expect(accrual.trace.on).toBe('2015-12-20');
  });

  it('uses the LPR only from 2019-08-20 and only when configured', () => {
    const after = { ...base, contractDate: d('2020-01-10'), accrualDate: d('2020-06-20') };
    expect(rateToString(referenceRate(after).rate)).toBe('4.75');
    const onLpr = referenceRate({ ...after, after20190820: 'lpr' });
    expect(rateToString(onLpr.rate)).toBe('4.15');
    expect(onLpr.trace).toMatchObject({ source: 'lpr', tier: '1y', effective: '2019-11-20' });
    expect(
      rateToString(referenceRate({ ...after, after20190820: 'lpr', basis: 'accrual-date' }).rate),
    ).toBe('3.85');
    // A 2017 contract keeps the benchmark under the LPR setting (contract-date basis).
    expect(
      rateToString(
        referenceRate({ ...base, contractDate: d('2017-04-12'), after20190820: 'lpr' }).rate,
      ),
    ).toBe('4.75');
    // A custom switch date.
    expect(
      referenceRate({ ...after, after20190820: 'lpr', lprSwitchDate: d('2020-02-01') }).trace
        .source,
    ).toBe('benchmark');
  });

  it('names the date field that is out of range', () => {
    const early = { ...base, contractDate: d('2010-01-01'), accrualDate: d('2011-01-01') };
    expect(errorOf(() => referenceRate(early)).field).toBe('contractDate');
    expect(errorOf(() => referenceRate({ ...early, basis: 'accrual-date' })).field).toBe(
      'accrualDate',
    );
    expect(
      errorOf(() =>
        referenceRate({
          benchmarkTable: benchmark,
          termMonths: 36,
          contractDate: d('2020-01-10'),
          accrualDate: d('2020-01-10'),
          basis: 'contract-date',
          after20190820: 'lpr',
        }),
      ).field,
    ).toBe('lprTable');
  });
});

describe('table schemas', () => {
  const row = (effective: string, tiers: unknown[]) => ({
    effective,
    tiers,
    announcement: { issuer_zh: '中国人民银行', title_zh: 't', announced: effective },
  });
  const tier = (id: string, max: number | null, rate: string) => ({
    id,
    label_zh: id,
    max_term_months: max,
    rate,
  });
  const table = (rows: unknown[]) => ({
    id: 't',
    title_zh: 't',
    title_en: 't',
    unit: 'percent',
    rows,
  });

  it('accepts a well-formed table', () => {
    expect(
      benchmarkTableSchema.safeParse(
        table([row('2015-01-01', [tier('a', 12, '5'), tier('b', null, '6')])]),
      ).success,
    ).toBe(true);
  });

  it.each([
    [
      'unsorted rows',
      table([row('2015-02-01', [tier('a', null, '5')]), row('2015-01-01', [tier('a', null, '5')])]),
      'rows.1.effective',
    ],
    [
      'open tier not last',
      table([row('2015-01-01', [tier('a', null, '5'), tier('b', 12, '6')])]),
      'rows.0.tiers.0.max_term_months',
    ],
    [
      'decreasing tiers',
      table([row('2015-01-01', [tier('a', 12, '5'), tier('b', 6, '6'), tier('c', null, '7')])]),
      'rows.0.tiers.1.max_term_months',
    ],
    ['bad rate', table([row('2015-01-01', [tier('a', null, '5%')])]), 'rows.0.tiers.0.rate'],
    ['bad date', table([row('2015-02-30', [tier('a', null, '5')])]), 'rows.0.effective'],
  ])('rejects %s', (_name, input, path) => {
    const result = benchmarkTableSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('rejects unknown keys in the LPR table', () => {
    const t = table([
      {
        effective: '2019-08-20',
        one_year: '4.25',
        five_year: '4.85',
        extra: 1,
        announcement: { issuer_zh: 'x', title_zh: 'y', announced: '2019-08-20' },
      },
    ]);
    expect(lprTableSchema.safeParse(t).success).toBe(false);
  });
});
