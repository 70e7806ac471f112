/**
 * The loan categories of the banks' periodic statistics (issue 7 §3): all loans, and
 * the parts the policy's targets compare (general targets, art. 29). Each part sits
 * within its parent: agricultural loans within all loans, farm-household loans within
 * agricultural loans, loans to registered poor households within farm-household loans,
 * and the three poverty-alleviation kinds together within all loans.
 */
export const STATISTICS_CATEGORIES = [
  'all',
  'agricultural',
  'farm_household',
  'poverty_individual',
  'poverty_industry',
  'poverty_project',
  'poor_household',
] as const;
export type StatisticsCategory = (typeof STATISTICS_CATEGORIES)[number];

export const CATEGORY_NAMES: Record<StatisticsCategory, { zh: string; en: string }> = {
  all: { zh: '各项贷款', en: 'All loans' },
  agricultural: { zh: '涉农贷款', en: 'Agricultural loans' },
  farm_household: { zh: '农户贷款', en: 'Farm-household loans' },
  poverty_individual: { zh: '个人精准扶贫贷款', en: 'Poverty-alleviation loans to individuals' },
  poverty_industry: { zh: '产业精准扶贫贷款', en: 'Poverty-alleviation industry loans' },
  poverty_project: { zh: '项目精准扶贫贷款', en: 'Poverty-alleviation project loans' },
  poor_household: { zh: '建档立卡贫困户贷款', en: 'Loans to registered poor households' },
};

/** The poverty-alleviation loans (扶贫类贷款) of the general targets and art. 29. */
export const POVERTY_CATEGORIES: readonly StatisticsCategory[] = [
  'poverty_individual',
  'poverty_industry',
  'poverty_project',
];

/** Each part and the whole it must not exceed; the poverty kinds count together. */
export const PART_OF: readonly {
  parts: readonly StatisticsCategory[];
  whole: StatisticsCategory;
}[] = [
  { parts: ['agricultural'], whole: 'all' },
  { parts: ['farm_household'], whole: 'agricultural' },
  { parts: ['poor_household'], whole: 'farm_household' },
  { parts: POVERTY_CATEGORIES, whole: 'all' },
];
