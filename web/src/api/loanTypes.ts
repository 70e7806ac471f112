// Shapes of the loans API (src/app/loans): money in yuan text, rates in percent text.
export type { Page } from './types.ts';

export const LOAN_STATUSES = [
  'applied',
  'refused',
  'approved',
  'disbursed',
  'closed',
  'written_off',
] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];

export const NEED_STATUSES = ['open', 'responded', 'loaned', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const LOAN_CLASSES = [
  'normal',
  'special-mention',
  'substandard',
  'doubtful',
  'loss',
] as const;
export type LoanClass = (typeof LOAN_CLASSES)[number];

export interface FailedCondition {
  condition: string;
  /** 'art. 11' */
  article: string;
  message_zh: string;
  message_en: string;
}

export interface LoanProduct {
  id: string;
  code: string;
  category: string;
  institutionId: string | null;
  nameZh: string;
  nameEn: string;
  minAmount: string;
  maxAmount: string;
  minTermMonths: number;
  maxTermMonths: number;
  method: string;
  active: boolean;
}

export interface LoanSummary {
  id: string;
  contractNo: string;
  productId: string;
  institutionId: string;
  householdId: string;
  townshipCode: string;
  villageCode: string;
  amount: string;
  annualRate: string;
  termMonths: number;
  method: string;
  appliedOn: string;
  status: LoanStatus;
  refusal: FailedCondition[] | null;
  contractDate: string | null;
  disbursedOn: string | null;
  maturityDate: string | null;
  needId: string | null;
  version: number;
}

export interface ScheduleRow {
  n: number;
  periodStart: string;
  dueDate: string;
  principal: string;
  interest: string;
  total: string;
  balanceAfter: string;
}

export interface Repayment {
  id: string;
  loanId: string;
  paidOn: string;
  amount: string;
  principal: string;
  interest: string;
  penalty: string;
  bankTxnId: string;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** Whether an instalment was paid on time, as of the detail's asOf. */
export interface Instalment {
  n: number;
  dueDate: string;
  /** The day payments first covered it in full; null if not by asOf. */
  coveredOn: string | null;
  /** null = not yet decided (not yet due). */
  onTime: boolean | null;
}

export interface LoanDetail extends LoanServicing {
  loan: LoanSummary;
  schedule: ScheduleRow[];
  repayments: Repayment[];
  instalments: Instalment[];
  asOf: string;
  outstandingPrincipal: string;
  daysPastDue: number;
  classification: LoanClass;
  classificationZh: string;
}

export interface LoanQuery {
  householdId?: string | undefined;
  institutionId?: string | undefined;
  township?: string | undefined;
  village?: string | undefined;
  status?: LoanStatus | undefined;
  page: number;
  pageSize: number;
}

export interface FinancingNeed {
  id: string;
  householdId: string;
  townshipCode: string;
  villageCode: string;
  amount: string;
  purpose: string;
  industry: string;
  recordedOn: string;
  recordedBy: string;
  status: NeedStatus;
  respondingInstitutionId: string | null;
  responseText: string | null;
  respondedAt: string | null;
  version: number;
}

export interface NeedQuery {
  township?: string | undefined;
  village?: string | undefined;
  householdId?: string | undefined;
  status?: NeedStatus | undefined;
  /** recordedOn on or before, YYYY-MM-DD. */
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export interface NeedBoardRow {
  townshipCode: string;
  townshipName: string;
  villageCode: string;
  villageName: string;
  households: number;
  amount: string;
}

export interface NeedBoard {
  asOf: string;
  totalHouseholds: number;
  rows: NeedBoardRow[];
  townships: { townshipCode: string; townshipName: string; households: number; amount: string }[];
}

export interface NeedInput {
  householdId: string;
  amount: string;
  purpose: string;
  industry: string;
  recordedOn: string;
}

export interface ApplyInput {
  productId: string;
  householdId: string;
  contractNo: string;
  amount: string;
  annualRate: string;
  termMonths: number;
  appliedOn: string;
  needId?: string;
}

export interface DisburseInput {
  contractDate: string;
  disbursedOn: string;
}

export interface RepayInput {
  paidOn: string;
  amount: string;
  bankTxnId: string;
}

// Servicing and loan events (ADR 0008).

export const LOAN_EVENT_KINDS = [
  'extension',
  'renewal',
  'additional-loan',
  'write-off',
  'recovery',
] as const;
export type LoanEventKind = (typeof LOAN_EVENT_KINDS)[number];

export interface LoanEvent {
  id: string;
  loanId: string;
  kind: LoanEventKind;
  kindZh: string;
  status: 'pending' | 'approved' | 'rejected';
  effectiveOn: string;
  reason: string;
  termMonths: number | null;
  annualRate: string | null;
  amount: string | null;
  nonMalicious: boolean | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The loan's standing before and after, once approved (maturityDate, scheduleVersion, …). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  scheduleVersion: number | null;
  version: number;
}

export interface LoanEventInput {
  kind: LoanEventKind;
  effectiveOn: string;
  reason: string;
  termMonths?: number;
  annualRate?: string;
  amount?: string;
  nonMalicious?: boolean;
}

export interface WriteOff {
  eventId: string;
  on: string;
  principal: string;
  interest: string;
  penalty: string;
  total: string;
  recovered: string;
}

/** What loan.get shows of servicing and events: penalty, accrued interest, versions, write-off. */
export interface LoanServicing {
  /** 逾期账龄: M0, M1 (1–30 days past due) … M7+ (over 180). */
  bucket: string;
  scheduleVersion: number;
  scheduleVersions: { version: number; effectiveOn: string; eventId: string | null }[];
  accruedInterest: string;
  interestOwed: string;
  penaltyOwed: string;
  rateInForce: string;
  penaltyRate: string | null;
  servicing: { order: string; penaltyFactor: string | null; classBounds: number[] };
  writeOff: WriteOff | null;
}
