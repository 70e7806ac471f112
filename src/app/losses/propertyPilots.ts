import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { Database, InstitutionKind, PropertyPilotTable } from '../../store/schema.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { businessDate, id, shortText } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { LOSS_CHECKERS, LOSS_READERS } from './lossRoles.ts';

/**
 * The art. 19 pilot register (decision 0024): 开展农村承包土地经营权贷款试点 … 对试点承办
 * 银行机构、担保机构发放抵押贷款发生风险的，按实际损失部分的50%进行风险补偿. The district
 * records which banks and guarantors run the pilot, from which day (and until which, once
 * it ends), under which document; a loss on a rural-property mortgage such an institution
 * granted while in the pilot is compensated by art. 19 instead of the art. 31 fund.
 */

const PILOT_KINDS: readonly InstitutionKind[] = [
  'bank',
  'policy_bank',
  'village_bank',
  'guarantor',
];

export interface PropertyPilotOut {
  institutionId: string;
  institutionName: string;
  fromDate: string;
  toDate: string | null;
  document: string;
  recordedBy: string;
  recordedAt: string;
}

/** Whether the institution was in the pilot on the day. */
export async function inPilotOn(
  db: Kysely<Database>,
  regionCode: string,
  institutionId: string,
  day: IsoDate,
): Promise<boolean> {
  const row = await db
    .selectFrom('property_pilots')
    .select('from_date')
    .where('region_code', '=', regionCode)
    .where('institution_id', '=', institutionId)
    .where('from_date', '<=', day)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', day)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** A period's last day is not before its first. */
function notBefore(fromDate: string, toDate: string): void {
  if (toDate < fromDate) {
    throw invalid(
      'toDate',
      `试点结束日期不能早于开始日期 ${fromDate}`,
      `must not be before the first day, ${fromDate}`,
    );
  }
}

const overlaps = (a: PropertyPilotTable, from: string, to: string | null): boolean =>
  (to === null || a.from_date <= to) && (a.to_date === null || from <= a.to_date);

export const addPropertyPilot = defineUseCase({
  name: 'loss.pilot.add',
  roles: LOSS_CHECKERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      institutionId: id,
      fromDate: businessDate,
      /** Omitted: the pilot goes on. */
      toDate: businessDate.optional(),
      document: shortText,
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<PropertyPilotOut> {
    const region = actor.regionCode;
    const inst = await db
      .selectFrom('institutions')
      .select(['id', 'kind', 'name_zh'])
      .where('region_code', '=', region)
      .where('id', '=', input.institutionId)
      .executeTakeFirst();
    if (inst === undefined) throw notFound('institution');
    if (!PILOT_KINDS.includes(inst.kind)) {
      throw invalid(
        'institutionId',
        '“两权”抵押贷款试点承办机构只能是银行或担保机构',
        'A pilot institution must be a bank or a guarantor',
      );
    }
    const to = input.toDate ?? null;
    if (to !== null) notBefore(input.fromDate, to);
    const spans = await db
      .selectFrom('property_pilots')
      .selectAll()
      .where('region_code', '=', region)
      .where('institution_id', '=', inst.id)
      .execute();
    const clash = spans.find((s) => overlaps(s, input.fromDate, to));
    if (clash) {
      throw conflict(
        'pilot_overlap',
        `该机构自 ${clash.from_date} 起已登记为试点承办机构（${clash.to_date ?? '至今'}），期间不能重叠`,
        `The institution is already a pilot institution from ${clash.from_date} (${clash.to_date ?? 'ongoing'}); periods cannot overlap`,
        'fromDate',
      );
    }
    const row: PropertyPilotTable = {
      region_code: region,
      institution_id: inst.id,
      from_date: input.fromDate,
      to_date: to,
      document: input.document,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('property_pilots').values(row).execute();
    await audit({
      action: 'loss.pilot.add',
      entity: 'institution',
      entityId: inst.id,
      after: { fromDate: row.from_date, toDate: row.to_date, document: row.document },
    });
    return pilotOut(row, inst.name_zh);
  },
});

/** Ends an open pilot period on its last day. */
export const endPropertyPilot = defineUseCase({
  name: 'loss.pilot.end',
  roles: LOSS_CHECKERS,
  scope: 'district',
  writes: true,
  input: z.object({ institutionId: id, fromDate: businessDate, toDate: businessDate }).strict(),
  async run({ db, actor, audit }, input): Promise<PropertyPilotOut> {
    const region = actor.regionCode;
    const open = await pilotsNamed(db, region)
      .where('p.institution_id', '=', input.institutionId)
      .where('p.from_date', '=', input.fromDate)
      .executeTakeFirst();
    if (open === undefined) throw notFound('pilot period');
    if (open.to_date !== null) {
      throw conflict(
        'pilot_ended',
        `该试点期间已于 ${open.to_date} 结束`,
        `This pilot period already ended on ${open.to_date}`,
        'fromDate',
      );
    }
    notBefore(open.from_date, input.toDate);
    // The WHERE on to_date makes two racing ends succeed once.
    const result = await db
      .updateTable('property_pilots')
      .set({ to_date: input.toDate })
      .where('region_code', '=', region)
      .where('institution_id', '=', open.institution_id)
      .where('from_date', '=', open.from_date)
      .where('to_date', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw conflict(
        'pilot_ended',
        '该试点期间已结束',
        'This pilot period already ended',
        'fromDate',
      );
    }
    await audit({
      action: 'loss.pilot.end',
      entity: 'institution',
      entityId: open.institution_id,
      before: { fromDate: open.from_date, toDate: null },
      after: { fromDate: open.from_date, toDate: input.toDate },
    });
    return pilotOut({ ...open, to_date: input.toDate }, open.name_zh);
  },
});

export const listPropertyPilots = defineUseCase({
  name: 'loss.pilot.list',
  roles: LOSS_READERS,
  scope: 'district',
  writes: false,
  input: z.object({}).strict(),
  async run({ db, actor }): Promise<{ items: PropertyPilotOut[] }> {
    const rows = await pilotsNamed(db, actor.regionCode)
      .orderBy('i.name_zh')
      .orderBy('p.from_date')
      .execute();
    return { items: rows.map((r) => pilotOut(r, r.name_zh)) };
  },
});

/** The region's pilot periods with their institution's name. */
const pilotsNamed = (db: Kysely<Database>, region: string) =>
  db
    .selectFrom('property_pilots as p')
    .innerJoin('institutions as i', (j) =>
      j.onRef('i.region_code', '=', 'p.region_code').onRef('i.id', '=', 'p.institution_id'),
    )
    .selectAll('p')
    .select('i.name_zh')
    .where('p.region_code', '=', region);

function pilotOut(r: PropertyPilotTable, name: string): PropertyPilotOut {
  return {
    institutionId: r.institution_id,
    institutionName: name,
    fromDate: r.from_date,
    toDate: r.to_date,
    document: r.document,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}
