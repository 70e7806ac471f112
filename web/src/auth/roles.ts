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
