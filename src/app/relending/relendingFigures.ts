import type { Kysely } from 'kysely';
import type { Database, RelendingUseTable } from '../../store/schema.ts';

/**
 * Art. 29 relending as of a day, from the PBOC sub-branch's records: the quota granted to
 * the district (争取扶贫再贷款指标), the amount drawn in total (累放金额) and what is
 * outstanding. Null when no quota is on record by then: relending is not in use in
 * Jinfu yet, which is "no data", never zero.
 */

export interface RelendingFigures {
  /** Fen, every grant up to the day. */
  quota: bigint;
  /** Fen, every drawdown up to the day. */
  drawn: bigint;
  /** Fen, every repayment up to the day. */
  repaid: bigint;
}

export async function relendingOn(
  db: Kysely<Database>,
  regionCode: string,
  asOf: string,
): Promise<RelendingFigures | null> {
  const [quota, uses] = await Promise.all([
    db
      .selectFrom('relending_quotas')
      .select((eb) => [
        eb.fn.sum<string | number | null>('amount').as('total'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('region_code', '=', regionCode)
      .where('granted_on', '<=', asOf)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('relending_uses')
      .select(['kind', (eb) => eb.fn.sum<string | number>('amount').as('total')])
      .where('region_code', '=', regionCode)
      .where('used_on', '<=', asOf)
      .groupBy('kind')
      .execute(),
  ]);
  if (Number(quota.n) === 0) return null;
  const of = (kind: RelendingUseTable['kind']) =>
    BigInt(uses.find((u) => u.kind === kind)?.total ?? 0);
  return { quota: BigInt(quota.total ?? 0), drawn: of('drawdown'), repaid: of('repayment') };
}
