import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { CreditDefaulterTable } from '../../store/schema.ts';
import { canSeeTownship } from '../actor.ts';
import { businessDayOf, notAfterToday } from '../businessDay.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id, shortText } from '../loans/loanFields.ts';
import { townshipLimit } from '../scope.ts';
import { defineUseCase, type UseCaseContext } from '../useCase.ts';
import { APPEAL_DECIDERS, CREDIT_READERS, DEFAULTER_KEEPERS } from './creditFields.ts';
import { activeDefaulters } from './defaulterList.ts';
import { loadSubjectVisible } from './subjects.ts';

/**
 * The defaulters list (失信惩戒, art. 10, 33): a household is listed with a reason; it may
 * appeal; the appeal is upheld (the listing is cleared) or rejected; a listing is
 * cleared once the default is cured. Every step is kept in the append-only trail.
 */

export interface DefaulterOut {
  id: string;
  householdId: string;
  townshipCode: string;
  villageCode: string;
  reason: string;
  listedOn: string;
  status: string;
  clearedOn: string | null;
  listedBy: string;
  version: number;
  trail: { seq: number; kind: string; note: string; onDate: string; by: string; at: string }[];
}

async function out(
  ctx: Pick<UseCaseContext, 'db'>,
  d: CreditDefaulterTable,
): Promise<DefaulterOut> {
  const trail = await ctx.db
    .selectFrom('credit_defaulter_events')
    .selectAll()
    .where('region_code', '=', d.region_code)
    .where('defaulter_id', '=', d.id)
    .orderBy('seq')
    .execute();
  return {
    id: d.id,
    householdId: d.household_id,
    townshipCode: d.township_code,
    villageCode: d.village_code,
    reason: d.reason,
    listedOn: d.listed_on,
    status: d.status,
    clearedOn: d.cleared_on,
    listedBy: d.listed_by,
    version: d.version,
    trail: trail.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      note: e.note,
      onDate: e.on_date,
      by: e.by_user,
      at: e.at,
    })),
  };
}

async function loadVisible(
  ctx: UseCaseContext,
  defaulterId: string,
): Promise<CreditDefaulterTable> {
  const d = await ctx.db
    .selectFrom('credit_defaulters')
    .selectAll()
    .where('region_code', '=', ctx.actor.regionCode)
    .where('id', '=', defaulterId)
    .executeTakeFirst();
  if (!d || !canSeeTownship(ctx.actor, d.township_code)) throw notFound('defaulter listing');
  return d;
}

async function step(
  ctx: UseCaseContext,
  d: CreditDefaulterTable,
  kind: string,
  note: string,
  onDate: IsoDate,
  set: Partial<CreditDefaulterTable>,
): Promise<CreditDefaulterTable> {
  if (onDate < d.listed_on) {
    throw invalid(
      'onDate',
      `不能早于列入日期 ${d.listed_on}`,
      `cannot be before the listing date ${d.listed_on}`,
    );
  }
  const last = await ctx.db
    .selectFrom('credit_defaulter_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('region_code', '=', d.region_code)
    .where('defaulter_id', '=', d.id)
    .executeTakeFirst();
  const after = { ...d, ...set, version: d.version + 1 };
  const res = await ctx.db
    .updateTable('credit_defaulters')
    .set({ ...set, version: after.version })
    .where('region_code', '=', d.region_code)
    .where('id', '=', d.id)
    .where('version', '=', d.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw conflict(
      'stale',
      '记录已被他人修改，请刷新',
      'The listing changed meanwhile; reload',
      'id',
    );
  }
  await ctx.db
    .insertInto('credit_defaulter_events')
    .values({
      region_code: d.region_code,
      defaulter_id: d.id,
      seq: Number(last?.seq ?? 0) + 1,
      kind,
      note,
      on_date: onDate,
      by_user: ctx.actor.username,
      at: ctx.now.toISOString(),
    })
    .execute();
  return after;
}

export const listDefaulter = defineUseCase({
  name: 'credit.defaulter.add',
  roles: DEFAULTER_KEEPERS,
  scope: 'township',
  writes: true,
  input: z.object({ householdId: id, reason: shortText, listedOn: businessDate }).strict(),
  async run(ctx, input): Promise<DefaulterOut> {
    const { db, actor, now, audit } = ctx;
    const h = await loadSubjectVisible(db, actor, 'household', input.householdId);
    notAfterToday('listedOn', input.listedOn, now);
    const open = await db
      .selectFrom('credit_defaulters')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('household_id', '=', h.id)
      .where('status', '!=', 'cleared')
      .executeTakeFirst();
    if (open) {
      throw conflict(
        'already_listed',
        '该农户已在失信名单上',
        'This household is on the defaulters list already',
        'householdId',
      );
    }
    const row: CreditDefaulterTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      household_id: h.id,
      township_code: h.townshipCode,
      village_code: h.villageCode,
      reason: input.reason,
      listed_on: input.listedOn,
      status: 'listed',
      cleared_on: null,
      listed_by: actor.username,
      listed_at: now.toISOString(),
      version: 0,
    };
    await db.insertInto('credit_defaulters').values(row).execute();
    const after = await step(ctx, row, 'listed', input.reason, input.listedOn, {});
    const result = await out(ctx, after);
    await audit({
      action: 'credit.defaulter.add',
      entity: 'credit_defaulter',
      entityId: row.id,
      after: result,
    });
    return result;
  },
});

const trailInput = z.object({ id, note: shortText, onDate: businessDate }).strict();

export const appealDefaulter = defineUseCase({
  name: 'credit.defaulter.appeal',
  roles: DEFAULTER_KEEPERS,
  scope: 'township',
  writes: true,
  input: trailInput,
  async run(ctx, input): Promise<DefaulterOut> {
    const d = await loadVisible(ctx, input.id);
    notAfterToday('onDate', input.onDate, ctx.now);
    if (d.status !== 'listed') {
      throw conflict(
        'defaulter_status',
        '只有在列状态的名单可以申诉',
        'Only a listing in force can be appealed',
        'id',
      );
    }
    const after = await step(ctx, d, 'appealed', input.note, input.onDate, { status: 'appealed' });
    const result = await out(ctx, after);
    await ctx.audit({
      action: 'credit.defaulter.appeal',
      entity: 'credit_defaulter',
      entityId: d.id,
      after: result,
    });
    return result;
  },
});

export const decideAppeal = defineUseCase({
  name: 'credit.defaulter.decide-appeal',
  roles: APPEAL_DECIDERS,
  scope: 'district',
  writes: true,
  input: trailInput.extend({ upheld: z.boolean() }).strict(),
  async run(ctx, input): Promise<DefaulterOut> {
    const d = await loadVisible(ctx, input.id);
    notAfterToday('onDate', input.onDate, ctx.now);
    if (d.status !== 'appealed') {
      throw conflict(
        'defaulter_status',
        '该名单没有待处理的申诉',
        'This listing has no appeal to decide',
        'id',
      );
    }
    const after = input.upheld
      ? await step(ctx, d, 'appeal-upheld', input.note, input.onDate, {
          status: 'cleared',
          cleared_on: input.onDate,
        })
      : await step(ctx, d, 'appeal-rejected', input.note, input.onDate, { status: 'listed' });
    const result = await out(ctx, after);
    await ctx.audit({
      action: 'credit.defaulter.decide-appeal',
      entity: 'credit_defaulter',
      entityId: d.id,
      after: result,
    });
    return result;
  },
});

export const clearDefaulter = defineUseCase({
  name: 'credit.defaulter.clear',
  roles: DEFAULTER_KEEPERS,
  scope: 'township',
  writes: true,
  input: trailInput,
  async run(ctx, input): Promise<DefaulterOut> {
    const d = await loadVisible(ctx, input.id);
    notAfterToday('onDate', input.onDate, ctx.now);
    if (d.status === 'cleared') {
      throw conflict('defaulter_status', '该名单已解除', 'This listing is cleared already', 'id');
    }
    const after = await step(ctx, d, 'cleared', input.note, input.onDate, {
      status: 'cleared',
      cleared_on: input.onDate,
    });
    const result = await out(ctx, after);
    await ctx.audit({
      action: 'credit.defaulter.clear',
      entity: 'credit_defaulter',
      entityId: d.id,
      after: result,
    });
    return result;
  },
});

export const listDefaulters = defineUseCase({
  name: 'credit.defaulter.list',
  roles: CREDIT_READERS,
  scope: 'township',
  writes: false,
  input: z
    .object({
      asOf: businessDate.optional(),
      villageCode: id.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  async run(ctx, input): Promise<{ items: DefaulterOut[]; activeOnDay: number }> {
    const { db, actor, now } = ctx;
    let q = db
      .selectFrom('credit_defaulters')
      .selectAll()
      .where('region_code', '=', actor.regionCode);
    const towns = townshipLimit(actor);
    if (towns !== null) q = q.where('township_code', 'in', [...towns]);
    if (input.villageCode) q = q.where('village_code', '=', input.villageCode);
    const rows = await q.orderBy('listed_at', 'desc').limit(input.limit).execute();
    const active = await activeDefaulters(db, actor.regionCode, input.asOf ?? businessDayOf(now));
    const items = await Promise.all(rows.map((r) => out(ctx, r)));
    return { items, activeOnDay: rows.filter((r) => active.has(r.household_id)).length };
  },
});
