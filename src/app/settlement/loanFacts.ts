import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { Database, LoanCategory, LoanSubsidyFactTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { conflict, invalid } from '../errors.ts';
import { BORROWER_KINDS } from '../guarantees/guarantees.ts';
import { businessDate, id, LOAN_READERS } from '../loans/loanFields.ts';
import { loadLoanVisible } from '../loans/loanScope.ts';
import { defineUseCase } from '../useCase.ts';

/**
 * A loan's subsidy facts (decision 0016): what its subsidy rule reads that the loan
 * contract does not carry. Which facts a loan has depends on its product's category —
 * an industry loan names the operator whose project it finances (art. 14), a relocation
 * loan whether it is a registered poor household's housing loan (art. 16), a student
 * loan the student's last day in school (art. 17), an entrusted loan the guarantee company
 * that entrusted it and its borrower (art. 22). Facts of another category are
 * refused rather than stored unread. The lending bank records them; district offices may
 * correct them. Each write replaces the loan's facts under an expected version.
 */

export interface LoanSubsidyFacts {
  loanId: string;
  category: LoanCategory;
  operatorId: string | null;
  drivesPoorIncome: boolean | null;
  registeredPoorHousing: boolean | null;
  inSchoolUntil: string | null;
  fromChongqing: boolean | null;
  lowIncome: boolean | null;
  entrustedBy: string | null;
  borrowerKind: string | null;
  inPoorTownship: boolean | null;
  recordedBy: string | null;
  recordedAt: string | null;
  version: number;
}

/** The facts each category's rule needs, all required. */
const FIELDS_OF: Partial<Record<LoanCategory, readonly FactField[]>> = {
  industry: ['operatorId', 'drivesPoorIncome'],
  employer_mortgage: ['operatorId'],
  entrusted: ['entrustedBy', 'borrowerKind', 'inPoorTownship'],
  relocation: ['registeredPoorHousing'],
  student: ['inSchoolUntil'],
  supplementary_student: ['inSchoolUntil', 'fromChongqing', 'lowIncome'],
};
type FactField =
  | 'operatorId'
  | 'drivesPoorIncome'
  | 'registeredPoorHousing'
  | 'inSchoolUntil'
  | 'fromChongqing'
  | 'lowIncome'
  | 'entrustedBy'
  | 'borrowerKind'
  | 'inPoorTownship';
const ALL_FIELDS: readonly FactField[] = [
  'operatorId',
  'drivesPoorIncome',
  'registeredPoorHousing',
  'inSchoolUntil',
  'fromChongqing',
  'lowIncome',
  'entrustedBy',
  'borrowerKind',
  'inPoorTownship',
];

const flag = (v: number | null): boolean | null => (v === null ? null : v === 1);
const bit = (v: boolean | undefined): number | null => (v === undefined ? null : v ? 1 : 0);

function factsOut(
  loanId: string,
  category: LoanCategory,
  row: LoanSubsidyFactTable | undefined,
): LoanSubsidyFacts {
  return {
    loanId,
    category,
    operatorId: row?.operator_id ?? null,
    drivesPoorIncome: flag(row?.drives_poor_income ?? null),
    registeredPoorHousing: flag(row?.registered_poor_housing ?? null),
    inSchoolUntil: row?.in_school_until ?? null,
    fromChongqing: flag(row?.from_chongqing ?? null),
    lowIncome: flag(row?.low_income ?? null),
    entrustedBy: row?.entrusted_by ?? null,
    borrowerKind: row?.borrower_kind ?? null,
    inPoorTownship: flag(row?.in_poor_township ?? null),
    recordedBy: row?.recorded_by ?? null,
    recordedAt: row?.recorded_at ?? null,
    version: row?.version ?? 0,
  };
}

async function loanAndCategory(
  db: Kysely<Database>,
  actor: Actor,
  loanId: string,
): Promise<{ loan: Awaited<ReturnType<typeof loadLoanVisible>>; category: LoanCategory }> {
  const loan = await loadLoanVisible(db, actor, loanId);
  const product = await db
    .selectFrom('loan_products')
    .select('category')
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', loan.product_id)
    .executeTakeFirstOrThrow();
  return { loan, category: product.category };
}

async function factsRow(db: Kysely<Database>, regionCode: string, loanId: string) {
  return db
    .selectFrom('loan_subsidy_facts')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('loan_id', '=', loanId)
    .executeTakeFirst();
}

export const getLoanSubsidyFacts = defineUseCase({
  name: 'loan.subsidy-facts.get',
  roles: LOAN_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({ id }).strict(),
  async run({ db, actor }, input): Promise<LoanSubsidyFacts> {
    const { category } = await loanAndCategory(db, actor, input.id);
    return factsOut(input.id, category, await factsRow(db, actor.regionCode, input.id));
  },
});

export const setLoanSubsidyFacts = defineUseCase({
  name: 'loan.subsidy-facts.set',
  roles: ['bank_officer', 'financial_office', 'district_admin'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      id,
      /** The version read (0: none recorded yet). */
      expectedVersion: z.number().int().min(0),
      operatorId: id.optional(),
      drivesPoorIncome: z.boolean().optional(),
      registeredPoorHousing: z.boolean().optional(),
      inSchoolUntil: businessDate.optional(),
      fromChongqing: z.boolean().optional(),
      lowIncome: z.boolean().optional(),
      /** Art. 22: the guarantee company that entrusted the loan. */
      entrustedBy: id.optional(),
      borrowerKind: z.enum(BORROWER_KINDS).optional(),
      inPoorTownship: z.boolean().optional(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<LoanSubsidyFacts> {
    const { loan, category } = await loanAndCategory(db, actor, input.id);
    const wanted = FIELDS_OF[category] ?? [];
    if (wanted.length === 0) {
      throw invalid(
        'id',
        '该贷款产品类别没有需要登记的贴息要素',
        "This loan's product category has no subsidy facts to record",
      );
    }
    for (const f of ALL_FIELDS) {
      if (input[f] === undefined && wanted.includes(f)) {
        throw invalid(f, '该类贷款须填写此项', 'is required for this kind of loan');
      }
      if (input[f] !== undefined && !wanted.includes(f)) {
        throw invalid(f, '该类贷款没有此项', 'does not apply to this kind of loan');
      }
    }
    if (input.operatorId !== undefined) {
      const operator = await db
        .selectFrom('operators')
        .select('id')
        .where('region_code', '=', actor.regionCode)
        .where('id', '=', input.operatorId)
        .executeTakeFirst();
      if (!operator) throw invalid('operatorId', '经营主体不存在', 'no such operator');
    }
    if (input.entrustedBy !== undefined) {
      const guarantor = await db
        .selectFrom('institutions')
        .select('id')
        .where('region_code', '=', actor.regionCode)
        .where('id', '=', input.entrustedBy)
        .where('kind', '=', 'guarantor')
        .executeTakeFirst();
      if (!guarantor) {
        throw invalid('entrustedBy', '委托方须为担保机构', 'must be a guarantee company');
      }
    }
    const contractDate = (loan.contract_date ?? loan.disbursed_on ?? loan.applied_on) as IsoDate;
    if (input.inSchoolUntil !== undefined && input.inSchoolUntil < contractDate) {
      throw invalid(
        'inSchoolUntil',
        `在校截止日不能早于贷款合同日 ${contractDate}`,
        `must not be before the loan's contract date ${contractDate}`,
      );
    }
    const before = await factsRow(db, actor.regionCode, input.id);
    if ((before?.version ?? 0) !== input.expectedVersion) {
      throw conflict(
        'version_conflict',
        '贴息要素已被他人修改，请刷新后重试',
        'The subsidy facts were changed by someone else; reload and try again',
        'expectedVersion',
      );
    }
    const row: LoanSubsidyFactTable = {
      region_code: actor.regionCode,
      loan_id: input.id,
      operator_id: input.operatorId ?? null,
      drives_poor_income: bit(input.drivesPoorIncome),
      registered_poor_housing: bit(input.registeredPoorHousing),
      in_school_until: input.inSchoolUntil ?? null,
      from_chongqing: bit(input.fromChongqing),
      low_income: bit(input.lowIncome),
      entrusted_by: input.entrustedBy ?? null,
      borrower_kind: input.borrowerKind ?? null,
      in_poor_township: bit(input.inPoorTownship),
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
      version: input.expectedVersion + 1,
    };
    if (before === undefined) {
      await db.insertInto('loan_subsidy_facts').values(row).execute();
    } else {
      const { region_code: _r, loan_id: _l, ...changes } = row;
      const done = await db
        .updateTable('loan_subsidy_facts')
        .set(changes)
        .where('region_code', '=', actor.regionCode)
        .where('loan_id', '=', input.id)
        .where('version', '=', input.expectedVersion)
        .executeTakeFirst();
      if (done.numUpdatedRows !== 1n) {
        throw conflict(
          'version_conflict',
          '贴息要素已被他人修改，请刷新后重试',
          'The subsidy facts were changed by someone else; reload and try again',
          'expectedVersion',
        );
      }
    }
    const out = factsOut(input.id, category, row);
    await audit({
      action: 'loan.subsidy-facts.set',
      entity: 'loan',
      entityId: input.id,
      ...(before === undefined ? {} : { before: factsOut(input.id, category, before) }),
      after: out,
    });
    return out;
  },
});
