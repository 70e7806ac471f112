import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { parseIsoDate } from '../../core/calendarDate.ts';
import { DomainError } from '../../core/errors.ts';
import { fenToYuanString, yuanToFen, type Fen } from '../../core/money.ts';
import { getRule } from '../../core/rules/registry.ts';
import { PAYEES, PAYERS, type RuleResult } from '../../core/rules/rule.ts';
import { fieldPath } from '../../core/rules/schemas.ts';
import { evaluateRule, outputToJson, policyData } from './evaluate.ts';
import type { PolicyData } from './loadPolicyData.ts';

/**
 * The scenario runner: reads policy/tests/*.yaml (format: policy/tests/README.md),
 * evaluates every case and compares with zero tolerance. A malformed file is an error
 * (DomainError naming the file and field), never a failed case: a test that cannot be
 * read has not been run.
 */

export const DEFAULT_SCENARIO_DIR = 'policy/tests';

const stringMap = z.record(z.string(), z.string());

const expectSchema = z.union([
  z.strictObject({
    applies: z.boolean(),
    amounts: stringMap,
    failed: z.array(z.string()),
    outputs: stringMap.optional(),
  }),
  z.strictObject({
    error: z.strictObject({ field: z.string().optional(), code: z.string().optional() }),
  }),
]);

const caseSchema = z
  .strictObject({
    name: z.string().min(1),
    date: z.string().optional(),
    period: z.strictObject({ from: z.string(), to: z.string() }).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    input: z.unknown(),
    expect: expectSchema,
  })
  .superRefine((c, ctx) => {
    if ((c.date === undefined) === (c.period === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'give exactly one of date or period',
      });
    }
    for (const [key, value] of [
      ['date', c.date],
      ['period.from', c.period?.from],
      ['period.to', c.period?.to],
    ] as const) {
      if (value === undefined) continue;
      try {
        parseIsoDate(value);
      } catch {
        ctx.addIssue({ code: 'custom', path: key.split('.'), message: `invalid date "${value}"` });
      }
    }
  });

const fileSchema = z.strictObject({
  rule: z.string().min(1),
  cases: z.array(caseSchema).min(1),
});

export type ScenarioCase = z.output<typeof caseSchema>;
export interface ScenarioFile {
  readonly file: string;
  readonly rule: string;
  readonly cases: readonly ScenarioCase[];
}

function fileError(file: string, field: string, en: string, zh: string): DomainError {
  return new DomainError({
    code: 'SCENARIO_FILE_INVALID',
    message_zh: `场景文件 ${file}${field === '' ? '' : ` 字段 ${field}`}：${zh}`,
    message_en: `Scenario file ${file}${field === '' ? '' : ` field ${field}`}: ${en}`,
    field: field === '' ? file : `${file}#${field}`,
  });
}

type KeyForm = 'payer' | 'payee' | 'flow';

function keyForm(key: string): KeyForm | undefined {
  if (key.includes('>')) {
    const [payer, payee, extra] = key.split('>');
    return extra === undefined &&
      (PAYERS as readonly string[]).includes(payer ?? '') &&
      (PAYEES as readonly string[]).includes(payee ?? '')
      ? 'flow'
      : undefined;
  }
  if ((PAYERS as readonly string[]).includes(key)) return 'payer';
  if ((PAYEES as readonly string[]).includes(key)) return 'payee';
  return undefined;
}

/** Reads and validates one scenario file (YAML or JSON). */
export function readScenarioFile(path: string): ScenarioFile {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw fileError(file, '', `cannot read: ${String(e)}`, `无法读取：${String(e)}`);
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const pos = yamlError.linePos?.[0];
    const where = pos === undefined ? '' : `line ${String(pos.line)}:${String(pos.col)}`;
    const msg = (yamlError.message.split('\n')[0] ?? yamlError.message).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    throw fileError(file, where, `YAML: ${msg}`, `YAML 语法错误：${msg}`);
  }
  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path2 =
      issue === undefined
        ? ''
        : fieldPath(
            issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path,
          );
    const msg = issue?.message ?? 'invalid';
    throw fileError(file, path2, msg, `格式不符：${msg}`);
  }
  try {
    getRule(parsed.data.rule);
  } catch (e) {
    const d = e as DomainError;
    throw fileError(file, 'rule', d.message_en, d.message_zh);
  }
  const names = new Set<string>();
  parsed.data.cases.forEach((c, i) => {
    const at = `cases[${String(i)}]`;
    if (names.has(c.name))
      throw fileError(
        file,
        `${at}.name`,
        `duplicate case name "${c.name}"`,
        `场景名称重复：“${c.name}”`,
      );
    names.add(c.name);
    if ('applies' in c.expect) {
      const forms = new Set<KeyForm>();
      for (const [key, value] of Object.entries(c.expect.amounts)) {
        const form = keyForm(key);
        if (form === undefined) {
          throw fileError(
            file,
            `${at}.expect.amounts.${key}`,
            `"${key}" is not a payer, a payee or payer>payee`,
            `“${key}”不是付款方、收款方或“付款方>收款方”`,
          );
        }
        forms.add(form);
        try {
          yuanToFen(value);
        } catch {
          throw fileError(
            file,
            `${at}.expect.amounts.${key}`,
            `"${value}" is not a yuan amount`,
            `“${value}”不是以元为单位的金额`,
          );
        }
      }
      if (forms.size > 1) {
        throw fileError(
          file,
          `${at}.expect.amounts`,
          'all keys of one case must use the same form',
          '同一场景的金额键须采用同一种写法',
        );
      }
    }
  });
  return { file, rule: parsed.data.rule, cases: parsed.data.cases };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** Every *.yaml / *.yml / *.json in `dir`, sorted. */
export function scenarioFiles(dir = DEFAULT_SCENARIO_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function groupAmounts(result: RuleResult, form: KeyForm): Map<string, number> {
  const groups = new Map<string, number>();
  for (const a of result.amounts) {
    const key = form === 'payer' ? a.payer : form === 'payee' ? a.payee : `${a.payer}>${a.payee}`;
    groups.set(key, (groups.get(key) ?? 0) + a.amount);
  }
  return groups;
}

const fmt = (n: number): string => fenToYuanString(n as Fen);

/** Compares one case; returns the list of problems (empty = passed). */
export function checkCase(rule: string, c: ScenarioCase, data: PolicyData): string[] {
  const problems: string[] = [];
  let result: RuleResult;
  try {
    result = evaluateRule(
      { ruleId: rule, input: c.input, ...(c.params === undefined ? {} : { params: c.params }) },
      data,
    );
  } catch (e) {
    if ('error' in c.expect) {
      if (!(e instanceof DomainError)) return [`expected a DomainError, got ${String(e)}`];
      const want = c.expect.error;
      if (want.field !== undefined && e.field !== want.field) {
        problems.push(
          `error field: expected ${want.field}, got ${e.field ?? '(none)'} (${e.message_en})`,
        );
      }
      if (want.code !== undefined && e.code !== want.code) {
        problems.push(`error code: expected ${want.code}, got ${e.code} (${e.message_en})`);
      }
      return problems;
    }
    const d = e instanceof DomainError ? `${e.code} ${e.field ?? ''}: ${e.message_en}` : String(e);
    return [`evaluation failed: ${d}`];
  }
  const expect = c.expect;
  if ('error' in expect) {
    return [
      `expected an error${expect.error.field === undefined ? '' : ` on ${expect.error.field}`}, but the rule computed a result`,
    ];
  }
  if (result.applies !== expect.applies) {
    problems.push(`applies: expected ${String(expect.applies)}, got ${String(result.applies)}`);
  }
  const keys = Object.keys(expect.amounts);
  const form: KeyForm = keys.length === 0 ? 'flow' : (keyForm(keys[0] ?? '') ?? 'flow');
  const actual = groupAmounts(result, form);
  for (const [key, value] of Object.entries(expect.amounts)) {
    const want = yuanToFen(value);
    const got = actual.get(key) ?? 0;
    if (got !== want) problems.push(`amount ${key}: expected ${fmt(want)}, got ${fmt(got)}`);
  }
  for (const [key, got] of actual) {
    if (!(key in expect.amounts) && got !== 0)
      problems.push(`amount ${key}: not expected, got ${fmt(got)}`);
  }
  const gotFailed = new Set(result.failed.map((f) => f.condition));
  const wantFailed = new Set(expect.failed);
  const missing = [...wantFailed].filter((f) => !gotFailed.has(f));
  const extra = [...gotFailed].filter((f) => !wantFailed.has(f));
  if (missing.length > 0 || extra.length > 0) {
    problems.push(
      `failed: expected [${[...wantFailed].join(', ')}], got [${[...gotFailed].join(', ')}]`,
    );
  }
  if (expect.outputs !== undefined) {
    const outputs = new Map(result.outputs.map((o) => [o.name, outputToJson(o).value]));
    for (const [name, want] of Object.entries(expect.outputs)) {
      const got = outputs.get(name);
      if (got !== want) problems.push(`output ${name}: expected ${want}, got ${got ?? '(none)'}`);
    }
  }
  return problems;
}

export interface ScenarioFailure {
  readonly file: string;
  readonly rule: string;
  readonly name: string;
  readonly problems: readonly string[];
}

export interface RuleCount {
  readonly rule: string;
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
}

export interface ScenarioReport {
  readonly files: readonly string[];
  /** Per rule id, in order of first appearance. */
  readonly rules: readonly RuleCount[];
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly ScenarioFailure[];
}

/**
 * Runs scenario files (default: every file in policy/tests). Throws a DomainError for
 * a file that cannot be read or validated; case failures are in the report.
 */
export function runScenarios(
  files: readonly string[] = scenarioFiles(),
  data: PolicyData = policyData(),
): ScenarioReport {
  const parsed = files.map(readScenarioFile);
  const counts = new Map<string, { cases: number; passed: number; failed: number }>();
  const failures: ScenarioFailure[] = [];
  let passed = 0;
  let failed = 0;
  for (const f of parsed) {
    const count = counts.get(f.rule) ?? { cases: 0, passed: 0, failed: 0 };
    counts.set(f.rule, count);
    for (const c of f.cases) {
      const problems = checkCase(f.rule, c, data);
      count.cases += 1;
      if (problems.length === 0) {
        count.passed += 1;
        passed += 1;
      } else {
        count.failed += 1;
        failed += 1;
        failures.push({ file: f.file, rule: f.rule, name: c.name, problems });
      }
    }
  }
  return {
    files: parsed.map((f) => f.file),
    rules: [...counts].map(([rule, c]) => ({ rule, ...c })),
    passed,
    failed,
    failures,
  };
}
