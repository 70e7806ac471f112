import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { FinancingNeedTable, NeedStatus } from '../../store/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { townshipLimit } from '../scope.ts';
import { defineUseCase } from '../useCase.ts';
import { paging, type Page } from '../validation.ts';
import { businessDate, id, LOAN_READERS, positiveYuan, shortText } from './loanFields.ts';
import { loadHouseholdVisible } from './loanScope.ts';
import { canSeeTownship } from '../actor.ts';

/**
 * Art. 3: townships collect and report poor households' financing needs; banks respond.
 * A need is 'open' until a bank responds, 'loaned' once a loan linked to it is disbursed.
 */

export interface FinancingNeed {
  id: string;
  householdId: string;
  townshipCode: string;
  villageCode: string;
  amount: string;
  purpose: string;
  industry: string;
  recordedOn: string;
  recordedBy: string;
  status: NeedStatus;
  respondingInstitutionId: string | null;
  responseText: string | null;
  respondedAt: string | null;
  version: number;
}

export function needOut(n: FinancingNeedTable): FinancingNeed {
  return {
    id: n.id,
    householdId: n.household_id,
    townshipCode: n.township_code,
    villageCode: n.village_code,
    amount: fenToYuanString(n.amount as Fen),
    purpose: n.purpose,
    industry: n.industry,
    recordedOn: n.recorded_on,
    recordedBy: n.recorded_by,
    status: n.status,
    respondingInstitutionId: n.responding_institution_id,
    responseText: n.response_text,
    respondedAt: n.responded_at,
    version: n.version,
  };
}

export const createNeed = defineUseCase({
  name: 'need.create',
  roles: ['township_clerk', 'poverty_office'],
  scope: 'township',
  writes: true,
  input: z
    .object({
      householdId: id,
      amount: positiveYuan,
      purpose: shortText,
      industry: shortText,
      recordedOn: businessDate,
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<FinancingNeed> {
    const h = await loadHouseholdVisible(db, actor, input.householdId);
    const row: FinancingNeedTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      household_id: h.id,
      township_code: h.township_code,
      village_code: h.village_code,
      amount: input.amount,
      purpose: input.purpose,
      industry: input.industry,
      recorded_on: input.recordedOn,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
      status: 'open',
      responding_institution_id: null,
      response_text: null,
      responded_at: null,
      version: 1,
    };
    await db.insertInto('financing_needs').values(row).execute();
    const out = needOut(row);
    await audit({ action: 'need.create', entity: 'financing_need', entityId: row.id, after: out });
    return out;
  },
});

export const listNeeds = defineUseCase({
  name: 'need.list',
  roles: LOAN_READERS,
  scope: 'township',
  writes: false,
  input: z
    .object({
      township: z.string().max(15).optional(),
      village: z.string().max(15).optional(),
      householdId: z.string().max(64).optional(),
      status: z.enum(['open', 'responded', 'loaned', 'withdrawn']).optional(),
      from: businessDate.optional(),
      to: businessDate.optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<FinancingNeed>> {
    let q = db.selectFrom('financing_needs').where('region_code', '=', actor.regionCode);
    const limit = townshipLimit(actor);
    if (limit) q = q.where('township_code', 'in', limit);
    if (input.township) q = q.where('township_code', '=', input.township);
    if (input.village) q = q.where('village_code', '=', input.village);
    if (input.householdId) q = q.where('household_id', '=', input.householdId);
    if (input.status) q = q.where('status', '=', input.status);
    if (input.from) q = q.where('recorded_on', '>=', input.from);
    if (input.to) q = q.where('recorded_on', '<=', input.to);
    const [{ total }] = (await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .execute()) as [{ total: number }];
    const rows = await q
      .selectAll()
      .orderBy('recorded_on', 'desc')
      .orderBy('id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map(needOut),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

export const respondToNeed = defineUseCase({
  name: 'need.respond',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: z.object({ id, response: shortText }).strict(),
  async run({ db, actor, now, audit }, input): Promise<FinancingNeed> {
    const before = await db
      .selectFrom('financing_needs')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!before || !canSeeTownship(actor, before.township_code)) throw notFound('financing need');
    if (before.status !== 'open' && before.status !== 'responded') {
      throw conflict(
        'need_closed',
        `该融资需求已${before.status === 'loaned' ? '放贷' : '撤回'}，不能再响应`,
        `This need is already ${before.status}; it cannot be responded to`,
        'id',
      );
    }
    const after: FinancingNeedTable = {
      ...before,
      status: 'responded',
      responding_institution_id: actor.institutionId,
      response_text: input.response,
      responded_at: now.toISOString(),
      version: before.version + 1,
    };
    const res = await db
      .updateTable('financing_needs')
      .set({
        status: after.status,
        responding_institution_id: after.responding_institution_id,
        response_text: after.response_text,
        responded_at: after.responded_at,
        version: after.version,
      })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw conflict('stale', '记录已被他人修改，请刷新', 'Changed by someone else; reload', 'id');
    }
    await audit({
      action: 'need.respond',
      entity: 'financing_need',
      entityId: before.id,
      before: needOut(before),
      after: needOut(after),
    });
    return needOut(after);
  },
});
