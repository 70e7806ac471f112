import { DomainError } from '../errors.ts';

/**
 * The yearly evaluation of financial institutions (art. 35): a versioned scheme of
 * weighted items, bonus and penalty items and grade bands, and an institution's
 * evaluation under it. Points are exact: integer hundredths of a point ('12.5' → 1250),
 * never floats. Quantitative items will take their values from the dashboard's
 * indicators; this module validates schemes and scores and totals them.
 */

/** Hundredths of a point. */
export type Centipoints = number & { readonly __brand: 'Centipoints' };

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
  /** Quantitative items: the dashboard indicator it is computed from. */
  readonly indicatorId?: string;
}

export interface AdjustmentItem {
  readonly id: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly max: Centipoints;
}

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

const POINTS = /^(\d{1,5})(?:\.(\d{1,2}))?$/;

/** '12.5' → 1250; anything but a non-negative number with at most two decimals is refused. */
export function parsePoints(text: string, field: string): Centipoints {
  const m = POINTS.exec(text.trim());
  if (!m) {
    throw new DomainError({
      code: 'POINTS_FORMAT',
      message_zh: `分值应为非负数，最多两位小数，实际为“${text.slice(0, 20)}”`,
      message_en: `Points are a non-negative number with at most 2 decimals, got "${text.slice(0, 20)}"`,
      field,
    });
  }
  return (Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))) as Centipoints;
}

export function formatPoints(p: Centipoints): string {
  const sign = p < 0 ? '-' : '';
  const a = Math.abs(p);
  return `${sign}${String(Math.trunc(a / 100))}.${String(a % 100).padStart(2, '0')}`;
}

function schemeError(field: string, code: string, zh: string, en: string): DomainError {
  return new DomainError({ code, message_zh: zh, message_en: en, field });
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

/** An institution's evaluation under a scheme: entered scores, then finished for good. */
export interface Evaluation {
  readonly status: 'draft' | 'finished';
  /** Item id → points, for items scored so far. */
  readonly scores: Readonly<Record<string, Centipoints>>;
  readonly bonuses: Readonly<Record<string, Centipoints>>;
  readonly penalties: Readonly<Record<string, Centipoints>>;
}

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
  if (evaluation.status === 'finished') {
    throw new DomainError({
      code: 'EVALUATION_FINISHED',
      message_zh: '该评价已完成，不能再修改',
      message_en: 'This evaluation is finished and cannot be changed',
      field: 'status',
    });
  }
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
  return { status: 'draft', ...next };
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
  const raw = lines.reduce((a, l) => a + (l.kind === 'penalty' ? -l.points : l.points), 0);
  const total = Math.max(0, raw) as Centipoints;
  const grade = GRADES.find((g) => total >= scheme.bands[g]) ?? '勉励';
  return { total, grade, lines };
}
