import { DISTRICT_ROLES, type Role } from '../roles.ts';

/** Who reads loss claims (each within scope): the district offices, banks, guarantors. */
export const LOSS_READERS: readonly Role[] = [...DISTRICT_ROLES, 'bank_officer', 'guarantor'];

/** Who decides claims and keeps the art. 19 pilot register. */
export const LOSS_CHECKERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'finance_bureau',
];
