import { z } from 'zod';
import type { Kysely } from 'kysely';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate, RATE_UNITS_PER_PERCENT, rateToString, type Rate } from '../../core/rate.ts';
import type {
  Database,
  GuaranteeEventTable,
  GuaranteeTable,
  GuaranteeYearTable,
} from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id, positiveYuan } from '../loans/loanFields.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual, paging } from '../validation.ts';

/**
 * Guarantee contracts (issue 5 §1, decision 0016): a guarantor's guarantee of one loan,
 * with its fee rate and amount, so that settlement can pay the fee subsidies and
 * incentives of arts. 12, 20 and 22. The guarantor records its own contracts; district
 * offices read them all. Who the borrower is and whether it is in a poor township are
 * recorded for the guarantees the guarantor puts forward under art. 22. A guarantee names the lending bank and the loan's contract
 * number as the guarantor's papers do, and both must agree with the loan on record.
 */

export const GUARANTEE_READERS: readonly Role[] = [...DISTRICT_ROLES, 'guarantor'];
export const BORROWER_KINDS = ['enterprise', 'large-farmer', 'other'] as const;

/** Guarantee fees are a few percent a year; anything above 10 % is a typing mistake. */
const MAX_FEE = 10 * RATE_UNITS_PER_PERCENT;
export const feeRate = z.union([z.string(), z.number()]).transform((value, ctx): Rate => {
  const text = String(value).trim().replace(/%$/, '').trim();
  let rate: Rate | undefined;
  try {
    rate = parseRate(text, 'feeRate');
  } catch {
    rate = undefined;
  }
  if (rate === undefined || rate < 0 || rate > MAX_FEE) {
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        `担保费率应为0%至10%之间的百分数，如“1”或“0.8”，实际为“${String(value)}”`,
        `must be a percent from 0 to 10, such as "1" or "0.8", got "${String(value)}"`,
      ),
    });
    return z.NEVER;
  }
  return rate;
});

export interface GuaranteeOut {
  id: string;
  guarantorId: string;
  contractNo: string;
  loanId: string;
  loanContractNo: string;
  lenderId: string;
  householdId: string;
  township: string;
  village: string;
  feeRate: string;
  amount: string;
  startDate: string;
  endDate: string;
  borrowerKind: string | null;
  inPoorTownship: boolean | null;
  version: number;
}

export function guaranteeOut(g: GuaranteeTable, loanContractNo: string): GuaranteeOut {
  return {
    id: g.id,
    guarantorId: g.guarantor_id,
    contractNo: g.contract_no,
    loanId: g.loan_id,
    loanContractNo,
    lenderId: g.institution_id,
    householdId: g.household_id,
    township: g.township_code,
    village: g.village_code,
    feeRate: g.fee_rate,
    amount: fenToYuanString(Number(g.amount) as Fen),
    startDate: g.start_date,
    endDate: g.end_date,
    borrowerKind: g.borrower_kind,
    inPoorTownship: g.in_poor_township === null ? null : g.in_poor_township === 1,
    version: g.version,
  };
}

/** A guarantee the actor may see: a guarantor only its own; district roles all. */
export async function loadGuarantee(
  db: Kysely<Database>,
  actor: Actor,
  guaranteeId: string,
): Promise<GuaranteeTable> {
  const row = await db
    .selectFrom('guarantees')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', guaranteeId)
    .executeTakeFirst();
  if (!row || (actor.role === 'guarantor' && row.guarantor_id !== actor.institutionId)) {
    throw notFound('guarantee');
  }
  return row;
}

const createInput = z
  .object({
    contractNo: z
      .string()
      .trim()
      .min(1, bilingual('不能为空', 'must not be empty'))
      .max(64, bilingual('不能超过64个字符', 'must be at most 64 characters')),
    lenderId: id,
    loanContractNo: z.string().trim().min(1).max(64),
    feeRate,
    amount: positiveYuan,
    startDate: businessDate,
    endDate: businessDate,
    borrowerKind: z.enum(BORROWER_KINDS).optional(),
    inPoorTownship: z.boolean().optional(),
  })
  .strict();

export const createGuarantee = defineUseCase({
  name: 'guarantee.create',
  roles: ['guarantor'],
  scope: 'institution',
  writes: true,
  input: createInput,
  async run({ db, actor, now, audit }, input): Promise<GuaranteeOut> {
    const guarantorId = actor.institutionId;
    if (guarantorId === null) throw notFound('guarantor');
    if (input.endDate < input.startDate) {
      throw invalid('endDate', '到期日不能早于起始日', 'must not be before startDate');
    }
    const loan = await db
      .selectFrom('loans')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('contract_no', '=', input.loanContractNo)
      .executeTakeFirst();
    // Another bank's loan under this number answers like no loan: nothing leaks.
    if (!loan || loan.institution_id !== input.lenderId) {
      throw invalid(
        'loanContractNo',
        '所选银行没有该合同编号的贷款',
        'The chosen lender has no loan with this contract number',
      );
    }
    if (input.amount > Number(loan.amount)) {
      throw invalid(
        'amount',
        `担保金额不能超过贷款金额 ${fenToYuanString(Number(loan.amount) as Fen)} 元`,
        `must not exceed the loan amount ${fenToYuanString(Number(loan.amount) as Fen)}`,
      );
    }
    // Art. 22 asks who the borrower is and where: both or neither.
    if ((input.borrowerKind === undefined) !== (input.inPoorTownship === undefined)) {
      const missing = input.borrowerKind === undefined ? 'borrowerKind' : 'inPoorTownship';
      throw invalid(
        missing,
        '借款人类型与是否贫困乡镇须同时填写（第二十二条）',
        'borrowerKind and inPoorTownship go together (art. 22)',
      );
    }
    const clash = await db
      .selectFrom('guarantees')
      .select(['guarantor_id', 'contract_no', 'loan_id'])
      .where('region_code', '=', actor.regionCode)
      .where((eb) =>
        eb.or([
          eb.and([eb('guarantor_id', '=', guarantorId), eb('contract_no', '=', input.contractNo)]),
          eb('loan_id', '=', loan.id),
        ]),
      )
      .executeTakeFirst();
    if (clash) {
      throw clash.loan_id === loan.id
        ? conflict(
            'duplicate_guarantee',
            '该贷款已有担保合同',
            'This loan already has a guarantee',
            'loanContractNo',
          )
        : conflict(
            'duplicate_contract',
            '担保合同编号已存在',
            'This guarantee contract number exists',
            'contractNo',
          );
    }
    const row: GuaranteeTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      guarantor_id: guarantorId,
      contract_no: input.contractNo,
      loan_id: loan.id,
      institution_id: loan.institution_id,
      household_id: loan.household_id,
      township_code: loan.township_code,
      village_code: loan.village_code,
      fee_rate: rateToString(input.feeRate),
      amount: input.amount,
      start_date: input.startDate,
      end_date: input.endDate,
      borrower_kind: input.borrowerKind ?? null,
      in_poor_township: input.inPoorTownship === undefined ? null : input.inPoorTownship ? 1 : 0,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
      version: 1,
    };
    await db.insertInto('guarantees').values(row).execute();
    const out = guaranteeOut(row, loan.contract_no);
    await audit({ action: 'guarantee.create', entity: 'guarantee', entityId: row.id, after: out });
    return out;
  },
});

export const listGuarantees = defineUseCase({
  name: 'guarantee.list',
  roles: GUARANTEE_READERS,
  scope: 'institution',
  writes: false,
  // The shared paging, keeping this list's default of 50 rows a page.
  input: z.object({ ...paging, pageSize: paging.pageSize.unwrap().default(50) }).strict(),
  async run({ db, actor }, input): Promise<{ items: GuaranteeOut[]; total: number }> {
    let q = db
      .selectFrom('guarantees as g')
      .innerJoin('loans as l', (j) =>
        j.onRef('l.region_code', '=', 'g.region_code').onRef('l.id', '=', 'g.loan_id'),
      )
      .where('g.region_code', '=', actor.regionCode);
    if (actor.role === 'guarantor') q = q.where('g.guarantor_id', '=', actor.institutionId ?? '-');
    const [rows, count] = await Promise.all([
      q
        .selectAll('g')
        .select('l.contract_no as loan_contract_no')
        .orderBy('g.start_date', 'desc')
        .orderBy('g.id')
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => guaranteeOut(r, r.loan_contract_no)),
      total: Number(count.n),
    };
  },
});

export interface GuaranteeDetail extends GuaranteeOut {
  years: { year: number; newAmount: string }[];
  events: { id: string; kind: string; occurredOn: string; amount: string; note: string | null }[];
}

export function detailOut(
  g: GuaranteeTable,
  loanContractNo: string,
  years: readonly GuaranteeYearTable[],
  events: readonly GuaranteeEventTable[],
): GuaranteeDetail {
  return {
    ...guaranteeOut(g, loanContractNo),
    years: years.map((y) => ({
      year: y.year,
      newAmount: fenToYuanString(Number(y.new_amount) as Fen),
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      occurredOn: e.occurred_on,
      amount: fenToYuanString(Number(e.amount) as Fen),
      note: e.note,
    })),
  };
}

export async function loadDetail(
  db: Kysely<Database>,
  actor: Actor,
  guaranteeId: string,
): Promise<GuaranteeDetail> {
  const g = await loadGuarantee(db, actor, guaranteeId);
  const [loan, years, events] = await Promise.all([
    db
      .selectFrom('loans')
      .select('contract_no')
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', g.loan_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('guarantee_years')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('guarantee_id', '=', g.id)
      .orderBy('year')
      .execute(),
    db
      .selectFrom('guarantee_events')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('guarantee_id', '=', g.id)
      .orderBy('occurred_on')
      .orderBy('id')
      .execute(),
  ]);
  return detailOut(g, loan.contract_no, years, events);
}

export const getGuarantee = defineUseCase({
  name: 'guarantee.get',
  roles: GUARANTEE_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({ id }).strict(),
  async run({ db, actor }, input): Promise<GuaranteeDetail> {
    return loadDetail(db, actor, input.id);
  },
});
