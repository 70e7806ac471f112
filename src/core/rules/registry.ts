import { DomainError } from '../errors.ts';
import { art11InterestSubsidy } from './art11.interest-subsidy.ts';
import { art11MicroCreditEligibility } from './art11.micro-credit-eligibility.ts';
import { art12SelfEmployedMortgageIncentive } from './art12.self-employed-mortgage-incentive.ts';
import { art14ProjectInterestSubsidy } from './art14.project-interest-subsidy.ts';
import { art15EmployerMortgageIncentive } from './art15.employer-mortgage-incentive.ts';
import { art16RelocationInterestSubsidy } from './art16.relocation-interest-subsidy.ts';
import { art17StudentLoanSubsidy } from './art17.student-loan-subsidy.ts';
import { art17SupplementaryStudentLoan } from './art17.supplementary-student-loan.ts';
import { art19PropertyMortgageCompensation } from './art19.property-mortgage-compensation.ts';
import { art20LandIncomeGuaranteeSubsidy } from './art20.land-income-guarantee-subsidy.ts';
import { art22EntrustedLoanSubsidy } from './art22.entrusted-loan-subsidy.ts';
import { art24PremiumExtraSubsidy } from './art24.premium-extra-subsidy.ts';
import { art26IncomeInsurancePremium } from './art26.income-insurance-premium.ts';
import { art29PovertyRelendingRate } from './art29.poverty-relending-rate.ts';
import { art31RiskCompensation } from './art31.risk-compensation.ts';
import { art6OneOffDeviceSubsidy } from './art6.one-off-device-subsidy.ts';
import type { AnyRule, RuleContext, RuleResult } from './rule.ts';
import { parseInput } from './schemas.ts';

/**
 * Every rule of the policy, by id. Two rules claiming one id is a programming error
 * caught when the module loads, not a silent overwrite: the scenario files and the
 * CLI address rules by id, and an id must mean exactly one thing.
 */
export function buildRegistry(rules: readonly AnyRule[]): ReadonlyMap<string, AnyRule> {
  const map = new Map<string, AnyRule>();
  for (const rule of rules) {
    if (map.has(rule.id)) {
      throw new DomainError({
        code: 'RULE_DUPLICATE_ID',
        message_zh: `规则编号“${rule.id}”被两条规则同时使用`,
        message_en: `Two rules claim the id "${rule.id}"`,
        field: 'id',
      });
    }
    map.set(rule.id, rule);
  }
  return map;
}

/** All rules, in article order. */
export const ALL_RULES: readonly AnyRule[] = [
  art6OneOffDeviceSubsidy,
  art11MicroCreditEligibility,
  art11InterestSubsidy,
  art12SelfEmployedMortgageIncentive,
  art14ProjectInterestSubsidy,
  art15EmployerMortgageIncentive,
  art16RelocationInterestSubsidy,
  art17StudentLoanSubsidy,
  art17SupplementaryStudentLoan,
  art19PropertyMortgageCompensation,
  art20LandIncomeGuaranteeSubsidy,
  art22EntrustedLoanSubsidy,
  art24PremiumExtraSubsidy,
  art26IncomeInsurancePremium,
  art29PovertyRelendingRate,
  art31RiskCompensation,
];

export const RULES: ReadonlyMap<string, AnyRule> = buildRegistry(ALL_RULES);

export function ruleIds(): string[] {
  return [...RULES.keys()];
}

export function getRule(id: string): AnyRule {
  const rule = RULES.get(id);
  if (rule === undefined) {
    throw new DomainError({
      code: 'RULE_UNKNOWN',
      message_zh: `未知规则：“${id}”（可用：${ruleIds().join('、')}）`,
      message_en: `Unknown rule "${id}" (known: ${ruleIds().join(', ')})`,
      field: 'rule',
    });
  }
  return rule;
}

/** Validates raw input against the rule's schema, then evaluates it. */
export function evaluateRaw(rule: AnyRule, raw: unknown, ctx: RuleContext): RuleResult {
  return rule.evaluate(parseInput(rule.inputSchema, raw), ctx);
}
