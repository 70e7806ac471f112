import { DISTRICT_ROLES, type Role } from '../roles.ts';

/** Who supervises (art. 36): the district offices, and the auditor read-only. */
export const SUPERVISORS: readonly Role[] = DISTRICT_ROLES;

/** Who creates the district's tasks and flags overdue reports. */
export const SUPERVISION_ADMINS: readonly Role[] = ['district_admin', 'financial_office'];

/** Roles that may act for a responsible unit and report on its tasks. */
export const REPORTERS: readonly Role[] = [
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
];
