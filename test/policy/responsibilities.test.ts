import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_GOV_UNITS, DEMO_INSTITUTIONS } from '../../src/app/demo/generateDistrict.ts';
import { loadPolicyData, PolicyDataError } from '../../src/app/policy/loadPolicyData.ts';
import { loadResponsibilityMatrix } from '../../src/app/supervision/responsibilityMatrix.ts';
import type {
  ArticleResponsibility,
  ResponsibilityMatrix,
} from '../../src/core/supervision/matrix.ts';

/**
 * THE MATRIX TEST (issue 8, Must show). It reads the shipped policy text itself — with
 * its own parsing, independent of the code under test — and fails when
 *  - an article's responsible units in policy/responsibilities.yaml differ from the
 *    text's （责任单位：…） in any way: a unit missing, one extra, another order, another
 *    grouping (the text separates units with 、 and groups with ，), another closing
 *    "等…", or the label (article 34 writes its list without "责任单位：");
 *  - a deadline the text states in an article (a year, "2017年年底前") is not the
 *    deadline of one of that article's measures, or the data states one the text does not.
 */

const TEXT = readFileSync('policy/wulong-2017-53.txt', 'utf8');
const matrix = loadResponsibilityMatrix('policy');

/** The article lines, in order: （一）…（三十六）. */
const paragraphsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => /^（[一二三四五六七八九十]+）/.test(l));

/** The list closing an article: `（责任单位：A、B，C）` or, unlabelled, `（A、B）`. */
function unitListOf(paragraph: string): { labelled: boolean; list: string } | undefined {
  const m = /（(责任单位：)?([^（）]+)）$/.exec(paragraph);
  return m ? { labelled: m[1] !== undefined, list: m[2]! } : undefined;
}

/** Deadlines as the text writes them: a year not followed by a month ("2015年8月1日" is a start). */
const deadlinesOf = (paragraph: string): string[] =>
  [...paragraph.matchAll(/\d{4}年(?:年底前)?(?!\d)/g)].map((m) => m[0]);

/** The data's list written back the way the text writes it. */
const written = (a: ArticleResponsibility): string =>
  a.units.map((g) => g.names.join('、') + (g.etc ?? '')).join('，');

/** Every difference between the text and the matrix; [] when they agree. */
function mismatches(text: string, m: ResponsibilityMatrix): string[] {
  const out: string[] = [];
  const paragraphs = paragraphsOf(text);
  if (paragraphs.length !== 36) out.push(`the text has ${String(paragraphs.length)} articles`);
  paragraphs.forEach((p, i) => {
    const n = i + 1;
    const a = m.articles.find((x) => x.article === n);
    if (!a) return out.push(`article ${String(n)}: not in the data`);
    const inText = unitListOf(p);
    if (!inText) return out.push(`article ${String(n)}: no unit list in the text`);
    if (inText.labelled !== a.labelled) out.push(`article ${String(n)}: label differs`);
    const tokens = (s: string) => s.split(/[、，]/);
    const textUnits = tokens(inText.list);
    const dataUnits = tokens(written(a));
    for (const u of textUnits.filter((u) => !dataUnits.includes(u))) {
      out.push(`article ${String(n)}: ${u} missing from the data`);
    }
    for (const u of dataUnits.filter((u) => !textUnits.includes(u))) {
      out.push(`article ${String(n)}: ${u} not in the text`);
    }
    if (inText.list !== written(a)) {
      out.push(`article ${String(n)}: text «${inText.list}» but data «${written(a)}»`);
    }
    const textDeadlines = deadlinesOf(p).sort();
    const dataDeadlines = a.measures.flatMap((x) => (x.deadline ? [x.deadline.quote] : [])).sort();
    if (JSON.stringify(textDeadlines) !== JSON.stringify(dataDeadlines)) {
      out.push(
        `article ${String(n)}: deadlines in the text ${JSON.stringify(textDeadlines)}, in the data ${JSON.stringify(dataDeadlines)}`,
      );
    }
  });
  if (m.articles.length !== paragraphs.length) {
    out.push(`the data has ${String(m.articles.length)} articles`);
  }
  return out;
}

describe('the responsibility matrix against the policy text', () => {
  it('has every article, and every article has its units exactly as the text writes them', () => {
    expect(mismatches(TEXT, matrix)).toEqual([]);
  });

  it('reads the lists a human reads (hand-checked samples)', () => {
    const art = (n: number) => matrix.articles[n - 1]!;
    // Art. 4: "（责任单位：区金融管理中心、人行武隆支行、区银监办，区内涉农银行机构）" — two groups.
    expect(art(4).units).toEqual([
      { names: ['区金融管理中心', '人行武隆支行', '区银监办'] },
      { names: ['区内涉农银行机构'] },
    ]);
    // Art. 6 closes its list with "武隆融兴村镇银行等".
    expect(art(6).units.at(-1)?.etc).toBe('等');
    // Art. 13: "…、农行武隆支行等有关银行业金融机构".
    expect(art(13).units[1]).toEqual({
      names: ['人行武隆支行', '农发行武隆支行', '农行武隆支行'],
      etc: '等有关银行业金融机构',
    });
    // Art. 34: "（区级有关部门、区内金融机构）" — no "责任单位：" label; the only such article.
    expect(matrix.articles.filter((a) => !a.labelled).map((a) => a.article)).toEqual([34]);
    expect(art(34).units).toEqual([{ names: ['区级有关部门', '区内金融机构'] }]);
    // Art. 29 and 30 name one unit each.
    expect(art(29).units).toEqual([{ names: ['人行武隆支行'] }]);
    expect(art(30).units).toEqual([{ names: ['区银监办'] }]);
    // Art. 16 names ten units, the last two with 〔集团〕 in their names.
    expect(art(16).units[0]?.names).toHaveLength(10);
    expect(art(16).units[0]?.names.at(-1)).toBe('区工业〔集团〕公司');
  });

  it('dates every deadline the articles state (hand-read: arts. 6, 8, 10, 23)', () => {
    const deadlines = matrix.articles.flatMap((a) =>
      a.measures.flatMap((m) =>
        m.deadline ? [[a.article, m.deadline.quote, m.deadline.date]] : [],
      ),
    );
    // "力争到2017年年底前" (6, 8, 23), "力争到2018年年底前" (10), "力争到2020年" (23): by the
    // end of the year named.
    expect(deadlines).toEqual([
      [6, '2017年年底前', '2017-12-31'],
      [8, '2017年年底前', '2017-12-31'],
      [10, '2018年年底前', '2018-12-31'],
      [23, '2017年年底前', '2017-12-31'],
      [23, '2020年', '2020-12-31'],
    ]);
  });

  it('leaves the one deadline outside the articles (总体目标) to its parameter', () => {
    const outside = paragraphsOf(TEXT).reduce((t, p) => t.replace(p, ''), TEXT);
    expect(deadlinesOf(outside)).toEqual(['2017年年底前']);
    const p = loadPolicyData('policy').parameters.parameters.get(
      'general.rural-finance-system.deadline',
    );
    expect(p?.versions[0]?.value).toBe('2017-12-31');
  });

  it('fails when a unit is removed from the data', () => {
    const art11 = matrix.articles[10]!;
    const cut: ResponsibilityMatrix = {
      ...matrix,
      articles: matrix.articles.map((a) =>
        a === art11
          ? {
              ...a,
              units: [{ names: a.units[0]!.names.filter((u) => u !== '区旅游局') }, a.units[1]!],
            }
          : a,
      ),
    };
    expect(mismatches(TEXT, cut)).toContain('article 11: 区旅游局 missing from the data');
  });

  it('fails when a unit is removed from the text, or two units swap places', () => {
    const cut = TEXT.replace('（责任单位：区扶贫办，区内保险公司）', '（责任单位：区内保险公司）');
    expect(cut).not.toBe(TEXT);
    expect(mismatches(cut, matrix)).toContain('article 27: 区扶贫办 not in the text');
    const swapped = TEXT.replace(
      '（责任单位：区财政局、区农委、区扶贫办）',
      '（责任单位：区农委、区财政局、区扶贫办）',
    );
    expect(mismatches(swapped, matrix)).toEqual([
      'article 14: text «区农委、区财政局、区扶贫办» but data «区财政局、区农委、区扶贫办»',
    ]);
  });

  it('fails when a deadline is added to the text or dropped from the data', () => {
    const added = TEXT.replace(
      '对建卡贫困户承担的保费再补贴5%',
      '2019年年底前对建卡贫困户承担的保费再补贴5%',
    );
    expect(mismatches(added, matrix)).toEqual([
      'article 24: deadlines in the text ["2019年年底前"], in the data []',
    ]);
    const dropped: ResponsibilityMatrix = {
      ...matrix,
      articles: matrix.articles.map((a) =>
        a.article === 10 ? { ...a, measures: a.measures.map(({ deadline: _d, ...m }) => m) } : a,
      ),
    };
    expect(mismatches(TEXT, dropped)).toEqual([
      'article 10: deadlines in the text ["2018年年底前"], in the data []',
    ]);
  });

  it('names only units the demo register has, or classes it knows how to resolve', () => {
    const known = new Set([
      ...DEMO_GOV_UNITS.map((u) => u.nameZh),
      ...DEMO_INSTITUTIONS.map((i) => i.nameZh),
      ...Object.keys(matrix.collectives),
    ]);
    const names = new Set(matrix.articles.flatMap((a) => a.measures.flatMap((m) => m.owners)));
    expect([...names].filter((n) => !known.has(n))).toEqual([]);
  });
});

describe('loading the matrix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jinfu-matrix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const shipped = readFileSync('policy/responsibilities.yaml', 'utf8');

  const issuesWith = (yaml: string) => {
    cpSync('policy/wulong-2017-53.txt', join(dir, 'wulong-2017-53.txt'));
    writeFileSync(join(dir, 'responsibilities.yaml'), yaml);
    try {
      loadResponsibilityMatrix(dir);
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyDataError);
      return (e as PolicyDataError).issues.map((i) => `${i.field}: ${i.message}`);
    }
    return [];
  };

  it('refuses a quote that is not the text, an owner that is not a unit, a wrong title', () => {
    expect(issuesWith(shipped)).toEqual([]);
    const bad = shipped
      .replace('要打造3个以上金融扶贫示范村', '要打造5个以上金融扶贫示范村')
      .replace('owners: [区财政局]', 'owners: [区教委]')
      .replace('title: 加快推进扶贫小额贷款', 'title: 加快推进扶贫贷款');
    expect(issuesWith(bad)).toEqual([
      'articles[1].measures[0].quote: not in article 2 verbatim',
      'articles[10].title: not the title of article 11',
      'articles[13].measures[0].owners: 区教委 is not a unit of the article',
    ]);
  });

  it('refuses a missing article, naming where', () => {
    const without36 = shipped.slice(0, shipped.indexOf('  - article: 36'));
    expect(issuesWith(without36)).toEqual(['articles: expected 36 articles, got 35']);
  });
});
