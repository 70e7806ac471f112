import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { ART23_NEEQ_COMPANY, LISTED_OR_QUOTED, type MarketStage } from './stages.ts';

/**
 * Art. 23's counts as of a day, from the pipeline register. Null when nothing of the
 * register (no company, no training) is recorded by then: the register is not in use,
 * which is "no data", never zero.
 *
 * - listedOrQuoted: companies whose stage on the day is a quotation or a listing;
 * - otcQuoted: companies quoted on the Chongqing OTC board at some day up to this one
 *   (one that has since moved up to the NEEQ still did what the text asked);
 * - neeqQuoted: the named company, quoted on the NEEQ or listed on the day;
 * - trainingsThisYear: trainings held from 1 January of the day's year to the day.
 */

export interface MarketFigures {
  listedOrQuoted: bigint;
  otcQuoted: bigint;
  neeqQuoted: bigint;
  trainingsThisYear: bigint;
}

export async function marketsOn(
  db: Kysely<Database>,
  regionCode: string,
  asOf: string,
): Promise<MarketFigures | null> {
  const [stages, trainings] = await Promise.all([
    db
      .selectFrom('market_stages as s')
      .innerJoin('market_companies as c', (j) =>
        j.onRef('c.region_code', '=', 's.region_code').onRef('c.id', '=', 's.company_id'),
      )
      .select(['s.company_id', 's.n', 's.stage', 'c.name'])
      .where('s.region_code', '=', regionCode)
      .where('s.reached_on', '<=', asOf)
      .execute(),
    db
      .selectFrom('market_trainings')
      .select('held_on')
      .where('region_code', '=', regionCode)
      .where('held_on', '<=', asOf)
      .execute(),
  ]);
  if (stages.length === 0 && trainings.length === 0) return null;
  const current = new Map<string, { n: number; stage: string; name: string }>();
  const otc = new Set<string>();
  for (const s of stages) {
    const seen = current.get(s.company_id);
    if (seen === undefined || seen.n < s.n) current.set(s.company_id, s);
    if (s.stage === 'regional_quoted') otc.add(s.company_id);
  }
  const now = [...current.values()];
  const quoted = (s: { stage: string }) => LISTED_OR_QUOTED.includes(s.stage as MarketStage);
  const year = asOf.slice(0, 4);
  return {
    listedOrQuoted: BigInt(now.filter(quoted).length),
    otcQuoted: BigInt(otc.size),
    neeqQuoted: BigInt(
      now.filter(
        (s) => s.name === ART23_NEEQ_COMPANY && (s.stage === 'neeq_quoted' || s.stage === 'listed'),
      ).length,
    ),
    trainingsThisYear: BigInt(trainings.filter((t) => t.held_on.startsWith(year)).length),
  };
}
