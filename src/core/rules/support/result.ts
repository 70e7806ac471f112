import type { Fen } from '../../money.ts';
import type { Rate } from '../../rate.ts';
import type {
  Amount,
  FailedCondition,
  Output,
  Payee,
  Payer,
  RuleResult,
  RuleTrace,
} from '../rule.ts';
import type { Reads } from './context.ts';

/** A payment line; `finish` leaves out amounts of zero. */
export function pay(
  payer: Payer,
  payee: Payee,
  amount: Fen,
  label_zh: string,
  label_en: string,
): Amount {
  return { payer, payee, amount, label_zh, label_en };
}

export function fenOut(name: string, value: Fen, label_zh: string, label_en: string): Output {
  return { kind: 'fen', name, value, label_zh, label_en };
}

export function rateOut(name: string, value: Rate, label_zh: string, label_en: string): Output {
  return { kind: 'rate', name, value, label_zh, label_en };
}

export function intOut(name: string, value: number, label_zh: string, label_en: string): Output {
  return { kind: 'int', name, value, label_zh, label_en };
}

export function textOut(name: string, value: string, label_zh: string, label_en: string): Output {
  return { kind: 'text', name, value, label_zh, label_en };
}

export interface RuleIdentity {
  readonly id: string;
  readonly article: string;
}

/**
 * Assembles a result. `applies` is true when the rule pays something (or, for an
 * eligibility rule, passes `eligible`); amounts of zero are dropped so that "nothing
 * is paid" always reads as an empty list.
 */
export function finish(
  rule: RuleIdentity,
  reads: Reads,
  amounts: readonly Amount[],
  failed: readonly FailedCondition[],
  outputs: readonly Output[],
  trace:
    | Pick<RuleTrace, 'formula' | 'inputs'>
    | (() => Pick<RuleTrace, 'formula' | 'inputs'>)
    | undefined,
  eligible?: boolean,
): RuleResult {
  const paid = nonZero(amounts);
  const applies = eligible ?? paid.length > 0;
  if (reads.steps === undefined || trace === undefined) {
    return { ruleId: rule.id, article: rule.article, applies, amounts: paid, failed, outputs };
  }
  const head = typeof trace === 'function' ? trace() : trace;
  return {
    ruleId: rule.id,
    article: rule.article,
    applies,
    amounts: paid,
    failed,
    outputs,
    trace: {
      formula: head.formula,
      inputs: head.inputs,
      parameters: reads.parameterTrace(),
      rates: reads.rateUses ?? [],
      steps: reads.steps,
    },
  };
}

/**
 * A result whose named figures (`outputs`) are worked out on first read, from `facts`
 * by the module-level function `figures` (no closure per evaluation). For the bulk
 * paths (art. 11 over a million loans) where nobody reads the figures, this saves
 * a second accrual and the figure objects. `toJSON` includes the figures, so
 * JSON.stringify gives the same object as a plain result; spreading does not (read
 * `outputs` explicitly, or use the app layer's resultToJson).
 */
export class LazyFiguresResult<F> implements RuleResult {
  readonly ruleId: string;
  readonly article: string;
  readonly applies: boolean;
  readonly amounts: readonly Amount[];
  readonly failed: readonly FailedCondition[];
  readonly #facts: F;
  readonly #figures: (facts: F) => readonly Output[];
  #outputs: readonly Output[] | undefined;

  constructor(
    rule: RuleIdentity,
    applies: boolean,
    amounts: readonly Amount[],
    failed: readonly FailedCondition[],
    facts: F,
    figures: (facts: F) => readonly Output[],
  ) {
    this.ruleId = rule.id;
    this.article = rule.article;
    this.applies = applies;
    this.amounts = amounts;
    this.failed = failed;
    this.#facts = facts;
    this.#figures = figures;
  }

  get outputs(): readonly Output[] {
    return (this.#outputs ??= this.#figures(this.#facts));
  }

  toJSON(): RuleResult {
    return {
      ruleId: this.ruleId,
      article: this.article,
      applies: this.applies,
      amounts: this.amounts,
      failed: this.failed,
      outputs: this.outputs,
    };
  }
}

/** The non-zero payments (the list itself when none is zero). */
export function nonZero(amounts: readonly Amount[]): readonly Amount[] {
  for (const a of amounts) {
    if (a.amount === 0) {
      const out: Amount[] = [];
      for (const x of amounts) if (x.amount !== 0) out.push(x);
      return out;
    }
  }
  return amounts;
}

/**
 * As `finish`, with figures computed from `facts` by `figures`: eagerly when tracing
 * (the trace shows them), lazily otherwise.
 */
export function finishWithFigures<F>(
  rule: RuleIdentity,
  reads: Reads,
  amounts: readonly Amount[],
  failed: readonly FailedCondition[],
  facts: F,
  figures: (facts: F) => readonly Output[],
  trace: Pick<RuleTrace, 'formula' | 'inputs'> | undefined,
): RuleResult {
  if (reads.steps !== undefined) return finish(rule, reads, amounts, failed, figures(facts), trace);
  const paid = nonZero(amounts);
  return new LazyFiguresResult(rule, paid.length > 0, paid, failed, facts, figures);
}
