import { daysBetween, type IsoDate } from '../calendarDate.ts';
import { compareRatio, scaleRatio, subRatio, type Ratio } from './ratio.ts';

/**
 * A target's standing as of a day (decision 0015):
 * - no data: the actual value (or, for a comparison, the other side) cannot be computed;
 * - met: the actual value reaches the goal (a comparison: strictly exceeds it);
 * - missed: not met and the deadline has passed, or a comparison without a deadline
 *   does not hold (it is owed in every period);
 * - on track: not met, before the deadline, and at least where a straight line from the
 *   baseline (the value on the start day) to the goal on the deadline would be today;
 *   without a deadline: above the baseline (progress since the start);
 * - at risk: otherwise.
 */
export const TARGET_STATUSES = ['met', 'on-track', 'at-risk', 'missed', 'no-data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export interface StatusInput {
  readonly kind: 'at-least' | 'exceeds';
  readonly asOf: IsoDate;
  readonly start: IsoDate;
  readonly deadline: IsoDate | null;
  readonly actual: Ratio | null;
  readonly goal: Ratio | null;
  /** The actual value on the start day; null when there was no data then. */
  readonly baseline: Ratio | null;
}

export function targetStatus(i: StatusInput): TargetStatus {
  if (i.actual === null || i.goal === null) return 'no-data';
  const c = compareRatio(i.actual, i.goal);
  if (i.kind === 'exceeds' ? c > 0 : c >= 0) return 'met';
  if (i.deadline !== null && i.asOf > i.deadline) return 'missed';
  if (i.kind === 'exceeds' && i.deadline === null) return 'missed';
  const base = i.baseline ?? { num: 0n, den: 1n };
  if (i.deadline === null) return compareRatio(i.actual, base) > 0 ? 'on-track' : 'at-risk';
  const total = BigInt(Math.max(daysBetween(i.start, i.deadline), 1));
  const elapsed = BigInt(Math.min(Math.max(daysBetween(i.start, i.asOf), 0), Number(total)));
  // on track ⟺ (actual − base) × total ≥ (goal − base) × elapsed
  const made = scaleRatio(subRatio(i.actual, base), total);
  const due = scaleRatio(subRatio(i.goal, base), elapsed);
  return compareRatio(made, due) >= 0 ? 'on-track' : 'at-risk';
}
