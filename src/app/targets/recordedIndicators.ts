import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { guarantorCapitalOn } from '../guarantees/guarantorCapital.ts';
import { marketsOn } from '../markets/marketFigures.ts';
import { relendingOn } from '../relending/relendingFigures.ts';

/**
 * The indicators of arts. 21, 23 and 29 read from what their offices record in Jinfu
 * (decision 0020): the guarantee company's paid-in capital, the capital-markets pipeline
 * and relending. Each is null while its records are empty: "no data", never zero.
 */
export async function recordedIndicators(
  db: Kysely<Database>,
  regionCode: string,
  asOf: string,
): Promise<Map<string, bigint | null>> {
  const [capital, markets, relending] = await Promise.all([
    guarantorCapitalOn(db, regionCode, asOf),
    marketsOn(db, regionCode, asOf),
    relendingOn(db, regionCode, asOf),
  ]);
  return new Map([
    ['guarantee.company-capital', capital],
    ['markets.neeq-quoted', markets && markets.neeqQuoted],
    ['markets.otc-quoted', markets && markets.otcQuoted],
    ['markets.listed-or-quoted', markets && markets.listedOrQuoted],
    ['markets.trainings-this-year', markets && markets.trainingsThisYear],
    ['relending.quota', relending && relending.quota],
    ['relending.cumulative', relending && relending.drawn],
  ]);
}
