import { z } from 'zod';
import type { MarketTrainingTable } from '../../store/schema.ts';
import { conflict } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate } from '../loans/loanFields.ts';
import { notAfterToday } from '../businessDay.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { MARKETS_READERS, MARKETS_WRITERS } from './companies.ts';

/** Art. 23: 人行武隆支行每年组织1次直接融资知识培训 — each training held, dated. */

const trainingOut = (t: MarketTrainingTable) => ({
  id: t.id,
  heldOn: t.held_on,
  title: t.title,
  attendees: t.attendees,
});

export const recordTraining = defineUseCase({
  name: 'markets.training.record',
  roles: MARKETS_WRITERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      heldOn: businessDate,
      title: z
        .string()
        .trim()
        .min(1, bilingual('不能为空', 'must not be empty'))
        .max(100, bilingual('不能超过100个字符', 'must be at most 100 characters')),
      attendees: z.coerce
        .number()
        .int(bilingual('应为整数', 'must be a whole number'))
        .min(1, bilingual('至少1人', 'must be at least 1'))
        .max(100_000),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    notAfterToday('heldOn', input.heldOn, now);
    const seen = await db
      .selectFrom('market_trainings')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('held_on', '=', input.heldOn)
      .where('title', '=', input.title)
      .executeTakeFirst();
    if (seen !== undefined) {
      throw conflict(
        'duplicate_training',
        '同一天同名的培训已登记',
        'a training of this title on this day is already recorded',
        'title',
      );
    }
    const row: MarketTrainingTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      held_on: input.heldOn,
      title: input.title,
      attendees: input.attendees,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('market_trainings').values(row).execute();
    await audit({
      action: 'markets.training.record',
      entity: 'market_training',
      entityId: row.id,
      after: trainingOut(row),
    });
    return trainingOut(row);
  },
});

export const listTrainings = defineUseCase({
  name: 'markets.training.list',
  roles: MARKETS_READERS,
  scope: 'district',
  writes: false,
  input: z.object({}).strict(),
  async run({ db, actor }) {
    const rows = await db
      .selectFrom('market_trainings')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .orderBy('held_on', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(trainingOut);
  },
});
