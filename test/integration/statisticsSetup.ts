import { STATISTICS_CATEGORIES } from '../../src/app/statistics/categories.ts';

/** A report's lines from [balance, new lending, repaid, borrowers, npl] by category, yuan. */
export type Figures = Record<
  (typeof STATISTICS_CATEGORIES)[number],
  readonly [string, string, string, number, string]
>;

export const linesOf = (f: Figures) =>
  STATISTICS_CATEGORIES.map((category) => {
    const [balance, newLending, repaid, borrowers, npl] = f[category];
    return { category, balance, newLending, repaid, borrowers, npl };
  });

/** ICBC's 2017-Q1, consistent by construction (worked in statistics.test.ts). */
export const Q1_2017: Figures = {
  all: ['1000000', '300000', '100000', 500, '10000'],
  agricultural: ['600000', '200000', '50000', 400, '8000'],
  farm_household: ['400000', '150000', '40000', 300, '5000'],
  poverty_individual: ['100000', '50000', '10000', 80, '1000'],
  poverty_industry: ['150000', '40000', '0', 5, '0'],
  poverty_project: ['200000', '0', '20000', 2, '0'],
  poor_household: ['120000', '60000', '10000', 90, '1000'],
};

/** Every category at zero: a consistent report for tests that need any report. */
export const ZERO: Figures = Object.fromEntries(
  STATISTICS_CATEGORIES.map((c) => [c, ['0', '0', '0', 0, '0'] as const]),
) as unknown as Figures;
