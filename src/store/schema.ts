/**
 * Table types for Kysely. Conventions (docs/decisions/0003-storage-conventions.md):
 * - every table holding a district's data starts its key with `region_code` so a
 *   city- or province-wide deployment can shard on it (Citus) without a redesign;
 * - money is integer fen (BIGINT / INTEGER), never NUMERIC or float;
 * - calendar dates are 'YYYY-MM-DD' text and instants are ISO-8601 UTC text, so both
 *   dialects return the same values and no time zone ever shifts a date.
 */
export type RegionLevel = 'district' | 'township' | 'village' | 'group';
export type PovertyStatus = 'registered_poor' | 'lifted' | 'not_poor';
export type OperatorKind = 'cooperative' | 'family_farm' | 'large_grower' | 'leading_enterprise';
export type InstitutionKind =
  'bank' | 'policy_bank' | 'village_bank' | 'insurer' | 'guarantor' | 'securities' | 'futures';

export interface RegionTable {
  region_code: string;
  code: string;
  level: RegionLevel;
  parent_code: string | null;
  township_code: string | null;
  name_zh: string;
  name_en: string;
}

export interface HouseholdTable {
  region_code: string;
  id: string;
  household_no: string;
  township_code: string;
  village_code: string;
  group_code: string | null;
  head_name: string;
  head_id_number: string;
  phone: string | null;
  address: string | null;
  subsidy_account: string | null;
  member_count: number;
  /** Status of the latest poverty_status_history entry; kept in the same transaction. */
  poverty_status: PovertyStatus;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface HouseholdMemberTable {
  region_code: string;
  id: string;
  household_id: string;
  name: string;
  id_number: string;
  relation: string;
  birth_date: string;
}

export interface PovertyStatusHistoryTable {
  region_code: string;
  id: string;
  household_id: string;
  status: PovertyStatus;
  effective_from: string;
  source: string;
  recorded_by: string;
  recorded_at: string;
}

export interface OperatorTable {
  region_code: string;
  id: string;
  kind: OperatorKind;
  name: string;
  uscc: string;
  township_code: string;
  village_code: string;
  legal_representative: string | null;
  workforce: number;
  poor_workforce: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InstitutionTable {
  region_code: string;
  id: string;
  code: string;
  kind: InstitutionKind;
  name_zh: string;
  name_en: string;
  /** JSON array of township codes whose register this institution may read. */
  served_townships: string;
}

export interface GovUnitTable {
  region_code: string;
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
}

export interface UserTable {
  region_code: string;
  id: string;
  username: string;
  display_name: string;
  role: string;
  township_code: string | null;
  institution_id: string | null;
  gov_unit_id: string | null;
  password_hash: string;
  disabled: number;
  is_demo: number;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailureTable {
  id: string;
  username: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  region_code: string;
  id: string;
  at: string;
  actor_id: string | null;
  actor_username: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  detail_json: string | null;
}

export interface ParameterVersionTable {
  region_code: string;
  param_id: string;
  version: number;
  effective_from: string;
  value_json: string;
  document: string;
  created_by: string;
  created_at: string;
}

export interface Database {
  regions: RegionTable;
  households: HouseholdTable;
  household_members: HouseholdMemberTable;
  poverty_status_history: PovertyStatusHistoryTable;
  operators: OperatorTable;
  institutions: InstitutionTable;
  gov_units: GovUnitTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  parameter_versions: ParameterVersionTable;
  loan_products: LoanProductTable;
  financing_needs: FinancingNeedTable;
  loans: LoanTable;
  loan_schedule_rows: LoanScheduleRowTable;
  repayments: RepaymentTable;
  loan_events: LoanEventTable;
  precision_findings: PrecisionFindingTable;
  loan_enterprise_use_flags: LoanEnterpriseUseFlagTable;
  exchange_reports: ExchangeReportTable;
  exchange_mismatches: ExchangeMismatchTable;
  repayment_import_rows: RepaymentImportRowTable;
  settlement_runs: SettlementRunTable;
  settlement_periods: SettlementPeriodTable;
  settlement_lines: SettlementLineTable;
  settlement_claims: SettlementClaimTable;
  ledger_accounts: LedgerAccountTable;
  ledger_entries: LedgerEntryTable;
  ledger_lines: LedgerLineTable;
  credit_collections: CreditCollectionTable;
  credit_ratings: CreditRatingTable;
  credit_proposals: CreditProposalTable;
  credit_designations: CreditDesignationTable;
  credit_defaulters: CreditDefaulterTable;
  credit_defaulter_events: CreditDefaulterEventTable;
  service_points: ServicePointTable;
  statistics_reports: StatisticsReportTable;
  statistics_lines: StatisticsLineTable;
  loan_subsidy_facts: LoanSubsidyFactTable;
  supervision_tasks: SupervisionTaskTable;
  supervision_task_owners: SupervisionTaskOwnerTable;
  supervision_reports: SupervisionReportTable;
  supervision_notifications: SupervisionNotificationTable;
  evaluation_schemes: EvaluationSchemeTable;
  evaluations: EvaluationTable;
  guarantees: GuaranteeTable;
  guarantee_years: GuaranteeYearTable;
  guarantee_events: GuaranteeEventTable;
  insurance_policies: InsurancePolicyTable;
  insurance_claims: InsuranceClaimTable;
  asset_income_stakes: AssetIncomeStakeTable;
  asset_income_dividends: AssetIncomeDividendTable;
  relending_quotas: RelendingQuotaTable;
  relending_uses: RelendingUseTable;
  market_companies: MarketCompanyTable;
  market_stages: MarketStageTable;
  market_trainings: MarketTrainingTable;
  guarantor_capital: GuarantorCapitalTable;
  loss_shares: LossShareTable;
  loss_claims: LossClaimTable;
  loss_recoveries: LossRecoveryTable;
  property_pilots: PropertyPilotTable;
  demonstration_villages: DemonstrationVillageTable;
  register_tallies: RegisterTallyTable;
  loan_credit_terms: LoanCreditTermsTable;
}

/**
 * Households and operators counted by village, registration day and poverty status
 * (operators: ''), kept by database triggers (migration 0017_register_tallies).
 */
export interface RegisterTallyTable {
  region_code: string;
  kind: 'household' | 'operator';
  township_code: string;
  village_code: string;
  created_on: string;
  poverty_status: string;
  n: number;
}

// Loans, first increment (issue 4; migration 0003_loans).

export type LoanCategory =
  | 'poverty_micro_credit'
  | 'rural_tourism_micro_credit'
  | 'self_employed_mortgage'
  | 'employer_mortgage'
  | 'industry'
  | 'relocation'
  | 'student'
  | 'supplementary_student'
  | 'infrastructure'
  | 'property_mortgage'
  | 'land_income_guarantee'
  | 'entrusted'
  | 'entrepreneurship_guarantee';
export type LoanRepaymentMethod =
  'equal-instalment' | 'equal-principal' | 'interest-only' | 'bullet';
export type CollateralKind = 'none' | 'mortgage' | 'guarantee' | 'pledge';
export type RateRuleKind = 'max-points-over-benchmark' | 'max-factor-of-benchmark';
export type NeedStatus = 'open' | 'responded' | 'loaned' | 'withdrawn';
export type LoanStatus =
  'applied' | 'refused' | 'approved' | 'disbursed' | 'closed' | 'written_off';

export interface LoanProductTable {
  region_code: string;
  id: string;
  code: string;
  category: LoanCategory;
  /** Null: any lender may use the product. */
  institution_id: string | null;
  name_zh: string;
  name_en: string;
  /** Fen. */
  min_amount: number;
  /** Fen. */
  max_amount: number;
  min_term_months: number;
  max_term_months: number;
  method: LoanRepaymentMethod;
  /** interest-only only: 'monthly' | 'quarterly' | 'yearly'. */
  interest_period: string | null;
  day_count: string;
  rounding: string;
  grace_months: number;
  collateral: CollateralKind;
  rate_rule_kind: RateRuleKind | null;
  /** Percentage points ('2') or a factor of the benchmark ('1.3'), exact text. */
  rate_rule_value: string | null;
  /** JSON array of policy rule ids checked on application. */
  policy_rule_ids: string;
  active: number;
  // Servicing settings (migration 0005), optional on insert: the columns' defaults keep
  // a product as it was (penalty → interest → principal, no penalty, 0/90/180/360).
  /** How a payment is allocated: core/loans/servicing ALLOCATION_ORDERS. */
  allocation_order?: string;
  /** Penalty rate = contract rate × this factor ('1.5'); null: no penalty interest. */
  penalty_factor?: string | null;
  /** JSON [正常, 关注, 次级, 可疑] upper bounds in days past due, e.g. [0,90,180,360]. */
  class_bounds?: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface FinancingNeedTable {
  region_code: string;
  id: string;
  household_id: string;
  township_code: string;
  village_code: string;
  /** Fen. */
  amount: number;
  purpose: string;
  industry: string;
  recorded_on: string;
  recorded_by: string;
  recorded_at: string;
  status: NeedStatus;
  responding_institution_id: string | null;
  response_text: string | null;
  responded_at: string | null;
  version: number;
}

export interface LoanTable {
  region_code: string;
  id: string;
  contract_no: string;
  product_id: string;
  institution_id: string;
  household_id: string;
  township_code: string;
  village_code: string;
  /** Fen. */
  amount: number;
  /** Percent per year, exact text ('4.75'). */
  annual_rate: string;
  term_months: number;
  method: LoanRepaymentMethod;
  applied_on: string;
  applied_by: string;
  status: LoanStatus;
  /** JSON array of the failed conditions, with their articles, of a refused application. */
  refusal_json: string | null;
  approved_by: string | null;
  approved_at: string | null;
  contract_date: string | null;
  disbursed_on: string | null;
  maturity_date: string | null;
  need_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface LoanScheduleRowTable {
  region_code: string;
  loan_id: string;
  /** 1 at disbursement; later events (extension, renewal) add versions, never edit. */
  schedule_version: number;
  n: number;
  period_start: string;
  due_date: string;
  principal: number;
  interest: number;
  total: number;
  balance_after: number;
}

export interface RepaymentTable {
  region_code: string;
  id: string;
  loan_id: string;
  institution_id: string;
  paid_on: string;
  /** Fen: principal + interest + penalty. */
  amount: number;
  principal: number;
  interest: number;
  penalty: number;
  bank_txn_id: string;
  /** The bank's note from its repayment file (migration 0004); null when none. */
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

// Loan events (issue 4 item 6; migration 0005_loan_events).

export type LoanEventStatus = 'pending' | 'approved' | 'rejected';

export interface LoanEventTable {
  region_code: string;
  id: string;
  loan_id: string;
  institution_id: string;
  /** core/loans/loanEvents LOAN_EVENT_KINDS. */
  kind: string;
  status: LoanEventStatus;
  effective_on: string;
  reason: string;
  /** JSON of what was requested (term, rate, amount, the art. 32 attestation). */
  params_json: string;
  requested_by: string;
  requested_by_id: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** JSON of the loan's standing before and after, written when the event is approved. */
  before_json: string | null;
  after_json: string | null;
  /** The schedule version an approved re-scheduling event created. */
  schedule_version: number | null;
  /** The annual rate of that schedule version, exact percent text. */
  annual_rate: string | null;
  /** Fen: the additional principal, the amount written off, or the amount recovered. */
  amount: number | null;
  version: number;
}

// Settlement and the funds' ledger (issue 5; migration 0007_settlement).

export type SettlementRunStatus =
  'draft' | 'submitted' | 'reviewed' | 'approved' | 'paid' | 'rejected' | 'superseded';

export interface SettlementRunTable {
  region_code: string;
  id: string;
  /** '2020-Q1', '2020' or 'YYYY-MM-DD..YYYY-MM-DD'. */
  period_key: string;
  period_from: string;
  period_to: string;
  kind: 'regular' | 'adjustment';
  status: SettlementRunStatus;
  /** The instant whose parameter versions the run used (reproducible re-explanation). */
  parameters_at: string;
  /** The run of the same period this one replaces (draft) or corrects (adjustment). */
  previous_run_id: string | null;
  line_count: number;
  /** Fen, included lines only. */
  total_amount: number;
  created_by: string;
  created_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  paid_by: string | null;
  paid_at: string | null;
  payment_reference: string | null;
  rejected_by: string | null;
  rejected_at: string | null;
  rejection_reason: string | null;
  version: number;
}

export interface SettlementPeriodTable {
  region_code: string;
  period_key: string;
  runs: number;
}

export interface SettlementLineTable {
  region_code: string;
  run_id: string;
  n: number;
  /** rule | subject | accrual period | payer: what a claim makes payable once. */
  line_key: string;
  rule_id: string;
  article: string;
  subject_type: 'loan' | 'service_point' | 'guarantee' | 'insurance_policy';
  subject_id: string;
  /** The accrual period the line pays for, 'YYYY-MM-DD..YYYY-MM-DD'. */
  accrual_key: string;
  payer: 'district' | 'city' | 'central' | 'fund';
  fund_code: string;
  payee_kind: 'household' | 'bank' | 'guarantor' | 'insurer' | 'platform' | 'entity';
  payee_id: string;
  payee_name: string;
  /** The bank that pays a household's subsidy into its account (代发). */
  via_institution_id: string | null;
  township_code: string;
  village_code: string;
  /** Fen; an adjustment line may be negative. */
  amount: number;
  excluded_reason: string | null;
  excluded_by: string | null;
  /** The rule input, so the line re-explains itself with the run's parameters. */
  input_json: string;
}

export interface SettlementClaimTable {
  region_code: string;
  line_key: string;
  run_id: string;
  amount: number;
  claimed_at: string;
}

export type LedgerAccountKind = 'fund' | 'source' | 'payable' | 'expense';

export interface LedgerAccountTable {
  region_code: string;
  code: string;
  kind: LedgerAccountKind;
  name_zh: string;
  name_en: string;
  created_at: string;
}

export interface LedgerEntryTable {
  region_code: string;
  id: string;
  posted_on: string;
  kind: 'top-up' | 'approval' | 'payment' | 'recovery';
  memo: string;
  ref_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface LedgerLineTable {
  region_code: string;
  entry_id: string;
  n: number;
  account_code: string;
  posted_on: string;
  /** Fen: debit positive, credit negative. */
  amount: number;
}

// Precision checks and bank data exchange (issue 4, items 7-8; migration 0006).

export type PrecisionCheck =
  | 'not_poor_on_contract'
  | 'over_cap'
  | 'age_out_of_range'
  | 'duplicate_contract'
  | 'enterprise_use';
/** open: found by the latest run; cleared: no longer found; resolved: closed with a reason. */
export type FindingStatus = 'open' | 'cleared' | 'resolved';

export interface PrecisionFindingTable {
  region_code: string;
  id: string;
  check_code: PrecisionCheck;
  /** The loan's id, or the household's for a household-level check (over_cap). */
  subject_id: string;
  household_id: string;
  loan_id: string | null;
  township_code: string;
  institution_id: string | null;
  /** What the check saw, as JSON (dates, amounts in yuan, ages, the other loans). */
  detail_json: string;
  status: FindingStatus;
  found_at: string;
  last_seen_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
  version: number;
}

export interface LoanEnterpriseUseFlagTable {
  region_code: string;
  loan_id: string;
  institution_id: string;
  enterprise_name: string;
  note: string | null;
  flagged_by: string;
  flagged_at: string;
}

export interface ExchangeReportTable {
  region_code: string;
  id: string;
  institution_id: string;
  as_of: string;
  file_name: string;
  sha256: string;
  rows: number;
  matched: number;
  only_in_ledger: number;
  only_in_jinfu: number;
  differing: number;
  uploaded_by: string;
  uploaded_at: string;
}

export type MismatchKind = 'only_in_ledger' | 'only_in_jinfu' | 'differs';

export interface ExchangeMismatchTable {
  region_code: string;
  report_id: string;
  seq: number;
  kind: MismatchKind;
  code: string;
  /** The ledger row (null for a loan only in Jinfu). */
  row: number | null;
  field: string | null;
  contract_no: string;
  loan_id: string | null;
  township_code: string | null;
  ledger_value: string | null;
  jinfu_value: string | null;
}

/** A streamed repayment import's rows, staged within its transaction and deleted by it. */
export interface RepaymentImportRowTable {
  region_code: string;
  job_id: string;
  row: number;
  /** Null when the row's cells were bad: it is kept only to find repeated txn ids. */
  loan_id: string | null;
  bank_txn_id: string | null;
  paid_on: string | null;
  amount: number | null;
  note: string | null;
}

// Service network and institution statistics (issue 7; migration 0010_network_statistics).

export interface ServicePointTable {
  region_code: string;
  id: string;
  /** app/network/pointFields SERVICE_POINT_KINDS. */
  kind: string;
  name: string;
  institution_id: string | null;
  township_code: string | null;
  village_code: string | null;
  group_code: string | null;
  /** Mutual-aid organisations only: 'district' | 'township' | 'village' | 'group' (art. 7). */
  mutual_aid_tier: string | null;
  /** Art. 6 subsidised devices only: 'township' | 'poor-village' | 'other'. */
  art6_site: string | null;
  opened_on: string;
  /** The first day it no longer serves; null while open. */
  closed_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type StatisticsReportStatus = 'submitted' | 'approved' | 'rejected';

export interface StatisticsReportTable {
  region_code: string;
  id: string;
  institution_id: string;
  /** '2017-03' (monthly) or '2017-Q1' (quarterly). */
  period_key: string;
  period_from: string;
  period_to: string;
  status: StatisticsReportStatus;
  submitted_by: string;
  submitted_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  version: number;
}

export interface StatisticsLineTable {
  region_code: string;
  report_id: string;
  /** app/statistics STATISTICS_CATEGORIES. */
  category: string;
  /** Fen, at the period's end. */
  balance: number;
  /** Fen, granted in the period. */
  new_lending: number;
  /** Fen, principal repaid (or written off) in the period. */
  repaid: number;
  borrowers: number;
  /** Fen, non-performing part of the balance. */
  npl_balance: number;
}

// Settlement's second increment: what the loan sources need (issue 5; migration 0011).

export interface LoanSubsidyFactTable {
  region_code: string;
  loan_id: string;
  /** Art. 14: the operator whose project the loan finances. */
  operator_id: string | null;
  /** Art. 14, 1/0. */
  drives_poor_income: number | null;
  /** Art. 16, 1/0. */
  registered_poor_housing: number | null;
  /** Art. 17: last day in school. */
  in_school_until: string | null;
  /** Art. 17 supplementary loans, 1/0. */
  from_chongqing: number | null;
  low_income: number | null;
  /** Art. 22 entrusted loans: the guarantee company that entrusted it (an institution). */
  entrusted_by: string | null;
  /** Art. 22: 'enterprise' | 'large-farmer' | 'other'. */
  borrower_kind: string | null;
  /** Art. 22, 1/0. */
  in_poor_township: number | null;
  recorded_by: string;
  recorded_at: string;
  version: number;
}

export interface GuaranteeTable {
  region_code: string;
  id: string;
  /** The guarantor institution. */
  guarantor_id: string;
  contract_no: string;
  loan_id: string;
  /** The lender, the borrower and its place, as on the loan. */
  institution_id: string;
  household_id: string;
  township_code: string;
  village_code: string;
  /** Annual fee rate, exact percent text. */
  fee_rate: string;
  /** Fen. */
  amount: number;
  start_date: string;
  end_date: string;
  /** Art. 22 only. */
  borrower_kind: 'enterprise' | 'large-farmer' | 'other' | null;
  in_poor_township: number | null;
  recorded_by: string;
  recorded_at: string;
  version: number;
}

export interface GuaranteeYearTable {
  region_code: string;
  guarantee_id: string;
  year: number;
  /** Fen: 新增担保发生额 of the year. */
  new_amount: number;
  recorded_by: string;
  recorded_at: string;
}

export interface GuaranteeEventTable {
  region_code: string;
  id: string;
  guarantee_id: string;
  kind: 'compensation' | 'recovery';
  occurred_on: string;
  /** Fen, > 0. */
  amount: number;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

// Rural credit system (issue 6; migration 0009_credit).

export type CreditSubjectKind = 'household' | 'operator';

export interface CreditCollectionTable {
  region_code: string;
  id: string;
  subject_kind: CreditSubjectKind;
  /** households.id or operators.id. */
  subject_id: string;
  township_code: string;
  village_code: string;
  status: 'draft' | 'submitted';
  /** JSON: per form section, its facts and its 0–100 score (core/credit CREDIT_SECTIONS). */
  sections_json: string;
  collected_on: string;
  collected_by: string;
  collector_role: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  version: number;
}

export interface CreditRatingTable {
  region_code: string;
  id: string;
  subject_kind: CreditSubjectKind;
  subject_id: string;
  township_code: string;
  village_code: string;
  collection_id: string;
  rated_on: string;
  /** The first day the rating no longer holds. */
  valid_until: string;
  /** Hundredths of a point. */
  points: number;
  /** 'AAA' | 'AA' | 'A' | 'unrated'. */
  grade: string;
  /** JSON: the explanation, indicator by indicator (core/credit/rating RatingLine[]). */
  lines_json: string;
  rated_by: string;
  rated_at: string;
}

export type CreditLevel = 'household' | 'village' | 'township';

export interface CreditProposalTable {
  region_code: string;
  id: string;
  level: CreditLevel;
  /** Household id, village code or township code. */
  subject_code: string;
  township_code: string;
  village_code: string | null;
  as_of: string;
  action: 'grant' | 'revoke';
  /** JSON: the evaluation the proposal rests on. */
  evidence_json: string;
  status: 'proposed' | 'approved' | 'rejected';
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  version: number;
}

export interface CreditDesignationTable {
  region_code: string;
  id: string;
  level: CreditLevel;
  subject_code: string;
  township_code: string;
  village_code: string | null;
  status: 'granted' | 'revoked';
  effective_on: string;
  proposal_id: string;
  approved_by: string;
  recorded_at: string;
}

export interface CreditDefaulterTable {
  region_code: string;
  id: string;
  household_id: string;
  township_code: string;
  village_code: string;
  reason: string;
  listed_on: string;
  status: 'listed' | 'appealed' | 'cleared';
  cleared_on: string | null;
  listed_by: string;
  listed_at: string;
  version: number;
}

export interface CreditDefaulterEventTable {
  region_code: string;
  defaulter_id: string;
  seq: number;
  /** 'listed' | 'appealed' | 'appeal-rejected' | 'cleared'. */
  kind: string;
  note: string;
  on_date: string;
  by_user: string;
  at: string;
}

// Supervision (issue 8; migration 0013_supervision).

export interface SupervisionTaskTable {
  region_code: string;
  /** The matrix's measure id, 'art6.3'. */
  id: string;
  article: number;
  quote: string;
  deadline: string | null;
  /** The first quarter reported on, '2017-Q3'. */
  reporting_from: string;
  created_by: string;
  created_at: string;
}

export type SupervisionOwnerKind = 'gov_unit' | 'institution' | 'township' | 'unassigned';

export interface SupervisionTaskOwnerTable {
  region_code: string;
  task_id: string;
  n: number;
  /** The unit as the policy text names it. */
  unit_name: string;
  owner_kind: SupervisionOwnerKind;
  /** gov_units.id, institutions.id or the township code; null when unassigned. */
  owner_ref: string | null;
  owner_name: string;
}

export interface SupervisionReportTable {
  region_code: string;
  id: string;
  task_id: string;
  owner_n: number;
  period: string;
  /** core/supervision/progress REPORT_STATUSES. */
  status: string;
  text: string;
  attachments_json: string;
  indicator_ids_json: string;
  reported_by: string;
  reported_at: string;
}

export interface SupervisionNotificationTable {
  region_code: string;
  id: string;
  /** 'district' or an owner key ('institution:<id>'). */
  recipient: string;
  kind: string;
  task_id: string;
  owner_n: number;
  period: string;
  message_zh: string;
  message_en: string;
  created_at: string;
}

export interface InsurancePolicyTable {
  region_code: string;
  id: string;
  insurer_id: string;
  policy_no: string;
  /** The insured household, and where it lives. */
  household_id: string;
  township_code: string;
  village_code: string;
  scheme: 'central-subsidy' | 'income' | 'other';
  product: string;
  /** Fen. */
  premium: number;
  /** Fen: the premium subsidies already applied by each level. */
  central_share: number;
  city_share: number;
  district_share: number;
  premium_date: string;
  start_date: string;
  end_date: string;
  recorded_by: string;
  recorded_at: string;
  version: number;
}

export interface InsuranceClaimTable {
  region_code: string;
  id: string;
  policy_id: string;
  occurred_on: string;
  /** Fen, > 0: what the insurer paid out. */
  amount: number;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface EvaluationSchemeTable {
  region_code: string;
  year: number;
  version: number;
  /** core/supervision/evaluationScheme EvaluationScheme, points in hundredths. */
  scheme_json: string;
  created_by: string;
  created_at: string;
}

export interface EvaluationTable {
  region_code: string;
  year: number;
  institution_id: string;
  scheme_version: number;
  /** 'draft' | 'finished' */
  status: string;
  /** { scores, bonuses, penalties }: id → hundredths of a point. */
  scores_json: string;
  updated_by: string;
  updated_at: string;
  finished_by: string | null;
  finished_at: string | null;
}

// The art. 13 asset-income pilot (migration 0012_asset_income; ADR 0012).

export interface AssetIncomeStakeTable {
  region_code: string;
  id: string;
  household_id: string;
  township_code: string;
  operator_id: string;
  loan_id: string;
  /** Fen: the borrowing entitlement transferred. */
  amount: number;
  /** Percent of the enterprise's equity, exact text. */
  equity_share: string;
  start_date: string;
  recorded_by: string;
  recorded_at: string;
}

export interface AssetIncomeDividendTable {
  region_code: string;
  id: string;
  stake_id: string;
  period: string;
  /** Fen. */
  amount: number;
  paid_on: string;
  payment_ref: string;
  recorded_by: string;
  recorded_at: string;
}

// Art. 29 relending, the art. 23 pipeline, art. 21 capital (migration 0014; ADR 0020).

export interface RelendingQuotaTable {
  region_code: string;
  id: string;
  reference: string;
  granted_on: string;
  /** Fen. */
  amount: number;
  recorded_by: string;
  recorded_at: string;
}

export interface RelendingUseTable {
  region_code: string;
  id: string;
  institution_id: string;
  kind: 'drawdown' | 'repayment';
  reference: string;
  used_on: string;
  /** Fen. */
  amount: number;
  recorded_by: string;
  recorded_at: string;
}

export interface MarketCompanyTable {
  region_code: string;
  id: string;
  name: string;
  uscc: string;
  township_code: string;
  created_by: string;
  created_at: string;
  version: number;
}

export interface MarketStageTable {
  region_code: string;
  company_id: string;
  n: number;
  /** app/markets/stages MARKET_STAGES. */
  stage: string;
  reached_on: string;
  recorded_by: string;
  recorded_at: string;
}

export interface MarketTrainingTable {
  region_code: string;
  id: string;
  held_on: string;
  title: string;
  attendees: number;
  recorded_by: string;
  recorded_at: string;
}

export interface GuarantorCapitalTable {
  region_code: string;
  institution_id: string;
  as_of: string;
  /** Fen. */
  paid_in: number;
  recorded_by: string;
  recorded_at: string;
}

// Loss claims and loss sharing (issue 5; migration 0015_loss_claims; ADR 0023).

export interface LossShareTable {
  region_code: string;
  product_id: string;
  effective_from: string;
  /** Exact percent text; the four sum to 100. */
  fund_share: string;
  bank_share: string;
  guarantor_share: string;
  insurer_share: string;
  recorded_by: string;
  recorded_at: string;
}

export type LossClaimStatus = 'filed' | 'approved' | 'rejected';

export interface LossClaimTable {
  region_code: string;
  id: string;
  claimant: 'bank' | 'guarantor';
  claimant_id: string;
  loan_id: string;
  guarantee_id: string | null;
  product_id: string;
  township_code: string;
  village_code: string;
  loss_date: string;
  /** Fen; a guarantor's claim carries its unrecoverable compensation here. */
  principal_loss: number;
  interest_loss: number;
  evidence: string;
  status: LossClaimStatus;
  filed_by: string;
  filed_at: string;
  checked_by: string | null;
  checked_at: string | null;
  checked_on: string | null;
  check_note: string | null;
  version: number;
  /** The rural property the loan was mortgaged on (art. 19's list), 'none' or 'other'. */
  collateral: string;
  /** The rule the district found to compensate the loss when approving it; null before. */
  rule_id: string | null;
}

/** An art. 19 pilot institution's time in the pilot (migration 0019). */
export interface PropertyPilotTable {
  region_code: string;
  institution_id: string;
  from_date: string;
  to_date: string | null;
  document: string;
  recorded_by: string;
  recorded_at: string;
}

/** Art. 2: a village the lead bank made a demonstration village (migration 0020). */
export interface DemonstrationVillageTable {
  region_code: string;
  village_code: string;
  designated_on: string;
  document: string;
  recorded_by: string;
  recorded_at: string;
}

export interface LossRecoveryTable {
  region_code: string;
  id: string;
  claim_id: string;
  recovered_on: string;
  /** Fen: what the claimant recovered, and the fund's share of it posted back. */
  amount: number;
  fund_amount: number;
  recorded_by: string;
  recorded_at: string;
}

// A credit household's loan terms (issue 6, art. 10/33; migration 0016; ADR 0022).
export interface LoanCreditTermsTable {
  region_code: string;
  loan_id: string;
  /** Percent text of the parameters in force on the application day. */
  limit_uplift: string;
  rate_discount: string;
  approval_days: number;
  /** Fen. */
  product_max_amount: number;
  uplifted_amount: number;
  /** The art. 11 household cap bounding the uplift; null for products art. 11 does not check. */
  policy_cap: number | null;
  max_amount: number;
  offered_rate: string;
  contract_rate: string;
  decide_by: string;
}
