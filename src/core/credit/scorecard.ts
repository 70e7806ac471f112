import type { IsoDate } from '../calendarDate.ts';
import { DomainError } from '../errors.ts';
import {
  paramEnum,
  paramInteger,
  type ParameterLookup,
  type ParameterSnapshot,
} from '../policy/parameterSet.ts';

/**
 * The credit scorecard of art. 10 (信用评级), read from effective-dated parameters: the
 * text sets no rating model, so the indicators are the sections of the collection form,
 * each weighted in points of the card, and the grades are point thresholds
 * (docs/decisions/0014-credit-system.md).
 */

export const CREDIT_SECTIONS = [
  'family-labour',
  'land-assets',
  'income-production',
  'debts',
  'repayment-record',
  'village-assessment',
  'officer-assessment',
] as const;
export type CreditSection = (typeof CREDIT_SECTIONS)[number];

/** Grades from best to worst; 'unrated' is below the lowest threshold. */
export const CREDIT_GRADES = ['AAA', 'AA', 'A'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number] | 'unrated';

/** A section's assessed score is a whole number from 0 to this (percent of its weight). */
export const SECTION_SCORE_MAX = 100;

export interface Scorecard {
  readonly on: IsoDate;
  readonly totalPoints: number;
  readonly weights: Readonly<Record<CreditSection, number>>;
  /** Minimum points of each grade, best first. */
  readonly thresholds: Readonly<Record<(typeof CREDIT_GRADES)[number], number>>;
  readonly validityYears: number;
  /** Repayment-record score (of 100) lost per overdue instalment. */
  readonly overduePenalty: number;
  /** The lowest grade of a credit household. */
  readonly householdMinGrade: (typeof CREDIT_GRADES)[number];
  /** Every parameter version the card was built from, for explanations. */
  readonly parameters: readonly ParameterLookup[];
}

const P = 'art10.credit-rating';
export const weightParameter = (s: CreditSection): string => `${P}.weight.${s}`;
export const TOTAL_POINTS_PARAMETER = `${P}.total-points`;

function invalidCard(field: string, zh: string, en: string): DomainError {
  return new DomainError({
    code: 'CREDIT_SCORECARD_INVALID',
    message_zh: zh,
    message_en: en,
    field,
  });
}

/** The scorecard in force on `on`; a card whose weights or thresholds do not fit is refused. */
export function scorecardOn(snapshot: ParameterSnapshot, on: IsoDate): Scorecard {
  const used: ParameterLookup[] = [];
  const int = (id: string): number => {
    const l = paramInteger(snapshot, id, on);
    used.push(l);
    return l.value;
  };
  const totalPoints = int(TOTAL_POINTS_PARAMETER);
  const weights = Object.fromEntries(
    CREDIT_SECTIONS.map((s) => [s, int(weightParameter(s))]),
  ) as Record<CreditSection, number>;
  const sum = CREDIT_SECTIONS.reduce((acc, s) => acc + weights[s], 0);
  if (sum !== totalPoints) {
    const list = CREDIT_SECTIONS.map((s) => `${s} ${String(weights[s])}`).join(', ');
    throw invalidCard(
      TOTAL_POINTS_PARAMETER,
      `评分卡指标权重之和为 ${String(sum)} 分，与配置的总分 ${String(totalPoints)} 分不符（${list}）`,
      `The scorecard's weights add up to ${String(sum)} points, not the configured total of ${String(totalPoints)} (${list})`,
    );
  }
  const thresholds = {
    AAA: int(`${P}.grade-aaa-min`),
    AA: int(`${P}.grade-aa-min`),
    A: int(`${P}.grade-a-min`),
  };
  if (!(
    thresholds.AAA > thresholds.AA &&
    thresholds.AA > thresholds.A &&
    thresholds.AAA <= totalPoints
  )) {
    throw invalidCard(
      `${P}.grade-aaa-min`,
      `等级分数线应满足 总分 ≥ AAA > AA > A（现为 ${String(thresholds.AAA)}、${String(thresholds.AA)}、${String(thresholds.A)}，总分 ${String(totalPoints)}）`,
      `Grade thresholds must satisfy total ≥ AAA > AA > A (they are ${String(thresholds.AAA)}, ${String(thresholds.AA)}, ${String(thresholds.A)}; total ${String(totalPoints)})`,
    );
  }
  const validityYears = int(`${P}.validity-years`);
  if (validityYears < 1) {
    throw invalidCard(
      `${P}.validity-years`,
      '评级有效期至少一年',
      'A rating is valid for at least one year',
    );
  }
  const overduePenalty = int(`${P}.overdue-penalty`);
  const minGrade = paramEnum(snapshot, 'art10.credit-household.min-grade', on, CREDIT_GRADES);
  used.push(minGrade);
  return {
    on,
    totalPoints,
    weights,
    thresholds,
    validityYears,
    overduePenalty,
    householdMinGrade: minGrade.value,
    parameters: used,
  };
}

/** Grade of a score in hundredths of a point: the best grade whose threshold it reaches. */
export function gradeOf(card: Scorecard, hundredths: number): CreditGrade {
  for (const g of CREDIT_GRADES) if (hundredths >= card.thresholds[g] * 100) return g;
  return 'unrated';
}

/** Whether `grade` is at or above `min` (AAA ≥ AA ≥ A; unrated never is). */
export function gradeAtLeast(grade: CreditGrade, min: (typeof CREDIT_GRADES)[number]): boolean {
  return grade !== 'unrated' && CREDIT_GRADES.indexOf(grade) <= CREDIT_GRADES.indexOf(min);
}
