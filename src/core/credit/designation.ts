import type { IsoDate } from '../calendarDate.ts';
import type { Fen } from '../money.ts';
import { paramRate, type ParameterSnapshot } from '../policy/parameterSet.ts';
import { RATE_UNITS_PER_PERCENT, rateToString, type Rate } from '../rate.ts';

/**
 * The criteria of a credit village and a credit township (art. 10 信用村、信用乡镇), as
 * effective-dated parameters. Shares are compared exactly in integers (count × 100 % vs
 * threshold × total), so 70 % of 10 households is met by 7 and missed by 6.
 */

export type DesignationLevel = 'household' | 'village' | 'township';

/** What a village or township looks like on the date. Money in fen. */
export interface AreaFacts {
  /** Village: households in the register; township: villages. */
  readonly units: number;
  /** Village: credit households; township: credit villages. */
  readonly creditUnits: number;
  /** Households with a loan balance on the date. */
  readonly borrowers: number;
  /** Of those, the ones with nothing past due. */
  readonly borrowersWithoutArrears: number;
  readonly loanBalance: Fen;
  readonly nplBalance: Fen;
  readonly newNplBalance: Fen;
}

export interface CriterionCheck {
  readonly criterion: 'credit-share' | 'no-arrears-share' | 'npl-stock' | 'npl-new';
  readonly parameter: string;
  /** 'at-least': value ≥ threshold; 'under': value < threshold. */
  readonly comparison: 'at-least' | 'under';
  readonly threshold: string;
  readonly numerator: number;
  readonly denominator: number;
  /** The share in percent, to 2 decimals (display only; the check is exact). */
  readonly percent: string;
  readonly met: boolean;
}

export interface AreaVerdict {
  readonly level: 'village' | 'township';
  readonly on: IsoDate;
  readonly qualifies: boolean;
  readonly checks: readonly CriterionCheck[];
}

const PERCENT = BigInt(100 * RATE_UNITS_PER_PERCENT);

/** numerator / denominator in percent, truncated to 2 decimals ('69.99'); '0.00' for 0 / 0. */
export function percentText(numerator: number, denominator: number): string {
  const basisPoints = denominator === 0 ? 0n : (BigInt(numerator) * 10_000n) / BigInt(denominator);
  return `${String(basisPoints / 100n)}.${String(basisPoints % 100n).padStart(2, '0')}`;
}

/** Whether numerator / denominator is at least `threshold` percent, exactly. */
export function shareAtLeast(numerator: number, denominator: number, threshold: Rate): boolean {
  return BigInt(numerator) * PERCENT >= BigInt(threshold) * BigInt(denominator);
}

/** numerator / denominator compared with `threshold` percent; an empty base is 0 %. */
function check(
  criterion: CriterionCheck['criterion'],
  parameter: string,
  comparison: CriterionCheck['comparison'],
  threshold: Rate,
  numerator: number,
  denominator: number,
): CriterionCheck {
  // No borrowers: nobody is in arrears, the shares of "without arrears" hold vacuously.
  const met =
    denominator === 0
      ? comparison === 'under' || criterion === 'no-arrears-share'
      : comparison === 'at-least'
        ? shareAtLeast(numerator, denominator, threshold)
        : !shareAtLeast(numerator, denominator, threshold);
  return {
    criterion,
    parameter,
    comparison,
    threshold: rateToString(threshold),
    numerator,
    denominator,
    percent: percentText(numerator, denominator),
    met,
  };
}

export function judgeArea(
  snapshot: ParameterSnapshot,
  level: 'village' | 'township',
  facts: AreaFacts,
  on: IsoDate,
): AreaVerdict {
  const p = `art10.credit-${level}`;
  const share = level === 'village' ? 'credit-household-share-min' : 'credit-village-share-min';
  const rate = (id: string): Rate => paramRate(snapshot, `${p}.${id}`, on).value;
  const checks = [
    check('credit-share', `${p}.${share}`, 'at-least', rate(share), facts.creditUnits, facts.units),
    check(
      'no-arrears-share',
      `${p}.no-arrears-share-min`,
      'at-least',
      rate('no-arrears-share-min'),
      facts.borrowersWithoutArrears,
      facts.borrowers,
    ),
    check(
      'npl-stock',
      `${p}.npl-stock-max`,
      'under',
      rate('npl-stock-max'),
      facts.nplBalance,
      facts.loanBalance,
    ),
    check(
      'npl-new',
      `${p}.npl-new-max`,
      'under',
      rate('npl-new-max'),
      facts.newNplBalance,
      facts.loanBalance,
    ),
  ];
  // A village without households (or a township without villages) has nothing to designate.
  return { level, on, qualifies: facts.units > 0 && checks.every((c) => c.met), checks };
}
