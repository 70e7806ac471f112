import { addYearsClamped, type IsoDate } from '../calendarDate.ts';
import {
  CREDIT_SECTIONS,
  gradeOf,
  SECTION_SCORE_MAX,
  type CreditGrade,
  type CreditSection,
  type Scorecard,
} from './scorecard.ts';

/** What the loan portfolio says about a subject's repayments up to the rating date. */
export interface RepaymentBehaviour {
  readonly loans: number;
  /** Instalments due before the rating date. */
  readonly instalmentsDue: number;
  /** Of those, the ones not paid by their due date (paid late or still unpaid). */
  readonly overdueInstalments: number;
}

/** One indicator of a grade's explanation. */
export interface RatingLine {
  readonly section: CreditSection;
  /** Points of the card this indicator can give. */
  readonly weight: number;
  /** The indicator's score, 0–100 (percent of its weight). */
  readonly score: number;
  /** weight × score / 100, in hundredths of a point (exact). */
  readonly points: number;
  readonly source: 'collected' | 'loan-portfolio';
  readonly behaviour?: RepaymentBehaviour;
}

export interface Rating {
  readonly ratedOn: IsoDate;
  /** The first day the rating no longer holds (re-rating due). */
  readonly validUntil: IsoDate;
  /** Total in hundredths of a point. */
  readonly points: number;
  readonly grade: CreditGrade;
  readonly lines: readonly RatingLine[];
}

/**
 * The repayment-record score from the portfolio: full marks less the penalty per
 * instalment not paid by its due date, never below zero.
 */
export function repaymentScore(card: Scorecard, behaviour: RepaymentBehaviour): number {
  return Math.max(0, SECTION_SCORE_MAX - card.overduePenalty * behaviour.overdueInstalments);
}

/**
 * Rates one subject: each indicator gives weight × score / 100 points; the repayment
 * record comes from the loan portfolio when the subject has loans there, else from the
 * collected form. Scores are whole numbers 0–100 (the use cases validate them).
 */
export function rate(
  card: Scorecard,
  scores: Readonly<Record<CreditSection, number>>,
  behaviour: RepaymentBehaviour | null,
): Rating {
  let total = 0;
  const lines = CREDIT_SECTIONS.map((section): RatingLine => {
    const weight = card.weights[section];
    const fromPortfolio =
      section === 'repayment-record' && behaviour !== null && behaviour.loans > 0;
    const score = fromPortfolio ? repaymentScore(card, behaviour) : scores[section];
    const points = weight * score;
    total += points;
    return fromPortfolio
      ? { section, weight, score, points, source: 'loan-portfolio', behaviour }
      : { section, weight, score, points, source: 'collected' };
  });
  return {
    ratedOn: card.on,
    validUntil: addYearsClamped(card.on, card.validityYears),
    points: total,
    grade: gradeOf(card, total),
    lines,
  };
}

/** '82.25' from 8225 hundredths. */
export function pointsText(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  return `${String(whole)}.${String(frac).padStart(2, '0')}`;
}
