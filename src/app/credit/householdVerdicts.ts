import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { loanStanding } from '../../core/credit/portfolio.ts';
import { gradeAtLeast, type CreditGrade, type Scorecard } from '../../core/credit/scorecard.ts';
import type { Database } from '../../store/schema.ts';
import { activeDefaulters } from './defaulterList.ts';
import { loadPortfolio } from './portfolio.ts';

/**
 * Whether households qualify as credit households (信用户) on a day: a rating valid that
 * day at or above the configured grade, and no bad record — not on the defaulters list
 * and no non-performing loan.
 */
export interface HouseholdVerdict {
  readonly householdId: string;
  readonly villageCode: string;
  readonly townshipCode: string;
  readonly grade: CreditGrade | null;
  readonly ratedOn: string | null;
  readonly onDefaultersList: boolean;
  readonly nonPerformingLoans: number;
  readonly qualifies: boolean;
}

export async function householdVerdicts(
  db: Kysely<Database>,
  regionCode: string,
  card: Scorecard,
  asOf: IsoDate,
  // A village is named with its township, so the (township, village) indexes serve it.
  filter:
    { householdId: string } | { townshipCode: string; villageCode: string } | Record<string, never>,
): Promise<HouseholdVerdict[]> {
  let households = db
    .selectFrom('households')
    .select(['id', 'village_code', 'township_code'])
    .where('region_code', '=', regionCode);
  let ratings = db
    .selectFrom('credit_ratings')
    .select(['subject_id', 'grade', 'rated_on', 'valid_until', 'rated_at'])
    .where('region_code', '=', regionCode)
    .where('subject_kind', '=', 'household')
    .where('rated_on', '<=', asOf);
  if ('householdId' in filter) {
    households = households.where('id', '=', filter.householdId);
    ratings = ratings.where('subject_id', '=', filter.householdId);
  }
  if ('villageCode' in filter) {
    households = households
      .where('township_code', '=', filter.townshipCode)
      .where('village_code', '=', filter.villageCode);
    ratings = ratings
      .where('township_code', '=', filter.townshipCode)
      .where('village_code', '=', filter.villageCode);
  }
  const [rows, ratingRows, listed, loans] = await Promise.all([
    households.execute(),
    ratings.orderBy('rated_on').orderBy('rated_at').execute(),
    activeDefaulters(db, regionCode, asOf, filter),
    loadPortfolio(db, regionCode, filter, asOf),
  ]);
  const latest = new Map<string, (typeof ratingRows)[number]>();
  for (const r of ratingRows) latest.set(r.subject_id, r);
  const npl = new Map<string, number>();
  for (const l of loans) {
    if (loanStanding(l, asOf).nonPerforming)
      npl.set(l.householdId, (npl.get(l.householdId) ?? 0) + 1);
  }
  return rows.map((h) => {
    const r = latest.get(h.id);
    const valid = r !== undefined && asOf < r.valid_until;
    const grade = valid ? (r.grade as CreditGrade) : null;
    const onList = listed.has(h.id);
    const bad = npl.get(h.id) ?? 0;
    return {
      householdId: h.id,
      villageCode: h.village_code,
      townshipCode: h.township_code,
      grade,
      ratedOn: valid ? r.rated_on : null,
      onDefaultersList: onList,
      nonPerformingLoans: bad,
      qualifies:
        grade !== null && gradeAtLeast(grade, card.householdMinGrade) && !onList && bad === 0,
    };
  });
}
