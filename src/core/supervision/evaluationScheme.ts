import { DomainError } from '../errors.ts';
import { formatPoints, type Centipoints } from './evaluationPoints.ts';
import {
  readingValue,
  ruleProblems,
  scoreReading,
  type Reading,
  type ScoringRule,
} from './evaluationRule.ts';

export { formatPoints, parsePoints, type Centipoints } from './evaluationPoints.ts';

/**
 * The yearly evaluation of financial institutions (art. 35): a versioned scheme of
 * weighted items, bonus and penalty items and grade bands, and an institution's
 * evaluation under it. Points are exact: integer hundredths of a point ('12.5' → 1250),
 * never floats. Quantitative items (and bonus or penalty items naming an indicator) are
 * computed from an indicator's reading by their scoring rule (evaluationRule.ts); the
 * others are entered by evaluators. This module validates schemes and scores and totals
 * them.
 */

export const GRADES = ['优秀', '良好', '一般', '勉励'] as const;
export type Grade = (typeof GRADES)[number];
const GRADE_EN: Record<Grade, string> = {
  优秀: 'excellent',
  良好: 'good',
  一般: 'average',
  勉励: 'encouraged',
};

export interface SchemeItem {
  readonly id: string;
  readonly kind: 'quantitative' | 'qualitative';
  readonly titleZh: string;
  readonly titleEn: string;
  /** The most the item scores. */
  readonly weight: Centipoints;
  /** Quantitative items: the indicator it is computed from, and how it scores. */
  readonly indicatorId?: string;
  readonly rule?: ScoringRule;
}

export interface AdjustmentItem {
  readonly id: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly max: Centipoints;
  /** A computed bonus or penalty: the indicator and rule (else entered by evaluators). */
  readonly indicatorId?: string;
  readonly rule?: ScoringRule;
}

/** An item computed from an indicator, or an adjustment naming one. */
export const isComputed = (x: SchemeItem | AdjustmentItem): boolean => x.rule !== undefined;

export interface EvaluationScheme {
  readonly year: number;
  readonly version: number;
  /** What the weights must add up to (100 points unless the district decides otherwise). */
  readonly total: Centipoints;
  readonly items: readonly SchemeItem[];
  readonly bonuses: readonly AdjustmentItem[];
  readonly penalties: readonly AdjustmentItem[];
  /** The lowest total of each grade, in the order of GRADES; the last is 0. */
  readonly bands: Readonly<Record<Grade, Centipoints>>;
}

function schemeError(field: string, code: string, zh: string, en: string): DomainError {
  return new DomainError({ code, message_zh: zh, message_en: en, field });
}

/**
 * A rule is valid and sits only where an indicator can feed it: on a quantitative item
 * (one without a rule is entered by hand, as before decision 0018; the platform's
 * schemes require it) or on a bonus or penalty naming an indicator, which needs one.
 */
function computedProblems(
  x: SchemeItem | AdjustmentItem,
  mayCompute: boolean,
  needsRule: boolean,
  field: string,
): DomainError[] {
  if (x.rule === undefined) {
    return needsRule
      ? [
          schemeError(
            `${field}.rule`,
            'SCHEME_RULE',
            '由数据计算的指标须给出计分规则',
            'An item computed from an indicator needs a scoring rule',
          ),
        ]
      : [];
  }
  if (!mayCompute) {
    return [
      schemeError(
        `${field}.rule`,
        'SCHEME_RULE',
        '由评价人员打分的指标不设计分规则',
        'An item scored by evaluators has no scoring rule',
      ),
    ];
  }
  return ruleProblems(x.rule, `${field}.rule`);
}

/** Every problem of a scheme, each naming its field; [] when it is valid. */
export function schemeProblems(s: EvaluationScheme): DomainError[] {
  const out: DomainError[] = [];
  if (s.items.length === 0) {
    out.push(
      schemeError(
        'items',
        'SCHEME_EMPTY',
        '评价方案至少要有一个指标',
        'A scheme needs at least one item',
      ),
    );
  }
  const ids = new Set<string>();
  const all = [
    ...s.items.map((x, i) => ({ id: x.id, field: `items[${String(i)}].id` })),
    ...s.bonuses.map((x, i) => ({ id: x.id, field: `bonuses[${String(i)}].id` })),
    ...s.penalties.map((x, i) => ({ id: x.id, field: `penalties[${String(i)}].id` })),
  ];
  for (const { id, field } of all) {
    if (ids.has(id)) {
      out.push(
        schemeError(
          field,
          'SCHEME_DUPLICATE_ITEM',
          `指标编号 ${id} 重复`,
          `Item id ${id} is used twice`,
        ),
      );
    }
    ids.add(id);
  }
  s.items.forEach((x, i) => {
    if (x.weight <= 0) {
      out.push(
        schemeError(
          `items[${String(i)}].weight`,
          'SCHEME_WEIGHT',
          '权重必须大于0',
          'A weight must be more than 0',
        ),
      );
    }
    if (x.kind === 'quantitative' && !x.indicatorId) {
      out.push(
        schemeError(
          `items[${String(i)}].indicatorId`,
          'SCHEME_INDICATOR',
          '定量指标须指明数据来源指标',
          'A quantitative item names the indicator it is computed from',
        ),
      );
    }
    out.push(...computedProblems(x, x.kind === 'quantitative', false, `items[${String(i)}]`));
  });
  const sum = s.items.reduce((a, x) => a + x.weight, 0) as Centipoints;
  if (sum !== s.total) {
    out.push(
      schemeError(
        'items',
        'SCHEME_WEIGHTS_SUM',
        `各项权重之和为 ${formatPoints(sum)} 分，应为 ${formatPoints(s.total)} 分`,
        `The weights add up to ${formatPoints(sum)} points, not the configured ${formatPoints(s.total)}`,
      ),
    );
  }
  for (const [list, name] of [
    [s.bonuses, 'bonuses'],
    [s.penalties, 'penalties'],
  ] as const) {
    list.forEach((x, i) => {
      const named = x.indicatorId !== undefined;
      out.push(...computedProblems(x, named, named, `${name}[${String(i)}]`));
      if (x.max <= 0) {
        out.push(
          schemeError(
            `${name}[${String(i)}].max`,
            'SCHEME_ADJUSTMENT',
            '加减分上限必须大于0',
            'A bonus or penalty cap must be more than 0',
          ),
        );
      }
    });
  }
  GRADES.forEach((g, i) => {
    const next = GRADES[i + 1];
    const min = s.bands[g];
    if (next === undefined) {
      if (min !== 0) {
        out.push(
          schemeError(
            `bands.${g}`,
            'SCHEME_BANDS',
            '最低档次应从0分起',
            'The lowest grade starts at 0',
          ),
        );
      }
    } else if (!(min > s.bands[next])) {
      out.push(
        schemeError(
          `bands.${g}`,
          'SCHEME_BANDS',
          `档次“${g}”的下限须高于“${next}”`,
          `Grade ${GRADE_EN[g]} must start above grade ${GRADE_EN[next]}`,
        ),
      );
    }
    if (min > s.total) {
      out.push(
        schemeError(
          `bands.${g}`,
          'SCHEME_BANDS',
          `档次“${g}”的下限超过满分`,
          `Grade ${GRADE_EN[g]} starts above the full score`,
        ),
      );
    }
  });
  return out;
}

/** What a computed score was computed from, so that it explains itself. */
export interface ComputedScore {
  readonly indicatorId: string;
  /** The reading, exact (bigint as text); null when the data gives none. */
  readonly numerator: string | null;
  readonly denominator: string | null;
  /** The value the rule read: hundredths of a percent for a ratio, else the count. */
  readonly value: number | null;
  readonly points: Centipoints;
}

/** An institution's evaluation under a scheme: scores entered or computed, then finished. */
export interface Evaluation {
  readonly status: 'draft' | 'finished';
  /** Item id → points, for items scored so far. */
  readonly scores: Readonly<Record<string, Centipoints>>;
  readonly bonuses: Readonly<Record<string, Centipoints>>;
  readonly penalties: Readonly<Record<string, Centipoints>>;
  /** Item, bonus or penalty id → how its points were computed. */
  readonly computed?: Readonly<Record<string, ComputedScore>>;
}

const finishedError = () =>
  new DomainError({
    code: 'EVALUATION_FINISHED',
    message_zh: '该评价已完成，不能再修改',
    message_en: 'This evaluation is finished and cannot be changed',
    field: 'status',
  });

export interface ScoreEdit {
  readonly kind: 'item' | 'bonus' | 'penalty';
  readonly id: string;
  readonly points: Centipoints;
}

/**
 * Applies entered scores; refuses, naming the field, an edit of a finished evaluation,
 * an unknown item, or points outside 0…the item's weight (or cap). All or nothing.
 */
export function applyScores(
  scheme: EvaluationScheme,
  evaluation: Evaluation,
  edits: readonly ScoreEdit[],
): Evaluation {
  if (evaluation.status === 'finished') throw finishedError();
  const next = {
    scores: { ...evaluation.scores },
    bonuses: { ...evaluation.bonuses },
    penalties: { ...evaluation.penalties },
  };
  edits.forEach((e, i) => {
    const field = `scores[${String(i)}].points`;
    const target =
      e.kind === 'item'
        ? scheme.items.find((x) => x.id === e.id)
        : (e.kind === 'bonus' ? scheme.bonuses : scheme.penalties).find((x) => x.id === e.id);
    if (!target) {
      throw new DomainError({
        code: 'EVALUATION_UNKNOWN_ITEM',
        message_zh: `方案中没有指标 ${e.id}`,
        message_en: `The scheme has no item ${e.id}`,
        field: `scores[${String(i)}].id`,
      });
    }
    if (isComputed(target)) {
      throw new DomainError({
        code: 'EVALUATION_COMPUTED_ITEM',
        message_zh: `${e.id} 由数据计算，不能手工打分`,
        message_en: `${e.id} is computed from the data, not entered`,
        field: `scores[${String(i)}].id`,
      });
    }
    const max = 'weight' in target ? target.weight : target.max;
    if (!Number.isInteger(e.points) || e.points < 0 || e.points > max) {
      throw new DomainError({
        code: 'EVALUATION_SCORE_RANGE',
        message_zh: `${e.id} 的得分应在 0 至 ${formatPoints(max)} 分之间`,
        message_en: `The score of ${e.id} must be between 0 and ${formatPoints(max)} points`,
        field,
      });
    }
    const book =
      e.kind === 'item' ? next.scores : e.kind === 'bonus' ? next.bonuses : next.penalties;
    book[e.id] = e.points;
  });
  return evaluation.computed
    ? { status: 'draft', ...next, computed: evaluation.computed }
    : { status: 'draft', ...next };
}

/**
 * Scores every computed item, bonus and penalty from its indicator's reading (absent or
 * null: no data, 0 points); entered scores stay. A finished evaluation is refused.
 */
export function applyReadings(
  scheme: EvaluationScheme,
  evaluation: Evaluation,
  readings: ReadonlyMap<string, Reading | null>,
): Evaluation {
  if (evaluation.status === 'finished') throw finishedError();
  const books = {
    scores: { ...evaluation.scores },
    bonuses: { ...evaluation.bonuses },
    penalties: { ...evaluation.penalties },
  };
  const computed: Record<string, ComputedScore> = {};
  const lists = [
    [scheme.items.map((x) => ({ x, of: x.weight })), books.scores],
    [scheme.bonuses.map((x) => ({ x, of: x.max })), books.bonuses],
    [scheme.penalties.map((x) => ({ x, of: x.max })), books.penalties],
  ] as const;
  for (const [list, book] of lists) {
    for (const { x, of } of list) {
      if (x.rule === undefined || x.indicatorId === undefined) continue;
      const reading = readings.get(x.indicatorId) ?? null;
      const points = scoreReading(x.rule, reading, of);
      book[x.id] = points;
      computed[x.id] = {
        indicatorId: x.indicatorId,
        numerator: reading === null ? null : String(reading.numerator),
        denominator: reading?.denominator == null ? null : String(reading.denominator),
        value: readingValue(reading),
        points,
      };
    }
  }
  return { status: 'draft', ...books, computed };
}

export interface EvaluationResult {
  readonly total: Centipoints;
  readonly grade: Grade;
  /** One line per item, bonus and penalty: what it scored of what it could. */
  readonly lines: readonly {
    id: string;
    kind: ScoreEdit['kind'];
    points: Centipoints;
    of: Centipoints;
    /** Computed lines: what they were computed from. */
    computed?: ComputedScore;
  }[];
}

/** The total (items + bonuses − penalties, never below 0) and its grade. */
export function evaluate(scheme: EvaluationScheme, evaluation: Evaluation): EvaluationResult {
  const lines = [
    ...scheme.items.map((x) => ({
      id: x.id,
      kind: 'item' as const,
      points: evaluation.scores[x.id] ?? (0 as Centipoints),
      of: x.weight,
    })),
    ...scheme.bonuses.map((x) => ({
      id: x.id,
      kind: 'bonus' as const,
      points: evaluation.bonuses[x.id] ?? (0 as Centipoints),
      of: x.max,
    })),
    ...scheme.penalties.map((x) => ({
      id: x.id,
      kind: 'penalty' as const,
      points: evaluation.penalties[x.id] ?? (0 as Centipoints),
      of: x.max,
    })),
  ];
  const withWhy = lines.map((l) => {
    const why = evaluation.computed?.[l.id];
    return why ? { ...l, computed: why } : l;
  });
  const raw = lines.reduce((a, l) => a + (l.kind === 'penalty' ? -l.points : l.points), 0);
  const total = Math.max(0, raw) as Centipoints;
  const grade = GRADES.find((g) => total >= scheme.bands[g]) ?? '勉励';
  return { total, grade, lines: withWhy };
}
