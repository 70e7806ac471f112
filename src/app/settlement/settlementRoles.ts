import { DISTRICT_ROLES, type Role } from '../roles.ts';

/**
 * Who does what in a settlement run (issue 5 §2): the financial office or the finance
 * bureau prepares and submits (the maker), the poverty office reviews, the finance
 * bureau approves and records the payment, and the approver is never the maker.
 */
export const SETTLEMENT_MAKERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'finance_bureau',
];
export const SETTLEMENT_REVIEWERS: readonly Role[] = ['poverty_office'];
export const SETTLEMENT_APPROVERS: readonly Role[] = ['finance_bureau'];
export const SETTLEMENT_READERS: readonly Role[] = DISTRICT_ROLES;
export const FUND_KEEPERS: readonly Role[] = ['finance_bureau', 'district_admin'];
