import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { Database, DemonstrationVillageTable } from '../../store/schema.ts';
import { conflict, invalid } from '../errors.ts';
import { businessDate, shortText } from '../loans/loanFields.ts';
import { regionCode } from '../register/fields.ts';
import { notAfterToday } from '../businessDay.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';

/**
 * Art. 2's demonstration villages (decision 0025): 农行武隆支行作为我区金融扶贫主办行，要
 * 打造3个以上金融扶贫示范村. The article's units — the PBOC sub-branch, with the financial
 * office and the administrator — record each village the lead bank has made a
 * demonstration village, the day it was recognised and the document; the art. 2 target
 * counts them as of a day.
 */

const WRITERS: readonly Role[] = ['district_admin', 'financial_office', 'pboc'];

export interface DemonstrationVillageOut {
  villageCode: string;
  villageName: string;
  townshipName: string;
  designatedOn: string;
  document: string;
  recordedBy: string;
}

export const addDemonstrationVillage = defineUseCase({
  name: 'credit.demonstration-village.add',
  roles: WRITERS,
  scope: 'district',
  writes: true,
  input: z
    .object({ villageCode: regionCode, designatedOn: businessDate, document: shortText })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<DemonstrationVillageOut> {
    notAfterToday('designatedOn', input.designatedOn, now);
    const village = await db
      .selectFrom('regions')
      .select('code')
      .where('region_code', '=', actor.regionCode)
      .where('code', '=', input.villageCode)
      .where('level', '=', 'village')
      .executeTakeFirst();
    if (village === undefined) {
      throw invalid('villageCode', '没有这个行政村', 'no such village in the district');
    }
    const seen = await db
      .selectFrom('demonstration_villages')
      .select('designated_on')
      .where('region_code', '=', actor.regionCode)
      .where('village_code', '=', input.villageCode)
      .executeTakeFirst();
    if (seen !== undefined) {
      throw conflict(
        'duplicate_village',
        `该村已于 ${seen.designated_on} 登记为金融扶贫示范村`,
        `The village is already a demonstration village since ${seen.designated_on}`,
        'villageCode',
      );
    }
    const row: DemonstrationVillageTable = {
      region_code: actor.regionCode,
      village_code: input.villageCode,
      designated_on: input.designatedOn,
      document: input.document,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('demonstration_villages').values(row).execute();
    await audit({
      action: 'credit.demonstration-village.add',
      entity: 'region',
      entityId: row.village_code,
      after: { designatedOn: row.designated_on, document: row.document },
    });
    const [out] = await villagesOut(db, actor.regionCode, row.village_code);
    return out!;
  },
});

export const listDemonstrationVillages = defineUseCase({
  name: 'credit.demonstration-village.list',
  roles: DISTRICT_ROLES,
  scope: 'district',
  writes: false,
  input: z.object({}).strict(),
  async run({ db, actor }): Promise<{ items: DemonstrationVillageOut[] }> {
    return { items: await villagesOut(db, actor.regionCode) };
  },
});

async function villagesOut(
  db: Kysely<Database>,
  region: string,
  only?: string,
): Promise<DemonstrationVillageOut[]> {
  let q = db
    .selectFrom('demonstration_villages as d')
    .innerJoin('regions as v', (j) =>
      j.onRef('v.region_code', '=', 'd.region_code').onRef('v.code', '=', 'd.village_code'),
    )
    .leftJoin('regions as t', (j) =>
      j.onRef('t.region_code', '=', 'v.region_code').onRef('t.code', '=', 'v.township_code'),
    )
    .select([
      'd.village_code',
      'd.designated_on',
      'd.document',
      'd.recorded_by',
      'v.name_zh as village',
      't.name_zh as township',
    ])
    .where('d.region_code', '=', region);
  if (only !== undefined) q = q.where('d.village_code', '=', only);
  const rows = await q.orderBy('d.designated_on').orderBy('d.village_code').execute();
  return rows.map((r) => ({
    villageCode: r.village_code,
    villageName: r.village,
    townshipName: r.township ?? '',
    designatedOn: r.designated_on,
    document: r.document,
    recordedBy: r.recorded_by,
  }));
}

/**
 * The art. 2 figure as of a day: demonstration villages recognised by then; null while
 * nothing is recorded at all (no data, not zero).
 */
export async function demonstrationVillagesOn(
  db: Kysely<Database>,
  region: string,
  asOf: IsoDate,
): Promise<bigint | null> {
  const row = await db
    .selectFrom('demonstration_villages')
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.sum<number>(eb.case().when('designated_on', '<=', asOf).then(1).else(0).end()).as('by'),
    ])
    .where('region_code', '=', region)
    .executeTakeFirstOrThrow();
  return Number(row.all) === 0 ? null : BigInt(Number(row.by ?? 0));
}
