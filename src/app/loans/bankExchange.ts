import { z } from 'zod';
import type { Kysely } from 'kysely';
import { maskResidentId } from '../../core/identity/mask.ts';
import { residentIdProblem } from '../../core/identity/residentId.ts';
import type { Database, ExchangeReportTable, PovertyStatus } from '../../store/schema.ts';
import { canSeeTownship } from '../actor.ts';
import { notFound } from '../errors.ts';
import { DISTRICT_ROLES } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { paging, type Page } from '../validation.ts';

/**
 * Bank data exchange (art. 32, issue 4 item 8; docs/decisions/0009), first half: a bank
 * officer downloads the registered-poor households of the townships its bank serves, to
 * match against its own customers; and anyone entitled lists the stored reconciliation
 * reports. The ledger upload that produces them is in bankExchangeLedger.ts.
 */

export interface PoorListEntry {
  householdNo: string;
  townshipCode: string;
  villageCode: string;
  headName: string;
  /** Full: the bank matches its customers by it (see ADR 0009); every download is audited. */
  headIdNumber: string;
  status: PovertyStatus;
  statusFrom: string;
}

export interface PoorList {
  institutionId: string | null;
  /** The day the list was taken: registered poor as the register stands then. */
  asOf: string;
  townships: string[];
  items: PoorListEntry[];
}

export const downloadPoorList = defineUseCase({
  name: 'loan.exchange.poor-list',
  roles: ['bank_officer'],
  scope: 'institution',
  // Not a change, but every download of full resident IDs leaves an audit entry.
  writes: true,
  input: z.object({ township: z.string().trim().min(1).max(32).optional() }).strict(),
  async run({ db, actor, now, audit }, input): Promise<PoorList> {
    const served = actor.townships === 'all' ? null : [...actor.townships];
    // A township outside the bank's area reads like one with nobody registered poor.
    const townships = input.township
      ? canSeeTownship(actor, input.township)
        ? [input.township]
        : []
      : served;
    let items: PoorListEntry[] = [];
    if (townships === null || townships.length > 0) {
      let q = db
        .selectFrom('households as h')
        .select([
          'h.id',
          'h.household_no',
          'h.township_code',
          'h.village_code',
          'h.head_name',
          'h.head_id_number',
          'h.poverty_status',
        ])
        .where('h.region_code', '=', actor.regionCode)
        .where('h.poverty_status', '=', 'registered_poor');
      if (townships !== null) q = q.where('h.township_code', 'in', townships);
      const rows = await q.orderBy('h.township_code').orderBy('h.household_no').execute();
      const since = await latestFrom(
        db,
        actor.regionCode,
        rows.map((r) => r.id),
      );
      items = rows.map((r) => ({
        householdNo: r.household_no,
        townshipCode: r.township_code,
        villageCode: r.village_code,
        headName: r.head_name,
        headIdNumber: r.head_id_number,
        status: r.poverty_status,
        statusFrom: since.get(r.id) ?? '',
      }));
    }
    const list: PoorList = {
      institutionId: actor.institutionId,
      asOf: now.toISOString().slice(0, 10),
      townships: townships ?? ['all'],
      items,
    };
    await audit({
      action: 'loan.exchange.poor-list',
      entity: 'institution',
      entityId: actor.institutionId,
      // What left the platform, without repeating the identifiers in the log.
      detail: {
        asOf: list.asOf,
        townships: list.townships,
        households: items.length,
        fullResidentIds: true,
      },
    });
    return list;
  },
});

/** Each household's current status entry's effective date, in batches of 500 ids. */
async function latestFrom(
  db: Kysely<Database>,
  regionCode: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('poverty_status_history')
      .select(['household_id', (eb) => eb.fn.max('effective_from').as('from')])
      .where('region_code', '=', regionCode)
      .where('household_id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'registered_poor')
      .groupBy('household_id')
      .execute();
    for (const r of rows) out.set(r.household_id, String(r.from));
  }
  return out;
}

/** Who reads reconciliation reports: the bank its own, district roles all. */
const EXCHANGE_READERS = [...DISTRICT_ROLES, 'bank_officer'] as const;

export interface ExchangeReport {
  id: string;
  institutionId: string;
  asOf: string;
  fileName: string;
  sha256: string;
  rows: number;
  matched: number;
  onlyInLedger: number;
  onlyInJinfu: number;
  differing: number;
  uploadedBy: string;
  uploadedAt: string;
}

function reportOut(r: ExchangeReportTable): ExchangeReport {
  return {
    id: r.id,
    institutionId: r.institution_id,
    asOf: r.as_of,
    fileName: r.file_name,
    sha256: r.sha256,
    rows: r.rows,
    matched: r.matched,
    onlyInLedger: r.only_in_ledger,
    onlyInJinfu: r.only_in_jinfu,
    differing: r.differing,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  };
}

export const listExchangeReports = defineUseCase({
  name: 'loan.exchange.reports',
  roles: EXCHANGE_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({ ...paging }).strict(),
  async run({ db, actor }, input): Promise<Page<ExchangeReport>> {
    let q = db.selectFrom('exchange_reports').where('region_code', '=', actor.regionCode);
    if (actor.role === 'bank_officer')
      q = q.where('institution_id', '=', actor.institutionId ?? '-');
    const { n } = await q
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('uploaded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map(reportOut),
      total: Number(n),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

export interface Mismatch {
  seq: number;
  kind: 'only_in_ledger' | 'only_in_jinfu' | 'differs';
  code: string;
  row: number | null;
  field: string | null;
  contractNo: string;
  loanId: string | null;
  townshipCode: string | null;
  ledgerValue: string | null;
  jinfuValue: string | null;
  message_zh: string;
  message_en: string;
}

const FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  residentId: { zh: '身份证号', en: 'resident ID' },
  amount: { zh: '贷款金额', en: 'amount' },
  disbursedOn: { zh: '放款日期', en: 'disbursement date' },
  maturityDate: { zh: '到期日期', en: 'maturity date' },
  balance: { zh: '贷款余额', en: 'balance' },
};

/** The sentence a mismatch reads as, in both languages. */
export function mismatchMessage(m: Omit<Mismatch, 'message_zh' | 'message_en'>): {
  message_zh: string;
  message_en: string;
} {
  const at = m.row === null ? '' : `第 ${m.row} 行：`;
  const atEn = m.row === null ? '' : `Row ${m.row}: `;
  if (m.kind === 'only_in_jinfu') {
    return {
      message_zh: `合同 ${m.contractNo} 在金扶有余额 ${m.jinfuValue} 元，但银行台账中没有`,
      message_en: `contract ${m.contractNo} has a balance of ${m.jinfuValue} yuan in Jinfu but is not in the bank's ledger`,
    };
  }
  if (m.kind === 'only_in_ledger') {
    return m.code === 'unknown_resident'
      ? {
          message_zh: `${at}合同 ${m.contractNo} 的借款人身份证号 ${m.ledgerValue} 不在金扶登记册中`,
          message_en: `${atEn}contract ${m.contractNo}: borrower resident ID ${m.ledgerValue} is not in Jinfu's register`,
        }
      : {
          message_zh: `${at}合同 ${m.contractNo} 在银行台账中，但金扶没有这笔贷款`,
          message_en: `${atEn}contract ${m.contractNo} is in the bank's ledger but not in Jinfu`,
        };
  }
  const f = FIELD_NAMES[m.field ?? ''] ?? { zh: m.field ?? '', en: m.field ?? '' };
  return {
    message_zh: `${at}合同 ${m.contractNo} 的【${f.zh}】不一致：银行台账 ${m.ledgerValue}，金扶 ${m.jinfuValue}`,
    message_en: `${atEn}contract ${m.contractNo}: ${f.en} differs: ledger ${m.ledgerValue}, Jinfu ${m.jinfuValue}`,
  };
}

export const listMismatches = defineUseCase({
  name: 'loan.exchange.mismatches',
  roles: EXCHANGE_READERS,
  scope: 'institution',
  writes: false,
  input: z
    .object({
      reportId: z.string().trim().min(1).max(64),
      kind: z.enum(['only_in_ledger', 'only_in_jinfu', 'differs']).optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<Mismatch> & { report: ExchangeReport }> {
    const report = await db
      .selectFrom('exchange_reports')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.reportId)
      .executeTakeFirst();
    if (!report || (actor.role === 'bank_officer' && report.institution_id !== actor.institutionId))
      throw notFound('report');
    let q = db
      .selectFrom('exchange_mismatches')
      .where('region_code', '=', actor.regionCode)
      .where('report_id', '=', report.id);
    if (input.kind) q = q.where('kind', '=', input.kind);
    const { n } = await q
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('seq')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      report: reportOut(report),
      items: rows.map((r) => {
        const m = {
          seq: r.seq,
          kind: r.kind,
          code: r.code,
          row: r.row,
          field: r.field,
          contractNo: r.contract_no,
          loanId: r.loan_id,
          townshipCode: r.township_code,
          ledgerValue: r.ledger_value,
          jinfuValue: r.jinfu_value,
        };
        return { ...m, ...mismatchMessage(m) };
      }),
      total: Number(n),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

/** Masks a resident ID for a stored report; anything not an ID is shown as it came. */
export function maskedId(value: string): string {
  return residentIdProblem(value) === null ? maskResidentId(value) : value;
}
