import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { Database, GuarantorCapitalTable } from '../../store/schema.ts';
import { conflict, invalid } from '../errors.ts';
import { businessDate, positiveYuan } from '../loans/loanFields.ts';
import { notAfterToday } from '../businessDay.ts';
import { defineUseCase } from '../useCase.ts';
import { GUARANTEE_READERS } from './guarantees.ts';

/**
 * Art. 21 (将区兴农担保公司资本金额度逐步提高到2亿元, decision 0020): a guarantor records
 * its own paid-in capital as of a day, one figure per day; the target reads the latest
 * figure on or before its day. District offices read.
 */

const y = (v: number | bigint) => fenToYuanString(Number(v) as Fen);
const capitalOut = (c: GuarantorCapitalTable) => ({
  institutionId: c.institution_id,
  asOf: c.as_of,
  paidIn: y(c.paid_in),
});

export const recordGuarantorCapital = defineUseCase({
  name: 'guarantee.capital.record',
  roles: ['guarantor'],
  scope: 'institution',
  writes: true,
  input: z.object({ asOf: businessDate, paidIn: positiveYuan }).strict(),
  async run({ db, actor, now, audit }, input) {
    notAfterToday('asOf', input.asOf, now);
    if (actor.institutionId === null) {
      throw invalid('institutionId', '账号未关联担保机构', 'your account has no institution');
    }
    const seen = await db
      .selectFrom('guarantor_capital')
      .select('paid_in')
      .where('region_code', '=', actor.regionCode)
      .where('institution_id', '=', actor.institutionId)
      .where('as_of', '=', input.asOf)
      .executeTakeFirst();
    if (seen !== undefined) {
      throw conflict(
        'duplicate_capital',
        `${input.asOf} 的实收资本已登记（${y(seen.paid_in)} 元）`,
        `paid-in capital on ${input.asOf} is already recorded (${y(seen.paid_in)})`,
        'asOf',
      );
    }
    const row: GuarantorCapitalTable = {
      region_code: actor.regionCode,
      institution_id: actor.institutionId,
      as_of: input.asOf,
      paid_in: input.paidIn,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('guarantor_capital').values(row).execute();
    await audit({
      action: 'guarantee.capital.record',
      entity: 'guarantor_capital',
      entityId: `${row.institution_id}|${row.as_of}`,
      after: capitalOut(row),
    });
    return capitalOut(row);
  },
});

export const listGuarantorCapital = defineUseCase({
  name: 'guarantee.capital.list',
  roles: GUARANTEE_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({}).strict(),
  async run({ db, actor }) {
    let q = db
      .selectFrom('guarantor_capital')
      .selectAll()
      .where('region_code', '=', actor.regionCode);
    if (actor.role === 'guarantor') q = q.where('institution_id', '=', actor.institutionId ?? '-');
    const rows = await q.orderBy('as_of', 'desc').orderBy('institution_id').execute();
    return rows.map(capitalOut);
  },
});

/**
 * The guarantee company's paid-in capital on a day: each guarantor's latest figure on or
 * before it, summed (the district has one guarantee company; were a second to record,
 * its capital would count too). Null when none is on record by then.
 */
export async function guarantorCapitalOn(
  db: Kysely<Database>,
  regionCode: string,
  asOf: string,
): Promise<bigint | null> {
  const rows = await db
    .selectFrom('guarantor_capital')
    .select(['institution_id', 'as_of', 'paid_in'])
    .where('region_code', '=', regionCode)
    .where('as_of', '<=', asOf)
    .execute();
  if (rows.length === 0) return null;
  const latest = new Map<string, { as_of: string; paid_in: number }>();
  for (const r of rows) {
    const seen = latest.get(r.institution_id);
    if (seen === undefined || seen.as_of < r.as_of) latest.set(r.institution_id, r);
  }
  return [...latest.values()].reduce((s, r) => s + BigInt(r.paid_in), 0n);
}
