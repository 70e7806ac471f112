import type { z } from 'zod';
import type { Fen } from '../money.ts';
import type { ParameterSnapshot } from '../policy/parameterSet.ts';
import type { Rate } from '../rate.ts';
import type { BenchmarkTable, LprTable, RateTrace } from '../rateTable.ts';

/**
 * The shape every policy rule shares. A rule is one article (or one clearly separable
 * part of an article) of 武隆府办发〔2017〕53号 as a pure function: validated input in,
 * payments, failed conditions and named figures out, and — only when asked for — a
 * trace that lets a person redo the arithmetic with a pen.
 */

/** Who pays: the district treasury (区财政), the city (市财政), the central treasury
 * (中央财政) or the district risk compensation fund (风险补偿金, art. 31). */
export const PAYERS = ['district', 'city', 'central', 'fund'] as const;
export type Payer = (typeof PAYERS)[number];

export const PAYEES = ['household', 'bank', 'guarantor', 'insurer', 'platform', 'entity'] as const;
export type Payee = (typeof PAYEES)[number];

export interface Amount {
  readonly payer: Payer;
  readonly payee: Payee;
  readonly amount: Fen;
  readonly label_zh: string;
  readonly label_en: string;
}

/** A condition of the article that the input did not meet. */
export interface FailedCondition {
  /** Stable id, e.g. 'paid-on-time', used by scenario tests. */
  readonly condition: string;
  /** 'art. 11' */
  readonly article: string;
  readonly message_zh: string;
  readonly message_en: string;
}

/**
 * A named figure the rule worked out that is not a payment (the interest the bank
 * charged, the rate cap, a relending rate). Kept as typed numbers so that the hot path
 * formats nothing; the app layer turns them into text.
 */
export type OutputValue =
  | { readonly kind: 'fen'; readonly value: Fen }
  | { readonly kind: 'rate'; readonly value: Rate }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string };

export type Output = OutputValue & {
  readonly name: string;
  readonly label_zh: string;
  readonly label_en: string;
};

/** A parameter value the rule used, with the version that was in force. */
export interface ParameterUse {
  readonly id: string;
  readonly version: string | number;
  /** First day the version is in force. */
  readonly from: string;
  readonly value: unknown;
  /** The date the parameter was read for. */
  readonly on: string;
}

/** One line of working, in both languages, with the figure it produced. */
export interface TraceStep {
  readonly zh: string;
  readonly en: string;
  readonly value?: string;
}

export interface RuleTrace {
  /** The formula in words, Chinese then English. */
  readonly formula: { readonly zh: string; readonly en: string };
  /** The validated input, JSON-ready (money as yuan strings, rates as percent strings). */
  readonly inputs: Record<string, unknown>;
  readonly parameters: readonly ParameterUse[];
  readonly rates: readonly RateTrace[];
  readonly steps: readonly TraceStep[];
}

export interface RuleResult {
  readonly ruleId: string;
  /** 'art. 11' */
  readonly article: string;
  readonly applies: boolean;
  readonly amounts: readonly Amount[];
  readonly failed: readonly FailedCondition[];
  readonly outputs: readonly Output[];
  readonly trace?: RuleTrace;
}

export interface RuleRates {
  readonly benchmark: BenchmarkTable;
  readonly lpr: LprTable;
}

export interface RuleContext {
  readonly params: ParameterSnapshot;
  readonly rates: RuleRates;
  /** Build the trace. Off in bulk runs: a rule must not allocate trace data when false. */
  readonly trace: boolean;
}

export interface Rule<I = unknown> {
  /** 'art11.interest-subsidy': article, then what the rule decides. */
  readonly id: string;
  /** 'art. 11' (several articles: 'arts. 11, 31'). */
  readonly article: string;
  readonly title_zh: string;
  readonly title_en: string;
  /** The article's own sentence(s), quoted verbatim from policy/wulong-2017-53.txt. */
  readonly articleText: string;
  /**
   * Strict zod schema of the rule's input as users write it (yuan strings, percent
   * strings, ISO dates); its output is the typed input `evaluate` takes.
   */
  readonly inputSchema: z.ZodType<I>;
  /** The ids of the parameters the rule reads (for `policy rules` and coverage). */
  readonly parameterIds: readonly string[];
  evaluate(input: I, ctx: RuleContext): RuleResult;
}

/** A rule whose input type is erased, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/** Identity helper that keeps a rule's input type while checking its shape. */
export function defineRule<I>(rule: Rule<I>): Rule<I> {
  return rule;
}

/** Builds a failed condition once, at module load, so evaluations allocate nothing. */
export function condition(
  article: string,
  id: string,
  message_zh: string,
  message_en: string,
): FailedCondition {
  return Object.freeze({ condition: id, article, message_zh, message_en });
}

export const NO_AMOUNTS: readonly Amount[] = Object.freeze([]);
