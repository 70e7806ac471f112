import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import {
  parseParameterDocument,
  type ParameterDefinition,
  type ParameterIssue,
} from '../../core/policy/parameter.ts';
import { buildParameterSnapshot, type ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import {
  benchmarkTableSchema,
  lprTableSchema,
  type BenchmarkTable,
  type LprTable,
} from '../../core/rateTable.ts';

/**
 * Reads the policy data shipped in policy/: the parameters (policy/parameters/*.yaml),
 * the rate tables (policy/rates/*.yaml) and the policy text that every parameter
 * quotes. All files are validated with the core schemas; every problem found, in
 * every file, is reported at once, each naming its file and field.
 */

export interface PolicyDataIssue {
  readonly file: string;
  /** Field path inside the file, e.g. 'values[1].from'; '' for the whole file. */
  readonly field: string;
  readonly message: string;
}

export class PolicyDataError extends DomainError {
  readonly issues: readonly PolicyDataIssue[];

  constructor(issues: readonly PolicyDataIssue[]) {
    const lines = issues.map(
      (i) => `${i.file}${i.field === '' ? '' : ` ${i.field}`}: ${i.message}`,
    );
    const first = issues[0];
    super({
      code: 'POLICY_DATA_INVALID',
      message_zh: `政策数据文件有误（${String(issues.length)} 处）：\n${lines.join('\n')}`,
      message_en: `Invalid policy data (${String(issues.length)} problem(s)):\n${lines.join('\n')}`,
      ...(first === undefined ? {} : { field: `${first.file}#${first.field}` }),
    });
    this.name = 'PolicyDataError';
    this.issues = issues;
  }
}

export interface PolicyData {
  readonly parameters: ParameterSnapshot;
  readonly benchmark: BenchmarkTable;
  readonly lpr: LprTable;
  /** policy/wulong-2017-53.txt, the source of truth every parameter quotes. */
  readonly policyText: string;
}

export const POLICY_TEXT_FILE = 'wulong-2017-53.txt';

function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Parses YAML text; syntax errors become issues with their line and column. */
export function readYaml(file: string, issues: PolicyDataIssue[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    issues.push({ file: display(file), field: '', message: `cannot read: ${String(e)}` });
    return undefined;
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = err.linePos?.[0];
      issues.push({
        file: display(file),
        field: pos === undefined ? '' : `line ${String(pos.line)}:${String(pos.col)}`,
        message: `YAML: ${err.message.split('\n')[0] ?? err.message}`,
      });
    }
    return undefined;
  }
  return doc.toJS();
}

/**
 * Validates one parameter file. Returns the definition, or undefined after adding the
 * problems to `issues`. With `policyText`, the quote must occur in it verbatim.
 */
export function readParameterFile(
  file: string,
  issues: PolicyDataIssue[],
  policyText?: string,
): ParameterDefinition | undefined {
  const raw = readYaml(file, issues);
  if (raw === undefined) return undefined;
  const result = parseParameterDocument(raw);
  const add = (list: readonly ParameterIssue[]): void => {
    for (const i of list) issues.push({ file: display(file), field: i.field, message: i.message });
  };
  if (!result.ok) {
    add(result.issues);
    return undefined;
  }
  const def = result.value;
  const problems: ParameterIssue[] = [];
  const expectedName = `${def.id}.yaml`;
  if (basename(file) !== expectedName) {
    problems.push({
      field: 'id',
      message: `the file of parameter "${def.id}" must be named ${expectedName}`,
    });
  }
  if (policyText !== undefined && !policyText.includes(def.quote)) {
    problems.push({
      field: 'quote',
      message: `the quote is not in ${POLICY_TEXT_FILE} verbatim: "${def.quote}"`,
    });
  }
  if (problems.length > 0) {
    add(problems);
    return undefined;
  }
  return def;
}

/** Reads and validates one parameter file; throws PolicyDataError naming file and field. */
export function loadParameterFile(file: string, policyText?: string): ParameterDefinition {
  const issues: PolicyDataIssue[] = [];
  const def = readParameterFile(file, issues, policyText);
  if (def === undefined || issues.length > 0) throw new PolicyDataError(issues);
  return def;
}

/** Reads every policy/parameters/*.yaml, in file-name order. */
export function loadParameterDefinitions(dir: string, policyText?: string): ParameterDefinition[] {
  const issues: PolicyDataIssue[] = [];
  const defs: ParameterDefinition[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const f of files) {
    const def = readParameterFile(join(dir, f), issues, policyText);
    if (def !== undefined) defs.push(def);
  }
  if (issues.length > 0) throw new PolicyDataError(issues);
  return defs;
}

function loadTable<T>(file: string, schema: z.ZodType<T>): T {
  const issues: PolicyDataIssue[] = [];
  const raw = readYaml(file, issues);
  if (raw !== undefined) {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path;
      issues.push({
        file: display(file),
        field: path
          .map((k) => (typeof k === 'number' ? `[${String(k)}]` : `.${String(k)}`))
          .join('')
          .replace(/^\./, ''),
        message:
          issue.code === 'unrecognized_keys'
            ? `unknown key(s): ${issue.keys.join(', ')}`
            : issue.message,
      });
    }
  }
  throw new PolicyDataError(issues);
}

export function loadBenchmarkTable(file: string): BenchmarkTable {
  return loadTable(file, benchmarkTableSchema);
}

export function loadLprTable(file: string): LprTable {
  return loadTable(file, lprTableSchema);
}

/**
 * Loads everything under `root` (default ./policy): the policy text, all parameters
 * (each quote checked against the text) and the two rate tables.
 */
export function loadPolicyData(root = 'policy'): PolicyData {
  const policyText = readFileSync(join(root, POLICY_TEXT_FILE), 'utf8');
  const definitions = loadParameterDefinitions(join(root, 'parameters'), policyText);
  return {
    parameters: buildParameterSnapshot(definitions),
    benchmark: loadBenchmarkTable(join(root, 'rates', 'benchmark-lending.yaml')),
    lpr: loadLprTable(join(root, 'rates', 'lpr.yaml')),
    policyText,
  };
}
