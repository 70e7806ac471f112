import type { Kysely } from 'kysely';
import type { Quarter } from '../../core/supervision/quarter.ts';
import { quarterOf } from '../../core/supervision/quarter.ts';
import type { Database } from '../../store/schema.ts';
import { systemActor } from '../actor.ts';
import { businessDayOf } from '../businessDay.ts';
import type { App } from '../app.ts';
import { appendAudit } from '../audit.ts';
import { createScheme } from '../supervision/evaluations.ts';
import { createMissingTasks } from '../supervision/tasks.ts';
import { parseInput } from '../validation.ts';

/**
 * The demo district's supervision tasks, one per measure of the shipped matrix, reported
 * on from the quarter after the policy was issued in 2017 (or from the current quarter
 * when the clock is earlier, as in tests). No reports are seeded: every one a unit files
 * is its own. The 2017 evaluation scheme is illustrative (the policy sets no weights).
 */
export const DEMO_REPORTING_FROM = '2017-Q3' as Quarter;

/**
 * An illustrative 2017 evaluation scheme (art. 35 sets no weights or targets): the
 * quantitative items issue 8 lists, each scored linearly from 0 at 0 % to its weight at
 * the target given last, one qualitative item, a bonus, and a penalty of 0.5 points per
 * precision-check finding; 100 points in all (decision 0018).
 */
const linear = (target: string) => ({ kind: 'linear', floor: '0', target });
const DEMO_SCHEME = {
  year: 2017,
  total: '100',
  items: [
    [
      'loan-growth',
      'quantitative',
      '扶贫贷款增速',
      'Poverty loan growth',
      '20',
      'loans.poverty-growth',
      '20',
    ],
    [
      'loan-share',
      'quantitative',
      '扶贫贷款占比',
      'Poverty loan share',
      '15',
      'loans.poverty-share',
      '30',
    ],
    [
      'micro-coverage',
      'quantitative',
      '扶贫小额信贷有效需求覆盖率',
      'Micro-credit coverage of eligible demand',
      '20',
      'loans.micro-credit-coverage',
      '100',
    ],
    [
      'subsidy-data',
      'quantitative',
      '贴息数据按时报送',
      'On-time subsidy data',
      '10',
      'settlement.on-time-data',
      '100',
    ],
    [
      'outlets',
      'quantitative',
      '网点与服务覆盖',
      'Outlets and coverage',
      '10',
      'network.coverage',
      '80',
    ],
    [
      'credit-system',
      'quantitative',
      '参与农村信用体系建设',
      'Credit-system participation',
      '10',
      'credit.participation',
      '50',
    ],
    [
      'innovation',
      'qualitative',
      '金融产品和服务创新',
      'Product and service innovation',
      '15',
      undefined,
    ],
  ].map(([id, kind, titleZh, titleEn, weight, indicatorId, target]) => ({
    id,
    kind,
    titleZh,
    titleEn,
    weight,
    ...(indicatorId && target ? { indicatorId, rule: linear(target) } : {}),
  })),
  bonuses: [
    { id: 'demonstration', titleZh: '金融扶贫示范点', titleEn: 'Demonstration sites', max: '5' },
  ],
  penalties: [
    {
      id: 'precision-findings',
      titleZh: '精准核查发现问题',
      titleEn: 'Precision-check findings',
      max: '10',
      indicatorId: 'loans.precision-findings',
      rule: { kind: 'per-unit', points: '0.5' },
    },
  ],
  bands: { excellent: '90', good: '75', average: '60', encouraged: '0' },
};

export async function seedDemoSupervision(
  app: App,
  db: Kysely<Database>,
  now: Date,
): Promise<number> {
  const current = quarterOf(businessDayOf(now));
  const from = current < DEMO_REPORTING_FROM ? current : DEMO_REPORTING_FROM;
  const actor = systemActor();
  await createScheme.run(
    { app, db, actor, now, audit: (e) => appendAudit(db, actor, now, e) },
    parseInput(createScheme.input, DEMO_SCHEME),
  );
  return (await createMissingTasks(db, actor, now, from)).length;
}
