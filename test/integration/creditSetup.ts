import type { Actor } from '../../src/app/actor.ts';
import type { App } from '../../src/app/app.ts';
import { saveCollection } from '../../src/app/credit/collections.ts';
import { appealDefaulter, listDefaulter } from '../../src/app/credit/defaulters.ts';
import { proposeDesignation } from '../../src/app/credit/designations.ts';
import { rateSubject } from '../../src/app/credit/ratings.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { CREDIT_SECTIONS, type CreditSection } from '../../src/core/credit/scorecard.ts';
import { execute } from '../../src/app/useCase.ts';
import { BAIMA } from './helpers.ts';
import { INDUSTRY, nextContract, poorHousehold, product } from './loanSetup.ts';

/** Credit-system records for the credit suites and the registry walk. */

/** A complete form: every section scored `score`, with `over` for some sections. */
export function form(score: number, over: Partial<Record<CreditSection, number>> = {}) {
  return Object.fromEntries(
    CREDIT_SECTIONS.map((s) => [s, { score: over[s] ?? score, note: '测试' }]),
  ) as Record<CreditSection, { score: number; note: string }>;
}

/** Collects (submitted) and rates a household; returns the rating card. */
export async function collectAndRate(
  app: App,
  actor: Actor,
  householdId: string,
  score: number,
  on: string,
  over: Partial<Record<CreditSection, number>> = {},
) {
  await execute(app, actor, saveCollection, {
    subjectKind: 'household',
    subjectId: householdId,
    collectedOn: on,
    sections: form(score, over),
    submit: true,
  });
  return execute(app, actor, rateSubject, {
    subjectKind: 'household',
    subjectId: householdId,
    ratedOn: on,
  });
}

/** The first `n` households (by number) of a village, straight from the database. */
export async function householdsOf(app: App, village: string, n?: number): Promise<string[]> {
  const rows = await app.store.db
    .selectFrom('households')
    .select('id')
    .where('village_code', '=', village)
    .orderBy('household_no')
    .execute();
  return rows.slice(0, n ?? rows.length).map((r) => r.id);
}

/** A disbursed industry loan of `yuan`, never repaid: past due from its first due date. */
export async function unpaidLoan(
  app: App,
  officer: Actor,
  productId: string,
  householdId: string,
  yuan: string,
  disbursedOn: string,
): Promise<string> {
  const loan = await execute(app, officer, applyForLoan, {
    productId,
    householdId,
    contractNo: nextContract('CR'),
    amount: yuan,
    annualRate: '4.75',
    termMonths: 24,
    appliedOn: disbursedOn,
  });
  await execute(app, officer, approveLoan, { id: loan.id });
  await execute(app, officer, disburseLoan, {
    id: loan.id,
    contractDate: disbursedOn,
    disbursedOn,
  });
  return loan.id;
}

let productSeq = 0;
/** An industry product (no eligibility rule) for the credit suites' loans. */
export async function creditTestProduct(app: App, admin: Actor): Promise<string> {
  return (await product(app, admin, { ...INDUSTRY, code: `IND-CREDIT-${String(++productSeq)}` }))
    .id;
}

/** New households, each with one unpaid loan, in `village` (seq numbers from `from`). */
export async function borrowers(
  app: App,
  actors: { admin: Actor; officer: Actor },
  productId: string,
  village: string,
  from: number,
  loans: readonly { yuan: string; disbursedOn: string }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, l] of loans.entries()) {
    const hid = await poorHousehold(app, actors.admin, from + i, village, '2014-01-01');
    await unpaidLoan(app, actors.officer, productId, hid, l.yuan, l.disbursedOn);
    ids.push(hid);
  }
  return ids;
}

export interface CreditFixture {
  /** A 白马镇 household with a submitted form (rated A or better on 2017-05-01). */
  ratedHouseholdId: string;
  collectionId: string;
  /** A 白马镇 household proposed by the clerk, waiting for approval. */
  pendingProposalId: string;
  /** Households free for the writes under test: unrated, unlisted. */
  freeHouseholdIds: string[];
  /** A listing in force and one under appeal. */
  listedId: string;
  appealedId: string;
  clearableId: string;
}

/**
 * Built once on first use: in 白马镇 village 1, household 2 collected and rated, household
 * 3 rated and proposed by the clerk, households 4, 5 and 6 listed as defaulters (5 appealed).
 */
export function lazyCreditFixture(
  app: App,
  actors: { admin: Actor; clerk: Actor },
): () => Promise<CreditFixture> {
  let built: Promise<CreditFixture> | undefined;
  const build = async (): Promise<CreditFixture> => {
    const ids = await householdsOf(app, `${BAIMA}001`);
    const [rated, proposed, listed, appealed, clearable, ...free] = ids.slice(1);
    await collectAndRate(app, actors.admin, rated!, 80, '2017-05-01');
    const collection = await app.store.db
      .selectFrom('credit_collections')
      .select('id')
      .where('subject_id', '=', rated!)
      .executeTakeFirstOrThrow();
    await collectAndRate(app, actors.admin, proposed!, 80, '2017-05-01');
    const proposal = await execute(app, actors.clerk, proposeDesignation, {
      level: 'household',
      code: proposed!,
      asOf: '2017-05-01',
    });
    const l1 = await execute(app, actors.admin, listDefaulter, {
      householdId: listed!,
      reason: '贷款恶意逃废',
      listedOn: '2017-04-01',
    });
    const l2 = await execute(app, actors.admin, listDefaulter, {
      householdId: appealed!,
      reason: '贷款恶意逃废',
      listedOn: '2017-04-01',
    });
    await execute(app, actors.clerk, appealDefaulter, {
      id: l2.id,
      note: '已还清',
      onDate: '2017-04-10',
    });
    const l3 = await execute(app, actors.admin, listDefaulter, {
      householdId: clearable!,
      reason: '逾期未还',
      listedOn: '2017-04-01',
    });
    return {
      ratedHouseholdId: rated!,
      collectionId: collection.id,
      pendingProposalId: proposal.id,
      freeHouseholdIds: free,
      listedId: l1.id,
      appealedId: l2.id,
      clearableId: l3.id,
    };
  };
  return () => (built ??= build());
}
