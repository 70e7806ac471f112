/** The roles of issue 2, with how far each one's view of the register reaches. */
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

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  district_admin: { zh: '区级管理员', en: 'District administrator' },
  financial_office: { zh: '区金融管理中心', en: 'District financial office' },
  poverty_office: { zh: '区扶贫办', en: 'Poverty alleviation office' },
  finance_bureau: { zh: '区财政局', en: 'Finance bureau' },
  pboc: { zh: '人行武隆支行', en: 'PBOC Wulong sub-branch' },
  regulator: { zh: '区银监办', en: 'Banking regulator office' },
  township_clerk: { zh: '乡镇经办员', en: 'Township clerk' },
  bank_officer: { zh: '银行客户经理', en: 'Bank officer' },
  insurer: { zh: '保险机构', en: 'Insurer' },
  guarantor: { zh: '担保机构', en: 'Guarantor' },
  gov_unit: { zh: '责任单位', en: 'Responsible unit' },
  auditor: { zh: '审计（只读）', en: 'Auditor (read-only)' },
};

/** Roles whose work needs the register of every township. */
export const DISTRICT_ROLES: readonly Role[] = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
];

/** Roles that may read the register at all (within their scope). */
export const REGISTER_READERS: readonly Role[] = [
  ...DISTRICT_ROLES,
  'township_clerk',
  'bank_officer',
];

/** Roles that maintain the register (within their scope). */
export const REGISTER_WRITERS: readonly Role[] = [
  'district_admin',
  'poverty_office',
  'township_clerk',
];

/**
 * Roles that see full resident ID and phone numbers on a detail view (the access is
 * audited); every other role sees them masked everywhere (PIPL data minimisation).
 */
export const PII_READERS: readonly Role[] = [
  'district_admin',
  'poverty_office',
  'financial_office',
  'finance_bureau',
  'township_clerk',
  'bank_officer',
];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
