// Types of the JSON API (/api/v1), camelCase as the server sends them.

export const ROLES = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'township_clerk',
  'bank_officer',
  'insurer',
  'guarantor',
  'gov_unit',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  townshipCode?: string | null;
  townshipName?: string | null;
  institutionId?: string | null;
  institutionName?: string | null;
  govUnitId?: string | null;
}

export interface UserEnvelope {
  user: User;
}

export interface ListEnvelope<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type RegionLevel = 'township' | 'village' | 'group';

export interface Region {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

export const POVERTY_STATUSES = ['registered_poor', 'lifted', 'not_poor'] as const;
export type PovertyStatus = (typeof POVERTY_STATUSES)[number];

export interface HouseholdListItem {
  id: string;
  householdNo: string;
  headName: string;
  /** Masked by the server, e.g. 500156********1234. */
  headIdNumber: string;
  /** Masked by the server. */
  phone: string | null;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  memberCount: number;
  povertyStatus: PovertyStatus;
}

export interface HouseholdMember {
  id: string;
  name: string;
  idNumber: string;
  relation: string;
  birthDate: string | null;
}

export interface PovertyHistoryEntry {
  status: PovertyStatus;
  effectiveFrom: string;
  source: string;
  recordedAt: string;
}

export interface Household {
  id: string;
  householdNo: string;
  headName: string;
  /** Full ID number: only the detail endpoint returns it. */
  headIdNumber: string;
  phone: string | null;
  address: string | null;
  villageCode: string;
  villageName: string;
  groupCode: string | null;
  townshipCode: string;
  townshipName: string;
  subsidyAccount: string | null;
  members: HouseholdMember[];
  povertyHistory: PovertyHistoryEntry[];
  povertyStatus: PovertyStatus;
  version: number;
}

export interface HouseholdQuery {
  q?: string;
  township?: string;
  village?: string;
  status?: PovertyStatus;
  page: number;
  pageSize: number;
}

export interface HouseholdPatch {
  /** null clears it. */
  phone?: string | null;
  /** null clears it. */
  address?: string | null;
  villageCode?: string;
  /** null clears it (a group belongs to one village). */
  groupCode?: string | null;
  headName?: string;
  version: number;
}

export interface PovertyStatusChange {
  status: PovertyStatus;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  source: string;
}

export const OPERATOR_KINDS = [
  'cooperative',
  'family_farm',
  'large_grower',
  'leading_enterprise',
] as const;
export type OperatorKind = (typeof OPERATOR_KINDS)[number];

export interface Operator {
  id: string;
  name: string;
  kind: OperatorKind;
  /** Unified social credit code 统一社会信用代码. */
  uscc: string | null;
  villageCode: string | null;
  villageName: string | null;
  townshipCode?: string | null;
  townshipName: string | null;
  /** 法定代表人 (or the person in charge); null when not recorded. */
  legalRepresentative?: string | null;
  workforce: number | null;
  poorWorkforce: number | null;
  /** Optimistic-concurrency version, sent back on edits. */
  version?: number;
  /** The detail endpoint may send more fields; they are shown as they come. */
  [extra: string]: unknown;
}

/** PATCH /operators/:id: only the changed fields, with the version the edit started from. */
export interface OperatorPatch {
  kind?: OperatorKind;
  name?: string;
  villageCode?: string;
  /** null clears it. */
  legalRepresentative?: string | null;
  workforce?: number;
  poorWorkforce?: number;
  version: number;
}

export interface OperatorQuery {
  q?: string;
  township?: string;
  kind?: OperatorKind;
  page: number;
  pageSize: number;
}

export const INSTITUTION_KINDS = [
  'bank',
  'policy_bank',
  'village_bank',
  'insurer',
  'guarantor',
  'securities',
  'futures',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export interface Institution {
  id: string;
  code: string;
  kind: InstitutionKind;
  nameZh: string;
  nameEn: string;
  servedTownships: string[];
  [extra: string]: unknown;
}

export interface GovUnit {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export type AuditValue = Record<string, unknown> | null;

export interface AuditEntry {
  id: string;
  at: string;
  actorUsername: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: AuditValue;
  after: AuditValue;
  /** Extra facts of entries that are not a before/after change (e.g. a revoked session). */
  detail?: unknown;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actor?: string;
  /** YYYY-MM-DD, first day included. */
  from?: string;
  /** YYYY-MM-DD, last day included. */
  to?: string;
  page: number;
  pageSize: number;
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  townshipCode: string | null;
  institutionId: string | null;
  govUnitId?: string | null;
  disabled: boolean;
}

/**
 * The contract does not fix the shape of a session; these are the fields the page shows
 * when present.
 */
export interface Session {
  id: string;
  createdAt?: string | null;
  lastSeenAt?: string | null;
  expiresAt?: string | null;
  revokedAt?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** Error body of every 4xx/5xx response. */
export interface ApiErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  field?: string;
}

/** 'general' = the document's 总体目标; 'conventions' = practice the text leaves open. */
export type ParameterArticle = number | 'general' | 'conventions';

export const PARAMETER_UNITS = [
  'CNY',
  'percent',
  'percentage-points',
  'count',
  'date',
  'months',
  'years',
  'ratio',
  'boolean',
  'enum',
] as const;
export type ParameterUnit = (typeof PARAMETER_UNITS)[number];

export interface ParameterVersion {
  version: number;
  /** YYYY-MM-DD, first day in force. */
  from: string;
  /** As text, the way the policy files write it (e.g. '50000.00', '4.75', 'true'). */
  value: string;
  /** The document that decided this value. */
  document: string;
}

export interface PolicyParameter {
  id: string;
  article: ParameterArticle;
  titleZh: string;
  titleEn: string;
  /** Known units; an unknown one is shown as it comes. */
  unit: ParameterUnit | (string & {});
  /** An enum's allowed values; null for other units. */
  choices: string[] | null;
  /** Words of the policy text the value comes from. */
  quote: string;
  interpretation: string | null;
  /** The version in force on the requested date; null if none is. */
  current: { value: string; version: number; from: string } | null;
  versions: ParameterVersion[];
}

export interface PolicyParameterList {
  at: string;
  items: PolicyParameter[];
}

export interface ParameterQuery {
  /** YYYY-MM-DD */
  at?: string;
  /** The server filters by numbered articles only. */
  article?: number;
}

export interface NewParameterVersion {
  /** YYYY-MM-DD */
  effectiveFrom: string;
  /** Integers for count/months/years, booleans for boolean, text otherwise. */
  value: string | number | boolean;
  document: string;
}

export interface AddedParameterVersion {
  id: string;
  version: number;
  from: string;
  value: string;
  document: string;
}

export type ImportMode = 'dry-run' | 'commit';

export interface ImportProblem {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** The column's English key (householdNo, headIdNumber, …), or '(file)'. */
  field: string;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface ImportReport {
  mode: ImportMode;
  fileName: string;
  format: 'csv' | 'xlsx' | null;
  encoding: string | null;
  sha256: string;
  rows: number;
  /** Valid rows new to the register: inserted on commit, would be on a dry run. */
  toInsert: number;
  inserted: number;
  unchanged: number;
  committed: boolean;
  errorCount: number;
  /** The first problems (the server lists at most 1000); errorCount counts them all. */
  errors: ImportProblem[];
  ignoredColumns: string[];
}

/** Roles whose users belong to a financial institution. */
export const INSTITUTION_ROLES = ['bank_officer', 'insurer', 'guarantor'] as const;

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  /** Required for township_clerk. */
  townshipCode?: string;
  /** Institution `code`, required for bank_officer, insurer and guarantor. */
  institutionCode?: string;
  /** Government unit `code`, required for gov_unit. */
  govUnitCode?: string;
  password: string;
}

export interface PasswordReset {
  username: string;
  password: string;
}
