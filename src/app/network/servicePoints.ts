import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { Database, ServicePointTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { conflict, invalid, notFound, staleVersion } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { paging, type Page } from '../validation.ts';
import {
  ART6_SITES,
  INSTITUTION_KINDS,
  isArt6Kind,
  MUTUAL_AID_TIERS,
  NETWORK_READERS,
  NETWORK_WRITERS,
  pointKind,
  type ServicePointKind,
} from './pointFields.ts';

/**
 * The service-network register (issue 7 §1): every outlet, device, service point and
 * mutual-aid organisation with its institution, place and the days it opened and closed.
 * Banks and insurers record and see their own; township clerks see their township's.
 */

export interface ServicePointOut {
  id: string;
  kind: string;
  name: string;
  institutionId: string | null;
  township: string | null;
  village: string | null;
  group: string | null;
  mutualAidTier: string | null;
  art6Site: string | null;
  openedOn: string;
  closedOn: string | null;
  version: number;
}

const out = (r: ServicePointTable): ServicePointOut => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  institutionId: r.institution_id,
  township: r.township_code,
  village: r.village_code,
  group: r.group_code,
  mutualAidTier: r.mutual_aid_tier,
  art6Site: r.art6_site,
  openedOn: r.opened_on,
  closedOn: r.closed_on,
  version: r.version,
});

/** Banks and insurers act for their own institution only. */
const institutionScoped = (actor: Actor): boolean =>
  actor.role === 'bank_officer' || actor.role === 'insurer';

function visible(actor: Actor, r: Pick<ServicePointTable, 'institution_id' | 'township_code'>) {
  if (institutionScoped(actor)) return r.institution_id === actor.institutionId;
  if (actor.townships === 'all') return true;
  return r.township_code !== null && actor.townships.includes(r.township_code);
}

/** Township, village and group codes of the place a point stands, checked against its kind. */
async function placeOf(
  db: Kysely<Database>,
  actor: Actor,
  kind: ServicePointKind,
  tier: string | undefined,
  place: string,
): Promise<Pick<ServicePointTable, 'township_code' | 'village_code' | 'group_code'>> {
  const region = await db
    .selectFrom('regions')
    .select(['code', 'level', 'parent_code', 'township_code'])
    .where('region_code', '=', actor.regionCode)
    .where('code', '=', place)
    .executeTakeFirst();
  if (region === undefined) {
    throw invalid('place', `区划代码“${place}”不存在`, `no region with code "${place}"`);
  }
  // A mutual-aid tier is named for the region level it sits at.
  const level = kind === 'mutual_aid_fund' ? tier : 'village';
  if (region.level !== level) {
    throw invalid(
      'place',
      kind === 'mutual_aid_fund'
        ? '互助资金组织所在区划须与其层级一致（区总会、乡分会、村中心、社小组）'
        : '服务网点须登记到行政村',
      kind === 'mutual_aid_fund'
        ? 'a mutual-aid organisation sits at the region level of its tier (district, township, village, group)'
        : 'a service point is recorded at an administrative village',
    );
  }
  return {
    township_code: region.township_code,
    village_code:
      region.level === 'village'
        ? region.code
        : region.level === 'group'
          ? region.parent_code
          : null,
    group_code: region.level === 'group' ? region.code : null,
  };
}

async function institutionFor(
  db: Kysely<Database>,
  actor: Actor,
  kind: ServicePointKind,
  requested: string | undefined,
): Promise<string | null> {
  if (institutionScoped(actor) && requested !== undefined && requested !== actor.institutionId) {
    throw invalid(
      'institutionId',
      '只能登记本机构的服务网点',
      'you may record service points of your own institution only',
    );
  }
  const institutionId = institutionScoped(actor) ? actor.institutionId : (requested ?? null);
  const allowed = INSTITUTION_KINDS[kind];
  if (institutionId === null) {
    if (allowed === undefined) return null;
    throw invalid('institutionId', '请填写所属金融机构', 'is required for this kind of point');
  }
  const inst = await db
    .selectFrom('institutions')
    .select(['id', 'kind'])
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', institutionId)
    .executeTakeFirst();
  if (inst === undefined) throw invalid('institutionId', '金融机构不存在', 'no such institution');
  if (allowed !== undefined && !allowed.includes(inst.kind)) {
    throw invalid(
      'institutionId',
      '该机构类型不能开设此类网点（保险网点属保险机构，其余属银行）',
      'this institution cannot run this kind of point (insurance outlets: insurers; others: banks)',
    );
  }
  return inst.id;
}

export const createServicePoint = defineUseCase({
  name: 'network.point.create',
  roles: NETWORK_WRITERS,
  scope: 'institution',
  writes: true,
  input: z
    .object({
      kind: pointKind,
      name: z.string().trim().min(1).max(100),
      institutionId: id.optional(),
      /** The village (or, for a mutual-aid organisation, the region of its tier). */
      place: z.string().trim().min(1).max(32),
      mutualAidTier: z.enum(MUTUAL_AID_TIERS).optional(),
      art6Site: z.enum(ART6_SITES).optional(),
      openedOn: businessDate,
      closedOn: businessDate.optional(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<ServicePointOut> {
    if ((input.kind === 'mutual_aid_fund') !== (input.mutualAidTier !== undefined)) {
      throw invalid(
        'mutualAidTier',
        '互助资金组织须填写层级，其他网点不填',
        'is required for a mutual-aid organisation and only for it',
      );
    }
    if (isArt6Kind(input.kind) !== (input.art6Site !== undefined)) {
      throw invalid(
        'art6Site',
        'ATM、自助服务点、助农取款点和手机支付点须注明是否位于乡镇或具备条件的贫困村（第六条），其他网点不填',
        'is required for ATMs, self-service, assisted-withdrawal and mobile-payment points (art. 6) and only for them',
      );
    }
    checkDates(input.openedOn, input.closedOn);
    const institutionId = await institutionFor(db, actor, input.kind, input.institutionId);
    const place = await placeOf(db, actor, input.kind, input.mutualAidTier, input.place);
    const row: ServicePointTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      kind: input.kind,
      name: input.name,
      institution_id: institutionId,
      ...place,
      mutual_aid_tier: input.mutualAidTier ?? null,
      art6_site: input.art6Site ?? null,
      opened_on: input.openedOn,
      closed_on: input.closedOn ?? null,
      created_by: actor.username,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      version: 1,
    };
    await db.insertInto('service_points').values(row).execute();
    await audit({
      action: 'network.point.create',
      entity: 'service_point',
      entityId: row.id,
      after: out(row),
    });
    return out(row);
  },
});

function checkDates(openedOn: IsoDate, closedOn: IsoDate | undefined): void {
  if (closedOn !== undefined && closedOn <= openedOn) {
    throw invalid(
      'closedOn',
      `撤销日期须晚于开办日期（${openedOn}）`,
      `must be after the opening date (${openedOn})`,
    );
  }
}

async function loadVisible(db: Kysely<Database>, actor: Actor, pointId: string) {
  const row = await db
    .selectFrom('service_points')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', pointId)
    .executeTakeFirst();
  if (row === undefined || !visible(actor, row)) throw notFound('service point');
  return row;
}

export const closeServicePoint = defineUseCase({
  name: 'network.point.close',
  roles: NETWORK_WRITERS,
  scope: 'institution',
  writes: true,
  input: z.object({ id, version: z.coerce.number().int().min(1), closedOn: businessDate }).strict(),
  async run({ db, actor, now, audit }, input): Promise<ServicePointOut> {
    const before = await loadVisible(db, actor, input.id);
    if (before.closed_on !== null) {
      throw conflict(
        'already_closed',
        `该网点已于 ${before.closed_on} 撤销`,
        `this point closed on ${before.closed_on}`,
        'closedOn',
      );
    }
    checkDates(before.opened_on as IsoDate, input.closedOn);
    const after = {
      ...before,
      closed_on: input.closedOn,
      updated_at: now.toISOString(),
      version: before.version + 1,
    };
    const { numUpdatedRows } = await db
      .updateTable('service_points')
      .set({ closed_on: after.closed_on, updated_at: after.updated_at, version: after.version })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', before.id)
      .where('version', '=', input.version)
      .executeTakeFirstOrThrow();
    if (Number(numUpdatedRows) !== 1) {
      throw staleVersion();
    }
    await audit({
      action: 'network.point.close',
      entity: 'service_point',
      entityId: before.id,
      before: out(before),
      after: out(after),
    });
    return out(after);
  },
});

export const listServicePoints = defineUseCase({
  name: 'network.point.list',
  roles: NETWORK_READERS,
  scope: 'institution',
  writes: false,
  input: z
    .object({
      kind: pointKind.optional(),
      township: z.string().max(32).optional(),
      village: z.string().max(32).optional(),
      /** Only the points serving on this day. */
      asOf: businessDate.optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<ServicePointOut>> {
    let q = db.selectFrom('service_points').where('region_code', '=', actor.regionCode);
    if (institutionScoped(actor)) q = q.where('institution_id', '=', actor.institutionId ?? '-');
    else if (actor.townships !== 'all') {
      q = q.where('township_code', 'in', actor.townships.length ? actor.townships : ['-']);
    }
    if (input.kind) q = q.where('kind', '=', input.kind);
    if (input.township) q = q.where('township_code', '=', input.township);
    if (input.village) q = q.where('village_code', '=', input.village);
    if (input.asOf) {
      const on = input.asOf;
      q = q
        .where('opened_on', '<=', on)
        .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', on)]));
    }
    const { total } = await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('opened_on')
      .orderBy('id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map(out),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});
