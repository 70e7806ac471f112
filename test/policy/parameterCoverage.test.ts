import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicyData } from '../../src/app/policy/loadPolicyData.ts';
import { yuanToFen } from '../../src/core/money.ts';
import type { ParameterDefinition } from '../../src/core/policy/parameter.ts';
import { parseRate } from '../../src/core/rate.ts';

/**
 * Every figure of the policy is a parameter. This test reads the shipped policy text
 * and POLICY.md and fails when
 *  - an Arabic-numeral figure of the text is neither the value of a parameter of the
 *    same article whose quote covers that very occurrence, nor an explicit exclusion;
 *  - an exclusion is not used (stale);
 *  - a bold figure of POLICY.md has no parameter of its article with that value;
 *  - the set of parameter files differs from PARAMETER_IDS below (so deleting a file
 *    fails the test, and adding one is a reviewed change of this list).
 */

const data = loadPolicyData('policy');
const text = data.policyText;
const params = [...data.parameters.parameters.values()];

/** The catalogue of shipped parameters. Deleting a file must fail this test. */
const PARAMETER_IDS = [
  'art1.adbc-pilot.rate-discount-max',
  'art1.adbc-pilot.rate-discount-min',
  'art10.credit-designation-coverage',
  'art10.credit-info-collection-rate-min',
  'art10.credit-rating-coverage-min',
  'art10.credit-system.deadline',
  'art10.credit-system.township-count',
  'art10.credit-household.approval-days',
  'art10.credit-household.limit-uplift',
  'art10.credit-household.min-grade',
  'art10.credit-household.rate-discount',
  'art10.credit-rating.grade-a-min',
  'art10.credit-rating.grade-aa-min',
  'art10.credit-rating.grade-aaa-min',
  'art10.credit-rating.overdue-penalty',
  'art10.credit-rating.total-points',
  'art10.credit-rating.validity-years',
  'art10.credit-rating.weight.debts',
  'art10.credit-rating.weight.family-labour',
  'art10.credit-rating.weight.income-production',
  'art10.credit-rating.weight.land-assets',
  'art10.credit-rating.weight.officer-assessment',
  'art10.credit-rating.weight.repayment-record',
  'art10.credit-rating.weight.village-assessment',
  'art10.credit-township.credit-village-share-min',
  'art10.credit-township.no-arrears-share-min',
  'art10.credit-township.npl-new-max',
  'art10.credit-township.npl-stock-max',
  'art10.credit-village.credit-household-share-min',
  'art10.credit-village.no-arrears-share-min',
  'art10.credit-village.npl-new-max',
  'art10.credit-village.npl-stock-max',
  'art11.guarantor.fee-free',
  'art11.interest-subsidy.benchmark-basis',
  'art11.interest-subsidy.extension-keeps-subsidy',
  'art11.interest-subsidy.late-payment-subsidised',
  'art11.interest-subsidy.payee',
  'art11.interest-subsidy.reference-rate',
  'art11.micro-credit.cap-scope',
  'art11.micro-credit.collateral-free',
  'art11.micro-credit.guarantee-free',
  'art11.micro-credit.max-amount',
  'art11.micro-credit.rural-tourism-max-amount',
  'art11.micro-credit.term-years',
  'art12.grant-date-from',
  'art12.grant-date-inclusive',
  'art12.guarantor-subsidy.share-of-new-guarantees',
  'art12.guarantor.max-fee-rate',
  'art12.lender-subsidy.share-of-year-end-balance',
  'art12.rate-cap-points-over-benchmark',
  'art14.project-subsidy.cap-scope',
  'art14.project-subsidy.max-per-entity',
  'art14.project-subsidy.share',
  'art15.grant-date-from',
  'art15.grant-date-inclusive',
  'art15.guarantor-subsidy.share-of-new-guarantees',
  'art15.guarantor.max-fee-rate',
  'art15.lender-subsidy.share-of-year-end-balance',
  'art15.poor-employee-share-min',
  'art15.rate-cap-points-over-benchmark',
  'art16.central-subsidy.share',
  'art16.city-subsidy.share',
  'art16.relocation-loan.max-term-years',
  'art16.relocation-loan.min-rate-discount',
  'art17.grace-period.subsidy-share',
  'art17.grace-period.years',
  'art17.in-school.subsidy-share',
  'art17.student-loan.max-term-years',
  'art17.supplementary-loan.max-amount',
  'art17.supplementary-loan.min-amount',
  'art18.cdb-infrastructure.max-term-years',
  'art18.psl.rate-discount-max',
  'art18.psl.rate-discount-min',
  'art19.precedence-over-fund',
  'art19.risk-compensation.share-of-actual-loss',
  'art2.abc.demonstration-villages-min',
  'art20.city-subsidy.share-of-new-guarantees',
  'art20.district-subsidy.share-of-new-guarantees',
  'art20.guarantor.max-fee-rate',
  'art21.guarantee-company.target-capital',
  'art22.district-subsidy.share',
  'art22.entrusted-loan.max-rate',
  'art22.guarantee.fee-rate',
  'art23.direct-financing-training.per-year',
  'art23.listed-companies.deadline',
  'art23.listed-companies.target',
  'art23.neeq-listing.deadline',
  'art23.otc-listings.target',
  'art24.extra-premium-subsidy.basis',
  'art24.extra-premium-subsidy.share',
  'art26.city-premium-share',
  'art26.district-premium-share',
  'art26.government-premium-share',
  'art29.poverty-credit-cumulative.target',
  'art29.poverty-loan-balance.target',
  'art29.poverty-relending.one-year-rate',
  'art29.poverty-relending.one-year-term-years',
  'art29.poverty-relending.rate-reduction',
  'art29.relending-cumulative.target',
  'art29.relending-quota.target',
  'art31.fund.loss-share-default',
  'art31.risk-compensation-fund.size',
  'art36.supervision.report-grace-days',
  'art6.subsidy.assisted-withdrawal-point',
  'art6.subsidy.atm',
  'art6.subsidy.mobile-payment-point',
  'art6.subsidy.one-off',
  'art6.subsidy.self-service-point',
  'art6.targets.atms',
  'art6.targets.bank-outlets',
  'art6.targets.deadline',
  'art6.targets.pos-terminals',
  'art6.targets.township-coverage',
  'art6.targets.village-coverage',
  'art6.township-count',
  'art8.village-service-stations.deadline',
  'art8.village-service-stations.min',
  'conventions.benchmark-basis',
  'conventions.lpr-switch-date',
  'conventions.reference-rate',
  'conventions.subsidy-rounding',
  'general.rural-finance-system.deadline',
];

/** Figures of the text that are not parameters, each with its reason. */
const EXCLUSIONS: readonly { figure: string; article: Scope; reason: string }[] = [
  {
    figure: '〔2017〕53号',
    article: 'general',
    reason: "The document's own number (武隆府办发〔2017〕53号), not a policy figure.",
  },
  {
    figure: '〔2015〕19号',
    article: 'general',
    reason: 'Number of the city document it implements (渝委发〔2015〕19号), not a policy figure.',
  },
];

type Scope = number | 'general' | 'conventions';

// ---------------------------------------------------------------------------------
// Articles of the text: （一）…（三十六） at the start of a line; before （一）: general.

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function chineseNumeral(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${CN_DIGITS[tens] ?? ''}十`}${CN_DIGITS[ones] ?? ''}`;
}

const articleStarts: { article: number; index: number }[] = [];
for (let n = 1; n <= 36; n++) {
  const marker = `\n（${chineseNumeral(n)}）`;
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`article marker ${marker.trim()} not found`);
  articleStarts.push({ article: n, index });
}

function articleAt(index: number): Scope {
  let scope: Scope = 'general';
  for (const s of articleStarts) if (s.index <= index) scope = s.article;
  return scope;
}

function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

// ---------------------------------------------------------------------------------
// Figures: an Arabic number with its unit suffix, normalised to what a parameter holds.

type Expected =
  | { kind: 'fen'; value: number }
  | { kind: 'percent'; value: number } // rate units; percent or percentage points
  | { kind: 'points'; value: number } // rate units; percentage points only
  | { kind: 'integer'; value: number; units: readonly string[] }
  | { kind: 'date'; value: string }
  | { kind: 'year'; value: number };

interface Figure {
  readonly text: string;
  readonly index: number;
  readonly article: Scope;
  readonly expected: readonly Expected[];
}

const NUM = String.raw`\d+(?:\.\d+)?`;
const FIGURE = new RegExp(
  [
    String.raw`(?<doc>〔\d{4}〕\d+号)`,
    String.raw`(?<date>(?<dy>\d{4})年(?<dm>\d{1,2})月(?<dd>\d{1,2})日)`,
    String.raw`(?<yearEnd>(?<ey>\d{4})年年底)`,
    `(?<range>(?<ra>${NUM})—(?<rb>${NUM})(?<ru>%|元))`,
    `(?<plain>(?<pn>${NUM})(?<pu>个百分点|万元|亿元|元|%|个|台|家|年期|年|次|号)?)`,
  ].join('|'),
  'gu',
);

const pad = (n: string): string => n.padStart(2, '0');

function valueOf(num: string, unit: string | undefined): Expected {
  const n = Number(num);
  switch (unit) {
    case '元':
      return { kind: 'fen', value: yuanToFen(num) };
    case '万元':
      return { kind: 'fen', value: Math.round(n * 10_000 * 100) };
    case '亿元':
      return { kind: 'fen', value: Math.round(n * 100_000_000 * 100) };
    case '%':
      return { kind: 'percent', value: parseRate(num) };
    case '个百分点':
      return { kind: 'points', value: parseRate(num) };
    case '年':
    case '年期':
      return /^\d{4}$/.test(num)
        ? { kind: 'year', value: n }
        : { kind: 'integer', value: n, units: ['years'] };
    case '个':
    case '台':
    case '家':
    case '次':
      return { kind: 'integer', value: n, units: ['count'] };
    default:
      return { kind: 'integer', value: n, units: ['count', 'years', 'months'] };
  }
}

function extractFigures(source: string): Figure[] {
  const out: Figure[] = [];
  for (const m of source.matchAll(FIGURE)) {
    const g = m.groups ?? {};
    const index = m.index;
    let expected: Expected[] = [];
    if (g.doc !== undefined) expected = [];
    else if (g.date !== undefined) {
      expected = [{ kind: 'date', value: `${g.dy ?? ''}-${pad(g.dm ?? '')}-${pad(g.dd ?? '')}` }];
    } else if (g.yearEnd !== undefined) expected = [{ kind: 'date', value: `${g.ey ?? ''}-12-31` }];
    else if (g.range !== undefined)
      expected = [valueOf(g.ra ?? '', g.ru), valueOf(g.rb ?? '', g.ru)];
    else expected = [valueOf(g.pn ?? '', g.pu)];
    out.push({ text: m[0], index, article: articleAt(index), expected });
  }
  return out;
}

function holds(p: ParameterDefinition, e: Expected): boolean {
  return p.versions.some(({ value }) => {
    switch (e.kind) {
      case 'fen':
        return p.unit === 'CNY' && value === e.value;
      case 'percent':
        return (p.unit === 'percent' || p.unit === 'percentage-points') && value === e.value;
      case 'points':
        return p.unit === 'percentage-points' && value === e.value;
      case 'integer':
        return e.units.includes(p.unit) && value === e.value;
      case 'date':
        return p.unit === 'date' && value === e.value;
      case 'year':
        return (
          p.unit === 'date' && typeof value === 'string' && value.startsWith(`${String(e.value)}-`)
        );
    }
  });
}

/** Parameters of the figure's article whose quote covers this occurrence. */
function covering(f: Figure): ParameterDefinition[] {
  return params.filter(
    (p) =>
      p.article === f.article &&
      occurrences(text, p.quote).some(
        (at) => at <= f.index && f.index + f.text.length <= at + p.quote.length,
      ),
  );
}

const figures = extractFigures(text);

describe('every figure of the policy text is a parameter', () => {
  it('finds the figures', () => {
    expect(figures.length).toBeGreaterThan(60);
  });

  it.each(
    figures.map((f) => [`art. ${String(f.article)} «${f.text}» at ${String(f.index)}`, f] as const),
  )('%s', (_label, f) => {
    const excluded = EXCLUSIONS.filter((x) => x.figure === f.text && x.article === f.article);
    if (excluded.length > 0) {
      expect(excluded[0]?.reason.length).toBeGreaterThan(10);
      return;
    }
    expect(f.expected.length, `«${f.text}» is neither a parameter nor excluded`).toBeGreaterThan(0);
    const candidates = covering(f);
    for (const e of f.expected) {
      const match = candidates.filter((p) => holds(p, e));
      expect(
        match.map((p) => p.id),
        `no parameter of art. ${String(f.article)} whose quote covers «${f.text}» holds ${JSON.stringify(e)}; candidates: ${candidates.map((p) => p.id).join(', ') || 'none'}`,
      ).not.toEqual([]);
    }
  });

  it('uses every exclusion (no stale entries)', () => {
    for (const x of EXCLUSIONS) {
      expect(
        figures.some((f) => f.text === x.figure && f.article === x.article),
        x.figure,
      ).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------
// POLICY.md: every bold figure has a parameter of its article.

const policyMd = readFileSync('policy/POLICY.md', 'utf8');

const conventionsStart = policyMd.indexOf('\n## Conventions');

/** The article a position of POLICY.md is about: the last "N. " list item before it. */
function markdownScopeAt(index: number): Scope {
  if (conventionsStart >= 0 && index > conventionsStart) return 'conventions';
  let scope: Scope = 'general';
  for (const m of policyMd.slice(0, index).matchAll(/\n(\d{1,2})\. /g)) scope = Number(m[1]);
  return scope;
}

interface BoldFigure {
  readonly bold: string;
  readonly number: string;
  readonly scope: Scope;
}

const boldFigures: BoldFigure[] = [];
for (const m of policyMd.matchAll(/\*\*([\s\S]+?)\*\*/g)) {
  const bold = m[1] ?? '';
  const scope = markdownScopeAt(m.index);
  for (const n of bold.matchAll(
    /\d{4}-\d{2}-\d{2}|\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion))?/g,
  )) {
    boldFigures.push({ bold: bold.replace(/\s+/g, ' '), number: n[0], scope });
  }
}

function boldExpected(number: string): Expected[] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(number)) return [{ kind: 'date', value: number }];
  const [digits = '', scale] = number.split(/\s+/);
  const plain = digits.replace(/,/g, '');
  const factor = scale === 'million' ? 1e6 : scale === 'billion' ? 1e9 : 1;
  const n = Number(plain) * factor;
  const out: Expected[] = [
    { kind: 'fen', value: Math.round(n * 100) },
    { kind: 'integer', value: n, units: ['count', 'years', 'months'] },
  ];
  if (factor === 1) out.push({ kind: 'percent', value: parseRate(plain) });
  if (factor === 1 && /^(19|20)\d\d$/.test(plain)) out.push({ kind: 'year', value: n });
  return out;
}

describe('every bold figure of POLICY.md is a parameter', () => {
  it('finds the bold figures', () => {
    expect(boldFigures.length).toBeGreaterThan(60);
  });

  it.each(
    boldFigures.map((b) => [`art. ${String(b.scope)} **${b.bold}** → ${b.number}`, b] as const),
  )('%s', (_label, b) => {
    const ofScope = params.filter((p) => p.article === b.scope);
    const match = ofScope.filter((p) => boldExpected(b.number).some((e) => holds(p, e)));
    expect(
      match.map((p) => p.id),
      `no parameter of art. ${String(b.scope)} holds ${b.number}`,
    ).not.toEqual([]);
  });
});

// ---------------------------------------------------------------------------------

describe('the parameter catalogue', () => {
  it('ships exactly the listed parameters (deleting a file fails here)', () => {
    const shipped = params.map((p) => p.id).sort();
    expect(shipped).toEqual([...PARAMETER_IDS].sort());
  });

  it('quotes the policy text verbatim in every parameter', () => {
    for (const p of params) expect(text.includes(p.quote), p.id).toBe(true);
  });

  it('states an interpretation wherever a value is not read directly off the text', () => {
    for (const p of params) {
      for (const v of p.versions) {
        if (!v.document.includes('武隆府办发〔2017〕53号')) {
          expect(p.interpretation, `${p.id} needs an interpretation`).toBeDefined();
        }
      }
    }
  });
});
