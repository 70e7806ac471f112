import type { Payee, Payer, RuleResult } from '../../core/rules/rule.ts';
import { FUND_OF_PAYER } from './accounts.ts';
import type { DraftLine } from './lineSource.ts';

/**
 * The one builder of settlement lines, whatever the subject (a loan's interest period, a
 * yearly incentive, an insurance premium): the line key is rule, subject, accrual and
 * payer, so each of them is claimable once.
 */

export interface LineRule {
  readonly id: string;
  readonly article: string;
}

/** What a line is about and where, besides its rule, payer, payee and amount. */
export interface LineSubject {
  readonly type: DraftLine['subject_type'];
  readonly id: string;
  readonly accrualKey: string;
  /** The institution that pays it out (the payee itself when an institution is paid). */
  readonly via: string;
  readonly township: string;
  readonly village: string;
}

/** Who a line pays. */
export interface LinePayee {
  readonly kind: Payee;
  readonly id: string;
  readonly name: string;
}

export function draftLine(
  rule: LineRule,
  subject: LineSubject,
  payer: Payer,
  payee: LinePayee,
  amount: number,
  excluded: string | null,
  inputJson: string,
): DraftLine {
  return {
    line_key: `${rule.id}|${subject.id}|${subject.accrualKey}|${payer}`,
    rule_id: rule.id,
    article: rule.article,
    subject_type: subject.type,
    subject_id: subject.id,
    accrual_key: subject.accrualKey,
    payer,
    fund_code: FUND_OF_PAYER[payer],
    payee_kind: payee.kind,
    payee_id: payee.id,
    payee_name: payee.name,
    via_institution_id: subject.via,
    township_code: subject.township,
    village_code: subject.village,
    amount,
    excluded_reason: excluded,
    input_json: inputJson,
  };
}

/** Why a line is 0 when its rule needs facts nobody recorded yet (loan.subsidy-facts.set). */
export function missingFactsReason(missing: readonly string[]): string {
  return `未登记贴息要素：${missing.join('、')} / Subsidy facts not recorded: ${missing.join(', ')}`;
}

/** The failed conditions of a rule result as the reason a 0 line gives. */
export function reasonOf(
  failed: readonly { readonly message_zh: string; readonly message_en: string }[],
): string {
  return failed.map((f) => `${f.message_zh} / ${f.message_en}`).join('；');
}

/**
 * Appends a rule result's lines for one subject: one per amount, or, when nothing is
 * owed because a condition failed, one line of 0 from `none` that says why, so the
 * reviewer sees every subject the run touched.
 */
export function pushLines(
  out: DraftLine[],
  rule: LineRule,
  subject: LineSubject,
  result: RuleResult,
  payeeOf: (kind: Payee) => LinePayee,
  none: { readonly payer: Payer; readonly payee: LinePayee },
  inputJson: string,
): void {
  if (result.amounts.length === 0) {
    if (result.failed.length > 0) {
      const why = reasonOf(result.failed);
      out.push(draftLine(rule, subject, none.payer, none.payee, 0, why, inputJson));
    }
    return;
  }
  for (const a of result.amounts) {
    out.push(draftLine(rule, subject, a.payer, payeeOf(a.payee), a.amount, null, inputJson));
  }
}
