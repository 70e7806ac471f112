import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { fenToYuanString } from '../../core/money.ts';
import { overrideParameters } from '../../core/policy/parameterSet.ts';
import { rateToString } from '../../core/rate.ts';
import { evaluateRaw, getRule, RULES } from '../../core/rules/registry.ts';
import type {
  AnyRule,
  FailedCondition,
  Output,
  RuleContext,
  RuleResult,
  RuleTrace,
} from '../../core/rules/rule.ts';
import { loadPolicyData, type PolicyData } from './loadPolicyData.ts';

/**
 * Use cases around the policy rules: evaluate a rule on raw input, and the JSON
 * contract of a result (the one `jinfu policy eval --json` prints).
 */

const cache = new Map<string, PolicyData>();

/** The policy data under `root`, read once per process. */
export function policyData(root = 'policy'): PolicyData {
  let data = cache.get(root);
  if (data === undefined) {
    data = loadPolicyData(root);
    cache.set(root, data);
  }
  return data;
}

export interface ContextOptions {
  readonly trace?: boolean;
  /** Parameter overrides `{ id: value }` (what-if runs, scenario `params`). */
  readonly params?: Readonly<Record<string, unknown>>;
}

export function ruleContext(data: PolicyData, options: ContextOptions = {}): RuleContext {
  return {
    params:
      options.params === undefined
        ? data.parameters
        : overrideParameters(data.parameters, options.params, 'override'),
    rates: { benchmark: data.benchmark, lpr: data.lpr },
    trace: options.trace ?? false,
  };
}

export interface AmountJson {
  readonly payer: string;
  readonly payee: string;
  /** Yuan, two decimals: '364.17'. */
  readonly amount: string;
  /** The same amount in integer fen: 36417. */
  readonly amount_fen: number;
  readonly label_zh: string;
  readonly label_en: string;
}

export interface OutputJson {
  readonly name: string;
  /** Yuan ('437.00'), percent ('4.75'), whole number ('92') or text. */
  readonly value: string;
  readonly unit: 'yuan' | 'percent' | 'number' | 'text';
  readonly label_zh: string;
  readonly label_en: string;
}

export interface EvaluationJson {
  readonly ruleId: string;
  readonly article: string;
  readonly applies: boolean;
  readonly amounts: readonly AmountJson[];
  readonly failed: readonly FailedCondition[];
  readonly outputs: readonly OutputJson[];
  readonly trace: RuleTrace | null;
}

export function outputToJson(o: Output): OutputJson {
  const labels = { label_zh: o.label_zh, label_en: o.label_en };
  switch (o.kind) {
    case 'fen':
      return { name: o.name, value: fenToYuanString(o.value), unit: 'yuan', ...labels };
    case 'rate':
      return { name: o.name, value: rateToString(o.value), unit: 'percent', ...labels };
    case 'int':
      return { name: o.name, value: String(o.value), unit: 'number', ...labels };
    case 'text':
      return { name: o.name, value: o.value, unit: 'text', ...labels };
  }
}

export function resultToJson(result: RuleResult): EvaluationJson {
  return {
    ruleId: result.ruleId,
    article: result.article,
    applies: result.applies,
    amounts: result.amounts.map((a) => ({
      payer: a.payer,
      payee: a.payee,
      amount: fenToYuanString(a.amount),
      amount_fen: a.amount,
      label_zh: a.label_zh,
      label_en: a.label_en,
    })),
    failed: result.failed.map((f) => ({ ...f })),
    outputs: result.outputs.map(outputToJson),
    trace: result.trace ?? null,
  };
}

export interface EvaluateRequest {
  readonly ruleId: string;
  readonly input: unknown;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly trace?: boolean;
}

/** Evaluates one rule on raw input. Unknown rule, bad input or data → DomainError. */
export function evaluateRule(
  request: EvaluateRequest,
  data: PolicyData = policyData(),
): RuleResult {
  const rule = getRule(request.ruleId);
  const ctx = ruleContext(data, {
    trace: request.trace ?? false,
    ...(request.params === undefined ? {} : { params: request.params }),
  });
  return evaluateRaw(rule, request.input, ctx);
}

export interface RuleDescription {
  readonly id: string;
  readonly article: string;
  readonly title_zh: string;
  readonly title_en: string;
  readonly articleText: string;
  readonly parameters: readonly string[];
  readonly inputSchema: unknown;
}

/** The JSON Schema of what users write (yuan strings, percent strings, dates). */
export function inputJsonSchema(rule: AnyRule): unknown {
  return z.toJSONSchema(rule.inputSchema, { io: 'input', unrepresentable: 'any' });
}

export function describeRules(): RuleDescription[] {
  return [...RULES.values()].map((rule) => ({
    id: rule.id,
    article: rule.article,
    title_zh: rule.title_zh,
    title_en: rule.title_en,
    articleText: rule.articleText,
    parameters: rule.parameterIds,
    inputSchema: inputJsonSchema(rule),
  }));
}

/** Any thrown value as the platform's error shape. */
export function asDomainError(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new DomainError({
    code: 'INTERNAL_ERROR',
    message_zh: `内部错误：${message}`,
    message_en: `Internal error: ${message}`,
  });
}
