import { sql, type Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { residentIdBirthDate } from '../../core/identity/residentId.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { getParameter, paramFen, type ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import type { Database, LoanCategory, PrecisionCheck } from '../../store/schema.ts';
import { latestStatuses } from '../register/latestStatuses.ts';
import { outstandingMicroCredit } from './eligibility.ts';
import { MICRO_CREDIT_CATEGORIES } from './loanFields.ts';

/**
 * The five precision checks (精准, issue 4 item 7), each a query over the loans as they
 * stand: what the check saw goes into the finding's detail so the poverty office can
 * judge it without re-running anything. Loans count once they have a contract date
 * (disbursed, closed or later states); applications and refusals are not contracts.
 */

export interface Finding {
  check: PrecisionCheck;
  /** The loan's id; the household's for the household-level over_cap. */
  subjectId: string;
  householdId: string;
  loanId: string | null;
  townshipCode: string;
  institutionId: string | null;
  detail: Record<string, unknown>;
}

export interface AgeRange {
  min: number;
  max: number;
}

// Loans read per round trip.
const PAGE = 1000;

/** Whole years from `birth` to `on` (a 29 February birthday comes on 1 March in other years). */
export function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

interface ContractLoan {
  id: string;
  contract_no: string;
  household_id: string;
  institution_id: string;
  township_code: string;
  contract_date: string;
  category: LoanCategory;
}

/**
 * Per poverty micro-credit contract: the household not registered poor on the contract
 * date (its status then, by the same order as `statusOn`), and the head's age on that
 * date outside `ages` (from the resident ID's birth date).
 */
export async function contractChecks(
  db: Kysely<Database>,
  regionCode: string,
  ages: AgeRange,
): Promise<Finding[]> {
  const found: Finding[] = [];
  let after = '';
  for (;;) {
    const loans: ContractLoan[] = await db
      .selectFrom('loans as l')
      .innerJoin('loan_products as p', (j) =>
        j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.product_id'),
      )
      .select([
        'l.id',
        'l.contract_no',
        'l.household_id',
        'l.institution_id',
        'l.township_code',
        'l.contract_date',
        'p.category',
      ])
      .where('l.region_code', '=', regionCode)
      .where('l.contract_date', 'is not', null)
      .where('p.category', 'in', [...MICRO_CREDIT_CATEGORIES])
      .where('l.id', '>', after)
      .orderBy('l.id')
      .limit(PAGE)
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, contract_date: r.contract_date! })));
    if (!loans.length) break;
    after = loans[loans.length - 1]!.id;
    const householdIds = [...new Set(loans.map((l) => l.household_id))];
    const [heads, history] = await Promise.all([
      db
        .selectFrom('households')
        .select(['id', 'head_id_number'])
        .where('region_code', '=', regionCode)
        .where('id', 'in', householdIds)
        .execute(),
      db
        .selectFrom('poverty_status_history')
        .selectAll()
        .where('region_code', '=', regionCode)
        .where('household_id', 'in', householdIds)
        .execute(),
    ]);
    const idOf = new Map(heads.map((h) => [h.id, h.head_id_number]));
    for (const l of loans) {
      const base = {
        subjectId: l.id,
        householdId: l.household_id,
        loanId: l.id,
        townshipCode: l.township_code,
        institutionId: l.institution_id,
      };
      const then = latestStatuses(
        history.filter(
          (h) => h.household_id === l.household_id && h.effective_from <= l.contract_date,
        ),
      ).get(l.household_id);
      if (then?.status !== 'registered_poor') {
        found.push({
          ...base,
          check: 'not_poor_on_contract',
          detail: {
            contractDate: l.contract_date,
            statusOnContractDate: then?.status ?? null,
            statusFrom: then?.effective_from ?? null,
          },
        });
      }
      const idNumber = idOf.get(l.household_id);
      if (idNumber === undefined) continue;
      const birthDate = residentIdBirthDate(idNumber);
      const age = ageOn(birthDate, l.contract_date);
      if (age < ages.min || age > ages.max) {
        found.push({
          ...base,
          check: 'age_out_of_range',
          detail: { contractDate: l.contract_date, birthDate, age, min: ages.min, max: ages.max },
        });
      }
    }
  }
  return found;
}

/**
 * Households whose micro-credit outstanding at all lenders exceeded the art. 11 cap in
 * force on some date new money was lent: a disbursement or an approved additional loan
 * (追加贷款), when it adds to what the others still owed. Only households whose loans
 * add up to more than the smallest cap, or that had an additional loan, can ever exceed
 * it, so only they are walked.
 */
export async function overCap(
  db: Kysely<Database>,
  regionCode: string,
  params: ParameterSnapshot,
): Promise<Finding[]> {
  const additions = db
    .selectFrom('loan_events as e')
    .innerJoin('loans as l3', (j) =>
      j.onRef('l3.region_code', '=', 'e.region_code').onRef('l3.id', '=', 'e.loan_id'),
    )
    .innerJoin('loan_products as p3', (j) =>
      j.onRef('p3.region_code', '=', 'l3.region_code').onRef('p3.id', '=', 'l3.product_id'),
    )
    .where('e.region_code', '=', regionCode)
    .where('e.kind', '=', 'additional-loan')
    .where('e.status', '=', 'approved')
    .where('p3.category', 'in', [...MICRO_CREDIT_CATEGORIES]);
  const added = await additions
    .select(['l3.household_id', 'l3.contract_no', 'e.effective_on', 'e.amount'])
    .execute();
  const loans = await db
    .selectFrom('loans as l')
    .innerJoin('loan_products as p', (j) =>
      j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.product_id'),
    )
    .select([
      'l.contract_no',
      'l.household_id',
      'l.institution_id',
      'l.township_code',
      'l.disbursed_on',
      'l.amount',
      'p.category',
    ])
    .where('l.region_code', '=', regionCode)
    .where('l.disbursed_on', 'is not', null)
    .where('p.category', 'in', [...MICRO_CREDIT_CATEGORIES])
    .where('l.household_id', 'in', (eb) =>
      eb
        .selectFrom('loans as l2')
        .innerJoin('loan_products as p2', (j) =>
          j.onRef('p2.region_code', '=', 'l2.region_code').onRef('p2.id', '=', 'l2.product_id'),
        )
        .select('l2.household_id')
        .where('l2.region_code', '=', regionCode)
        .where('l2.disbursed_on', 'is not', null)
        .where('p2.category', 'in', [...MICRO_CREDIT_CATEGORIES])
        .groupBy('l2.household_id')
        // the smallest cap there is (rural tourism's is larger)
        .having(sql`sum(l2.amount)`, '>', smallestCap(params))
        .union(additions.select('l3.household_id')),
    )
    .orderBy('l.household_id')
    .orderBy('l.disbursed_on')
    .orderBy('l.contract_no')
    .execute();
  const byHousehold = new Map<string, typeof loans>();
  for (const l of loans) {
    const list = byHousehold.get(l.household_id) ?? [];
    list.push(l);
    byHousehold.set(l.household_id, list);
  }
  const found: Finding[] = [];
  for (const [householdId, list] of byHousehold) {
    const dates = [
      ...new Set([
        ...list.map((l) => l.disbursed_on!),
        ...added.filter((x) => x.household_id === householdId).map((x) => x.effective_on),
      ]),
    ].sort();
    for (const date of dates) {
      const on = date as IsoDate;
      const outstanding = await outstandingMicroCredit(db, regionCode, householdId, on);
      const open = list.filter((x) => x.disbursed_on! <= on);
      const tourism = open.some((x) => x.category === 'rural_tourism_micro_credit');
      const cap = paramFen(
        params,
        tourism ? 'art11.micro-credit.rural-tourism-max-amount' : 'art11.micro-credit.max-amount',
        on,
      );
      if (outstanding <= cap.value) continue;
      found.push({
        check: 'over_cap',
        subjectId: householdId,
        householdId,
        loanId: null,
        townshipCode: open[0]!.township_code,
        institutionId: null,
        detail: {
          on,
          outstanding: fenToYuanString(outstanding),
          cap: fenToYuanString(cap.value),
          capParameter: cap.id,
          loans: open.map((x) => ({
            contractNo: x.contract_no,
            institutionId: x.institution_id,
            amount: fenToYuanString(Number(x.amount) as Fen),
            disbursedOn: x.disbursed_on,
          })),
          additionalLoans: added
            .filter((x) => x.household_id === householdId && x.effective_on <= on)
            .map((x) => ({
              contractNo: x.contract_no,
              amount: fenToYuanString(Number(x.amount) as Fen),
              effectiveOn: x.effective_on,
            })),
        },
      });
      break; // the first date it was exceeded is the finding
    }
  }
  return found;
}

function smallestCap(params: ParameterSnapshot): number {
  const versions = [
    'art11.micro-credit.max-amount',
    'art11.micro-credit.rural-tourism-max-amount',
  ].flatMap((id) => getParameter(params, id).versions.map((v) => Number(v.value)));
  return Math.min(...versions);
}

/**
 * Contracts that repeat an earlier one: the same household, lender, amount and contract
 * date under another contract number (the number itself is unique per region). The
 * earliest recorded stays clean; each repeat is a finding naming it.
 */
export async function duplicateContracts(
  db: Kysely<Database>,
  regionCode: string,
): Promise<Finding[]> {
  const groups = db
    .selectFrom('loans')
    .select(['household_id', 'institution_id', 'amount', 'contract_date'])
    .where('region_code', '=', regionCode)
    .where('contract_date', 'is not', null)
    .groupBy(['household_id', 'institution_id', 'amount', 'contract_date'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .as('g');
  const loans = await db
    .selectFrom('loans as l')
    .innerJoin(groups, (j) =>
      j
        .onRef('g.household_id', '=', 'l.household_id')
        .onRef('g.institution_id', '=', 'l.institution_id')
        .onRef('g.amount', '=', 'l.amount')
        .onRef('g.contract_date', '=', 'l.contract_date'),
    )
    .select([
      'l.id',
      'l.contract_no',
      'l.household_id',
      'l.institution_id',
      'l.township_code',
      'l.amount',
      'l.contract_date',
    ])
    .where('l.region_code', '=', regionCode)
    .orderBy('l.household_id')
    .orderBy('l.institution_id')
    .orderBy('l.amount')
    .orderBy('l.contract_date')
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
  const found: Finding[] = [];
  let first: (typeof loans)[number] | undefined;
  for (const l of loans) {
    const same =
      first !== undefined &&
      first.household_id === l.household_id &&
      first.institution_id === l.institution_id &&
      Number(first.amount) === Number(l.amount) &&
      first.contract_date === l.contract_date;
    if (!same) {
      first = l;
      continue;
    }
    found.push({
      check: 'duplicate_contract',
      subjectId: l.id,
      householdId: l.household_id,
      loanId: l.id,
      townshipCode: l.township_code,
      institutionId: l.institution_id,
      detail: {
        contractNo: l.contract_no,
        sameAs: first!.contract_no,
        amount: fenToYuanString(Number(l.amount) as Fen),
        contractDate: l.contract_date,
      },
    });
  }
  return found;
}

/** Loans whose lender flagged the money as used by an enterprise (户贷企用). */
export async function enterpriseUse(db: Kysely<Database>, regionCode: string): Promise<Finding[]> {
  const rows = await db
    .selectFrom('loan_enterprise_use_flags as f')
    .innerJoin('loans as l', (j) =>
      j.onRef('l.region_code', '=', 'f.region_code').onRef('l.id', '=', 'f.loan_id'),
    )
    .select([
      'l.id',
      'l.contract_no',
      'l.household_id',
      'l.institution_id',
      'l.township_code',
      'f.enterprise_name',
      'f.note',
      'f.flagged_by',
      'f.flagged_at',
    ])
    .where('f.region_code', '=', regionCode)
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    check: 'enterprise_use',
    subjectId: r.id,
    householdId: r.household_id,
    loanId: r.id,
    townshipCode: r.township_code,
    institutionId: r.institution_id,
    detail: {
      contractNo: r.contract_no,
      enterpriseName: r.enterprise_name,
      note: r.note,
      flaggedBy: r.flagged_by,
      flaggedAt: r.flagged_at,
    },
  }));
}
