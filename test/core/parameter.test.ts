import { describe, expect, it } from 'vitest';
import { parseIsoDate, type IsoDate } from '../../src/core/calendarDate.ts';
import { DomainError } from '../../src/core/errors.ts';
import {
  formatParameterValue,
  parseParameterDocument,
  parseParameterValue,
  type ParameterDefinition,
} from '../../src/core/policy/parameter.ts';
import {
  buildParameterSnapshot,
  formatLookup,
  overrideParameters,
  paramBoolean,
  paramDate,
  paramEnum,
  paramFen,
  paramInteger,
  paramRate,
  paramRatio,
  paramValue,
} from '../../src/core/policy/parameterSet.ts';
import { rateToString } from '../../src/core/rate.ts';

const d = (s: string): IsoDate => parseIsoDate(s);

const doc = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'art11.micro-credit.max-amount',
  article: 11,
  title_zh: '扶贫小额信贷额度上限',
  title_en: 'Poverty micro-credit amount cap per household',
  unit: 'CNY',
  quote: '5万元额度',
  values: [{ from: '2015-01-01', value: 50000, document: '武隆府办发〔2017〕53号' }],
  ...over,
});

function ok(raw: unknown): ParameterDefinition {
  const r = parseParameterDocument(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function fields(raw: unknown): string[] {
  const r = parseParameterDocument(raw);
  return r.ok ? [] : r.issues.map((i) => i.field);
}

describe('parameter file schema', () => {
  it('accepts the documented example and numbers the versions', () => {
    const def = ok(
      doc({
        values: [
          { from: '2015-01-01', value: 50000, document: 'A' },
          { from: '2019-01-01', value: '60000.50', document: 'B', note: 'raised' },
        ],
      }),
    );
    expect(def.versions.map((v) => [v.version, v.from, v.value, v.document])).toEqual([
      [1, '2015-01-01', 5_000_000, 'A'],
      [2, '2019-01-01', 6_000_050, 'B'],
    ]);
  });

  it.each([
    ['an unknown key', doc({ extra: 1 }), 'extra'],
    [
      'an unknown key in a value',
      doc({ values: [{ from: '2015-01-01', value: 1, document: 'x', by: 'me' }] }),
      'values[0].by',
    ],
    [
      'a value without a document',
      doc({ values: [{ from: '2015-01-01', value: 1 }] }),
      'values[0].document',
    ],
    [
      'an empty document',
      doc({ values: [{ from: '2015-01-01', value: 1, document: ' ' }] }),
      'values[0].document',
    ],
    ['no values', doc({ values: [] }), 'values'],
    [
      'a bad date',
      doc({ values: [{ from: '2015-02-30', value: 1, document: 'x' }] }),
      'values[0].from',
    ],
    ['an unknown unit', doc({ unit: 'USD' }), 'unit'],
    ['a bad id', doc({ id: 'Art11.cap' }), 'id'],
    ['an article that does not match the id', doc({ article: 12 }), 'article'],
    ['an article out of range', doc({ id: 'art37.x', article: 37 }), 'id'],
    ['a missing quote', doc({ quote: undefined }), 'quote'],
    [
      'an enum without choices',
      doc({ unit: 'enum', values: [{ from: '2015-01-01', value: 'a', document: 'x' }] }),
      'choices',
    ],
    ['choices on a non-enum', doc({ choices: ['a'] }), 'choices'],
  ])('rejects %s, naming the field', (_name, raw, field) => {
    expect(fields(raw)).toContain(field);
  });

  it.each([
    ['CNY', 'abc'],
    ['CNY', 1.234],
    ['CNY', true],
    ['percent', '4.75%'],
    ['percent', [1]],
    ['percentage-points', true],
    ['count', 1.5],
    ['count', '3'],
    ['count', -1],
    ['years', '3'],
    ['months', 2.5],
    ['date', 20150801],
    ['date', '2015-8-1'],
    ['boolean', 'true'],
    ['boolean', 1],
    ['ratio', '-0.9'],
    ['ratio', 'x'],
  ])('rejects a %s value %j at values[0].value', (unit, value) => {
    expect(fields(doc({ unit, values: [{ from: '2015-01-01', value, document: 'x' }] }))).toEqual([
      'values[0].value',
    ]);
  });

  it('rejects an enum value outside its choices', () => {
    const raw = doc({
      unit: 'enum',
      choices: ['a', 'b'],
      values: [{ from: '2015-01-01', value: 'c', document: 'x' }],
    });
    expect(fields(raw)).toEqual(['values[0].value']);
  });

  it('rejects unsorted and duplicate dates, naming the later value', () => {
    const v = (from: string) => ({ from, value: 1, document: 'x' });
    expect(fields(doc({ values: [v('2016-01-01'), v('2015-01-01')] }))).toEqual(['values[1].from']);
    expect(fields(doc({ values: [v('2015-01-01'), v('2015-01-01')] }))).toEqual(['values[1].from']);
  });

  it('reads each unit to its typed value', () => {
    expect(parseParameterValue('CNY', 50000, undefined)).toBe(5_000_000);
    expect(parseParameterValue('CNY', '364.17', undefined)).toBe(36417);
    expect(rateToString(parseParameterValue('percent', 0.5, undefined) as never)).toBe('0.50');
    expect(rateToString(parseParameterValue('percentage-points', '2', undefined) as never)).toBe(
      '2.00',
    );
    expect(parseParameterValue('count', 69, undefined)).toBe(69);
    expect(parseParameterValue('date', '2015-08-01', undefined)).toBe('2015-08-01');
    expect(parseParameterValue('ratio', 0.9, undefined)).toBe('0.9');
    expect(parseParameterValue('boolean', false, undefined)).toBe(false);
    expect(parseParameterValue('enum', 'lpr', ['benchmark', 'lpr'])).toBe('lpr');
    expect(() => parseParameterValue('enum', 'x', ['a'], 'art11.x')).toThrow(DomainError);
    expect(formatParameterValue('CNY', parseParameterValue('CNY', 50000, undefined))).toBe(
      '50000.00',
    );
    expect(formatParameterValue('percent', parseParameterValue('percent', '1.75', undefined))).toBe(
      '1.75',
    );
  });
});

describe('parameter snapshot', () => {
  const cap = ok(
    doc({
      values: [
        { from: '2015-01-01', value: 50000, document: 'A' },
        { from: '2019-01-01', value: 60000, document: 'B' },
      ],
    }),
  );
  const share = ok({
    ...doc(),
    id: 'art14.project-subsidy.share',
    article: 14,
    unit: 'percent',
    values: [{ from: '2015-01-01', value: '100', document: 'A' }],
  });
  const basis = ok({
    ...doc(),
    id: 'art11.basis',
    unit: 'enum',
    choices: ['contract-date', 'accrual-date'],
    values: [{ from: '2015-01-01', value: 'contract-date', document: 'A' }],
  });
  const late = ok({
    ...doc(),
    id: 'art11.late',
    unit: 'boolean',
    values: [{ from: '2015-01-01', value: false, document: 'A' }],
  });
  const from = ok({
    ...doc(),
    id: 'art12.from',
    article: 12,
    unit: 'date',
    values: [{ from: '2015-01-01', value: '2015-08-01', document: 'A' }],
  });
  const term = ok({
    ...doc(),
    id: 'art11.term',
    unit: 'years',
    values: [{ from: '2015-01-01', value: 3, document: 'A' }],
  });
  const factor = ok({
    ...doc(),
    id: 'art16.factor',
    article: 16,
    unit: 'ratio',
    values: [{ from: '2015-01-01', value: '0.9', document: 'A' }],
  });
  const snap = buildParameterSnapshot([cap, share, basis, late, from, term, factor]);

  it('returns the version in force on the date, with trace data', () => {
    expect(paramValue(snap, 'art11.micro-credit.max-amount', d('2018-12-31'))).toEqual({
      id: 'art11.micro-credit.max-amount',
      unit: 'CNY',
      value: 5_000_000,
      version: 1,
      from: '2015-01-01',
      document: 'A',
      on: '2018-12-31',
    });
    const v2 = paramFen(snap, 'art11.micro-credit.max-amount', d('2019-01-01'));
    expect([v2.value, v2.version, v2.document]).toEqual([6_000_000, 2, 'B']);
    expect(formatLookup(v2)).toBe('60000.00');
  });

  it('has typed getters that check the unit', () => {
    const on = d('2017-01-01');
    expect(rateToString(paramRate(snap, 'art14.project-subsidy.share', on).value)).toBe('100.00');
    expect(
      paramEnum(snap, 'art11.basis', on, ['contract-date', 'accrual-date'] as const).value,
    ).toBe('contract-date');
    expect(paramBoolean(snap, 'art11.late', on).value).toBe(false);
    expect(paramDate(snap, 'art12.from', on).value).toBe('2015-08-01');
    expect(paramInteger(snap, 'art11.term', on).value).toBe(3);
    expect(paramRatio(snap, 'art16.factor', on).value).toBe('0.9');
    expect(() => paramRate(snap, 'art11.late', on)).toThrow(DomainError);
    expect(() => paramEnum(snap, 'art11.basis', on, ['accrual-date'] as const)).toThrow(
      DomainError,
    );
  });

  it('refuses unknown ids and dates before the first version', () => {
    try {
      paramValue(snap, 'art99.nothing', d('2017-01-01'));
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('PARAMETER_UNKNOWN');
      expect((e as DomainError).field).toBe('art99.nothing');
    }
    expect(() => paramValue(snap, 'art11.late', d('2014-12-31'))).toThrow(DomainError);
  });

  it('refuses duplicate ids', () => {
    expect(() => buildParameterSnapshot([late, late])).toThrow(DomainError);
  });

  it('overrides parameters for what-if runs without touching the original', () => {
    const over = overrideParameters(snap, {
      'art14.project-subsidy.share': '50',
      'art11.late': true,
    });
    expect(
      rateToString(paramRate(over, 'art14.project-subsidy.share', d('2017-01-01')).value),
    ).toBe('50.00');
    expect(paramBoolean(over, 'art11.late', d('2010-01-01')).value).toBe(true);
    expect(paramBoolean(snap, 'art11.late', d('2017-01-01')).value).toBe(false);
    expect(() => overrideParameters(snap, { 'art11.late': 'yes' })).toThrow(DomainError);
    expect(() => overrideParameters(snap, { 'art11.unknown': true })).toThrow(DomainError);
  });
});
