import { z } from 'zod';
import { isoDateSchema } from '../calendarDate.ts';

/**
 * A target of the policy as data (policy/targets/*.yaml), defined the way health
 * information systems define indicators: a metric is a numerator over a denominator,
 * each an indicator computed from the district's data, so the actual value is never
 * typed in. The goal is a parameter (so an administrator can change it with a dated
 * version), or a figure the text states without a parameter; a comparison target's
 * goal is another metric that its metric must exceed.
 */

const indicatorId = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);

const metricSchema = z.strictObject({
  numerator: indicatorId,
  /** Absent: the numerator itself (a count or an amount). */
  denominator: indicatorId.optional(),
});
export type Metric = z.output<typeof metricSchema>;

const dateRef = z.union([
  z.strictObject({ param: z.string().min(1) }),
  z.strictObject({ date: isoDateSchema }),
]);

export const targetFileSchema = z.strictObject({
  id: z.string().regex(/^(general|art\d+)\.[a-z0-9.-]+$/),
  article: z.union([z.number().int().min(1).max(36), z.literal('general')]),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  /** The sentence of the policy text that sets the target. */
  quote: z.string().min(1),
  /** How the value reads: a count, an amount in yuan, or a percentage of the denominator. */
  unit: z.enum(['count', 'CNY', 'percent']),
  metric: metricSchema,
  goal: z.union([
    z.strictObject({ atLeast: z.strictObject({ param: z.string().min(1) }) }),
    /** A figure stated without a parameter, in the metric's unit ('100' percent). */
    z.strictObject({ atLeast: z.strictObject({ value: z.string().regex(/^\d+(\.\d+)?$/) }) }),
    z.strictObject({ exceeds: metricSchema }),
  ]),
  deadline: dateRef.nullable(),
  /** The day the straight line to the goal starts from (the baseline is measured then). */
  start: isoDateSchema,
  /** Why the numbers are read this way, when the text leaves it open. */
  interpretation: z.string().min(1).optional(),
});
export type TargetDefinition = z.output<typeof targetFileSchema>;
