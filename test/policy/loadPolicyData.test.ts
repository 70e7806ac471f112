import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadParameterDefinitions,
  loadParameterFile,
  loadPolicyData,
  PolicyDataError,
} from '../../src/app/policy/loadPolicyData.ts';
import { DomainError } from '../../src/core/errors.ts';
import { paramFen } from '../../src/core/policy/parameterSet.ts';
import { parseIsoDate } from '../../src/core/calendarDate.ts';

const policyText = readFileSync('policy/wulong-2017-53.txt', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'jinfu-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = `id: art11.micro-credit.max-amount
article: 11
title_zh: 扶贫小额信贷额度上限
title_en: Poverty micro-credit amount cap per household
unit: CNY
quote: 5万元额度
values:
  - from: 2015-01-01
    value: 50000
    document: 武隆府办发〔2017〕53号
`;

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function issuesOf(file: string, text?: string): { file: string; field: string; message: string }[] {
  try {
    loadParameterFile(file, text ?? policyText);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyDataError);
    expect(e).toBeInstanceOf(DomainError);
    const err = e as PolicyDataError;
    // The bilingual message names every file and field.
    for (const i of err.issues) {
      expect(err.message_en).toContain(i.file);
      expect(err.message_en).toContain(i.field);
      expect(err.message_zh).toContain(i.file);
    }
    expect(err.code).toBe('POLICY_DATA_INVALID');
    return [...err.issues];
  }
  throw new Error('expected the file to be refused');
}

describe('loadParameterFile', () => {
  it('loads a good file', () => {
    const def = loadParameterFile(write('art11.micro-credit.max-amount.yaml', GOOD), policyText);
    expect(def.versions[0]?.value).toBe(5_000_000);
  });

  it.each([
    ['unknown key', GOOD.replace('unit: CNY', 'unit: CNY\nowner: finance'), 'owner'],
    ['unknown key in a value', GOOD + '    approved_by: someone\n', 'values[0].approved_by'],
    [
      'missing document reference',
      GOOD.replace('    document: 武隆府办发〔2017〕53号\n', ''),
      'values[0].document',
    ],
    ['wrong value type', GOOD.replace('value: 50000', 'value: fifty thousand'), 'values[0].value'],
    ['too many decimals', GOOD.replace('value: 50000', 'value: 50000.001'), 'values[0].value'],
    [
      'unsorted dates',
      GOOD + '  - from: 2014-01-01\n    value: 40000\n    document: x\n',
      'values[1].from',
    ],
    [
      'duplicate dates',
      GOOD + '  - from: 2015-01-01\n    value: 40000\n    document: x\n',
      'values[1].from',
    ],
    [
      'a quote not in the policy text',
      GOOD.replace('quote: 5万元额度', 'quote: 6万元额度'),
      'quote',
    ],
    ['a unit that does not exist', GOOD.replace('unit: CNY', 'unit: yuan'), 'unit'],
    ['YAML syntax', GOOD.replace('values:', 'values: [\n'), 'line'],
    ['duplicate keys', GOOD.replace('unit: CNY', 'unit: CNY\nunit: CNY'), 'line'],
  ])('%s: names the file and the field', (_name, text, field) => {
    const file = write('art11.micro-credit.max-amount.yaml', text);
    const issues = issuesOf(file);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.file.endsWith('art11.micro-credit.max-amount.yaml'))).toBe(true);
    expect(issues.some((i) => i.field.startsWith(field))).toBe(true);
  });

  it('requires the file to be named after the id', () => {
    const issues = issuesOf(write('art11.cap.yaml', GOOD));
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'id',
        message: expect.stringContaining('art11.micro-credit.max-amount.yaml'),
      }),
    ]);
  });

  it('reports every problem of every file at once', () => {
    const sub = mkdtempSync(join(dir, 'many-'));
    writeFileSync(
      join(sub, 'art11.micro-credit.max-amount.yaml'),
      GOOD.replace('value: 50000', 'value: x'),
    );
    writeFileSync(
      join(sub, 'art11.other.yaml'),
      GOOD.replace('art11.micro-credit.max-amount', 'art11.other').replace(
        'article: 11',
        'article: 11\nextra: 1',
      ),
    );
    try {
      loadParameterDefinitions(sub, policyText);
      expect.unreachable();
    } catch (e) {
      const issues = (e as PolicyDataError).issues;
      expect(issues.map((i) => [i.file.split('/').pop(), i.field])).toEqual([
        ['art11.micro-credit.max-amount.yaml', 'values[0].value'],
        ['art11.other.yaml', 'extra'],
      ]);
    }
  });
});

describe('loadPolicyData', () => {
  it('loads the shipped policy data', () => {
    const data = loadPolicyData('policy');
    expect(data.parameters.parameters.size).toBeGreaterThan(50);
    expect(
      paramFen(data.parameters, 'art11.micro-credit.max-amount', parseIsoDate('2017-04-12')).value,
    ).toBe(5_000_000);
    expect(data.benchmark.rows.length).toBe(8);
    expect(data.lpr.rows.length).toBe(15);
  });
});
