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
}

// Loans, first increment (issue 4; migration 0003_loans).

export type LoanCategory =
  | 'poverty_micro_credit'
  | 'rural_tourism_micro_credit'
  | 'self_employed_mortgage'
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
export type LoanStatus = 'applied' | 'refused' | 'approved' | 'disbursed' | 'closed';

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
