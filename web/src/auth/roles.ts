import type { Role } from '../api/types.ts';

/** Roles that manage users and sessions. */
export const ADMIN_ROLES: readonly Role[] = ['district_admin'];

/** Roles that maintain the register (within their scope): edits and imports. */
export const REGISTER_WRITERS: readonly Role[] = [
  'district_admin',
  'poverty_office',
  'township_clerk',
];

/** Roles that add versions of policy parameters. */
export const POLICY_EDITORS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'finance_bureau',
];

/** Roles that record poor households' financing needs (art. 3). */
export const NEED_RECORDERS: readonly Role[] = ['township_clerk', 'poverty_office'];

/** Roles that respond to needs and apply, approve, disburse and service loans. */
export const LOAN_OFFICERS: readonly Role[] = ['bank_officer'];

/** Roles that may read loans and needs (each within its scope). */
export const LOAN_READERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
  'township_clerk',
  'bank_officer',
];
