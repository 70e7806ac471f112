import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../calendarDate.ts';

/**
 * The responsibility matrix (decision 0017): for each of the policy's 36 articles, its
 * responsible units as the text writes them and its measures, each quoting the text.
 * Validation is pure: the caller passes the parsed YAML and the policy text.
 */

export const ARTICLE_COUNT = 36;

/** A run of units the text separates with 、; groups are separated with ，. */
export interface UnitGroup {
  readonly names: readonly string[];
  /** The words closing the group in the text: '等', '等有关银行业金融机构'. */
  readonly etc?: string;
}

export interface Deadline {
  readonly date: IsoDate;
  /** The words of the text that state it, e.g. '2017年年底前'. */
  readonly quote: string;
}

export interface Measure {
  /** 'art6.3': the article and the measure's place in it (measures are only appended). */
  readonly id: string;
  readonly article: number;
  readonly quote: string;
  /**
   * The units that own the measure: the article's units (and the class a group's
   * closing words name) unless the text assigns the measure to some of them.
   */
  readonly owners: readonly string[];
  readonly deadline?: Deadline;
}

export interface ArticleResponsibility {
  readonly article: number;
  readonly title: string;
  /** False only where the text lists the units without the "责任单位：" label (art. 34). */
  readonly labelled: boolean;
  readonly units: readonly UnitGroup[];
  readonly measures: readonly Measure[];
}

/** Which register entries act for a unit the text names as a class. */
export interface Collective {
  readonly institutionKinds?: readonly string[];
  /** Each township government acts for itself. */
  readonly townships?: boolean;
}

export interface ResponsibilityMatrix {
  readonly collectives: Readonly<Record<string, Collective>>;
  readonly articles: readonly ArticleResponsibility[];
}

export interface MatrixIssue {
  readonly field: string;
  readonly message: string;
}

const name = z.string().trim().min(1).max(60);
const fileSchema = z
  .object({
    collectives: z.record(
      name,
      z
        .object({
          institutionKinds: z.array(z.string().min(1)).min(1).optional(),
          townships: z.literal(true).optional(),
        })
        .strict(),
    ),
    articles: z.array(
      z
        .object({
          article: z.number().int().min(1).max(ARTICLE_COUNT),
          title: z.string().trim().min(1),
          labelled: z.boolean().default(true),
          units: z
            .array(
              z
                .object({ names: z.array(name).min(1), etc: z.string().regex(/^等/).optional() })
                .strict(),
            )
            .min(1),
          measures: z
            .array(
              z
                .object({
                  quote: z.string().trim().min(1),
                  owners: z.array(name).min(1).optional(),
                  deadline: z
                    .object({ date: isoDateSchema, quote: z.string().trim().min(1) })
                    .strict()
                    .optional(),
                })
                .strict(),
            )
            .min(1),
        })
        .strict(),
    ),
  })
  .strict();

/** The article's paragraph: the line that starts with （一）…（三十六）, in order. */
export function articleParagraphs(policyText: string): string[] {
  return policyText.split('\n').filter((line) => /^（[一二三四五六七八九十]+）/.test(line));
}

/** Every unit name of an article, in the text's order. */
export function unitNames(article: Pick<ArticleResponsibility, 'units'>): string[] {
  return article.units.flatMap((g) => g.names);
}

/**
 * The collective a group's closing words add ('等有关银行业金融机构' → '有关银行业金融机构');
 * a bare '等' adds nothing the register could act on.
 */
export function etcCollective(group: UnitGroup): string | undefined {
  const rest = group.etc?.slice(1);
  return rest ? rest : undefined;
}

/**
 * Validates the parsed matrix against the policy text; never throws. Every article
 * appears once and in order; titles, measure quotes and deadline quotes occur verbatim
 * in their own article; a measure's owners are units of its article; no unit twice.
 */
export function parseResponsibilityMatrix(
  raw: unknown,
  policyText: string,
): { ok: true; value: ResponsibilityMatrix } | { ok: false; issues: MatrixIssue[] } {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        field: i.path
          .map((k) => (typeof k === 'number' ? `[${String(k)}]` : `.${String(k)}`))
          .join('')
          .replace(/^\./, ''),
        message:
          i.code === 'unrecognized_keys' ? `unknown key(s): ${i.keys.join(', ')}` : i.message,
      })),
    };
  }
  const issues: MatrixIssue[] = [];
  const paragraphs = articleParagraphs(policyText);
  const articles: ArticleResponsibility[] = [];
  if (parsed.data.articles.length !== ARTICLE_COUNT) {
    issues.push({
      field: 'articles',
      message: `expected ${String(ARTICLE_COUNT)} articles, got ${String(parsed.data.articles.length)}`,
    });
  }
  parsed.data.articles.forEach((a, i) => {
    const at = `articles[${String(i)}]`;
    if (a.article !== i + 1) {
      issues.push({ field: `${at}.article`, message: `expected article ${String(i + 1)} here` });
      return;
    }
    const paragraph = paragraphs[i] ?? '';
    if (!paragraph.includes(`）${a.title}。`)) {
      issues.push({ field: `${at}.title`, message: `not the title of article ${String(i + 1)}` });
    }
    const names = a.units.flatMap((g) => g.names);
    const seen = new Set<string>();
    names.forEach((n) => {
      if (seen.has(n)) issues.push({ field: `${at}.units`, message: `unit ${n} listed twice` });
      seen.add(n);
    });
    const measures = a.measures.map((m, k): Measure => {
      const mf = `${at}.measures[${String(k)}]`;
      if (!paragraph.includes(m.quote)) {
        issues.push({ field: `${mf}.quote`, message: `not in article ${String(i + 1)} verbatim` });
      }
      if (m.deadline && !m.quote.includes(m.deadline.quote)) {
        issues.push({ field: `${mf}.deadline.quote`, message: "not in the measure's quote" });
      }
      for (const o of m.owners ?? []) {
        if (!seen.has(o)) {
          issues.push({ field: `${mf}.owners`, message: `${o} is not a unit of the article` });
        }
      }
      return {
        id: `art${String(a.article)}.${String(k + 1)}`,
        article: a.article,
        quote: m.quote,
        owners: m.owners ?? [...names, ...a.units.flatMap((g) => etcCollective(g) ?? [])],
        ...(m.deadline ? { deadline: m.deadline } : {}),
      };
    });
    articles.push({
      article: a.article,
      title: a.title,
      labelled: a.labelled,
      units: a.units.map((g) => (g.etc === undefined ? { names: g.names } : g)),
      measures,
    });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { collectives: parsed.data.collectives, articles } };
}
