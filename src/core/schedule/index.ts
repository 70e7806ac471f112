/** Repayment schedules (还款计划), exact to the fen. See buildSchedule and ADR 0005. */
export { buildSchedule } from './buildSchedule.ts';
export { equalInstalment, equalInstalmentExact, monthlyInterest } from './amortising.ts';
export { maturityDate, schedulePeriods, type SchedulePeriod } from './dueDates.ts';
export {
  INTEREST_PERIODS,
  interestPeriodSchema,
  MAX_SCHEDULE_MONTHS,
  MONTHS_PER_PERIOD,
  REPAYMENT_METHOD_NAMES_ZH,
  REPAYMENT_METHODS,
  repaymentMethodSchema,
  resolveTerms,
  type InterestPeriod,
  type RepaymentMethod,
  type ResolvedTerms,
  type ScheduleTerms,
} from './terms.ts';
export type { Schedule, ScheduleRow, ScheduleTotals } from './types.ts';
