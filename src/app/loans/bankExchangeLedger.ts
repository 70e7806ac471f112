import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { residentIdProblem } from '../../core/identity/residentId.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { Database, ExchangeMismatchTable, LoanTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { newId } from '../ids.ts';
import type { ColumnSpec } from '../register/import/columns.ts';
import { importJobAudit } from '../register/import/importJobAudit.ts';
import { ImportSource } from '../register/import/importSource.ts';
import { ProblemList } from '../register/import/problems.ts';
import { tempDir } from '../register/import/spool.ts';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_LISTED_ERRORS,
  type ImportReport,
} from '../register/importHouseholds.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { maskedId, mismatchMessage, type Mismatch } from './bankExchange.ts';
import {
  dateCell,
  readBankFile,
  rowProblem,
  textCell,
  yuanCell,
  type BankRow,
} from './bankExchangeFile.ts';

/**
 * A bank's loan ledger (art. 32; docs/decisions/0009): one row per contract with the
 * borrower's resident ID, amount, dates and balance, streamed through the same readers
 * as the repayment file. Every cell is checked (bilingual, by row and field); a file with
 * any bad cell stores nothing. Otherwise the rows are matched with the bank's loans in
 * Jinfu by contract number and compared (resident ID, amount, disbursement and maturity
 * dates, balance on the ledger's date), and the bank's loans with a balance in Jinfu that
 * the ledger does not list are added: a mismatch report both ways, stored on commit.
 * The same file from the same bank again answers the stored report.
 */

export const LEDGER_COLUMNS = [
  { key: 'contractNo', zh: '合同编号', aliases: ['contract_no', 'contract'], required: true },
  {
    key: 'residentId',
    zh: '身份证号',
    aliases: ['借款人身份证号', 'resident_id', 'id_number'],
    required: true,
  },
  { key: 'borrowerName', zh: '借款人姓名', aliases: ['姓名', 'name'], required: false },
  { key: 'amount', zh: '贷款金额', aliases: ['合同金额', 'amount_yuan'], required: true },
  { key: 'disbursedOn', zh: '放款日期', aliases: ['disbursed_on'], required: true },
  { key: 'maturityDate', zh: '到期日期', aliases: ['maturity_date'], required: true },
  { key: 'balance', zh: '贷款余额', aliases: ['余额', 'balance_yuan'], required: true },
  { key: 'balanceOn', zh: '余额日期', aliases: ['数据日期', 'balance_on'], required: false },
] as const satisfies readonly ColumnSpec[];

type Column = (typeof LEDGER_COLUMNS)[number]['key'];
const ZH = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c.zh])) as Record<Column, string>;
const BATCH = 1000;
const MAX_TEXT = 64;

export interface LedgerReport extends ImportReport {
  /** The stored report (commit), or null on a dry run or a refused file. */
  reportId: string | null;
  /** The ledger's date: the latest balance date in it (the upload day when it names none). */
  asOf: string | null;
  matched: number;
  onlyInLedger: number;
  onlyInJinfu: number;
  differing: number;
  /** The first IMPORT_MAX_LISTED_ERRORS mismatches. */
  mismatches: Mismatch[];
}

interface LedgerRow {
  row: number;
  contractNo: string;
  residentId: string;
  amount: Fen;
  disbursedOn: IsoDate;
  maturityDate: IsoDate;
  balance: Fen;
  balanceOn: IsoDate;
}

export const uploadLedger = defineUseCase({
  name: 'loan.exchange.ledger-upload',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      source: z.custom<ImportSource>((v) => v instanceof ImportSource, {
        message: bilingual('请提供要上传的台账文件', 'a ledger file to upload is required'),
      }),
      mode: z
        .enum(['dry-run', 'commit'], {
          message: bilingual('mode 应为 dry-run 或 commit', 'mode must be dry-run or commit'),
        })
        .default('dry-run'),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<LedgerReport> {
    const tmp = await tempDir();
    try {
      const path = await input.source.toFile(tmp.dir, IMPORT_MAX_BYTES);
      const problems = new ProblemList(IMPORT_MAX_LISTED_ERRORS);
      const today = now.toISOString().slice(0, 10) as IsoDate;
      const recon = new Reconciliation(db, actor, today);
      const seenContracts = new Map<string, number>();
      const info = await readBankFile(path, LEDGER_COLUMNS, problems, BATCH, async (batch) => {
        const rows = batch.flatMap((r) => {
          const parsed = readRow(r, problems, today, seenContracts);
          return parsed ? [parsed] : [];
        });
        // Once the file is refused nothing is compared: only its cells are still checked.
        if (problems.total === 0) await recon.compare(rows);
      });
      const report: LedgerReport = {
        mode: input.mode,
        fileName: input.source.name,
        format: info.format,
        encoding: info.encoding,
        sha256: info.sha256,
        rows: info.rows,
        toInsert: 0,
        inserted: 0,
        unchanged: 0,
        committed: false,
        errorCount: problems.total,
        errors: problems.sorted(),
        ignoredColumns: info.ignoredColumns,
        reportId: null,
        asOf: null,
        matched: 0,
        onlyInLedger: 0,
        onlyInJinfu: 0,
        differing: 0,
        mismatches: [],
      };
      if (problems.total === 0) {
        await recon.finish();
        const asOf = recon.asOf;
        Object.assign(report, {
          asOf,
          matched: recon.matched,
          onlyInLedger: recon.count('only_in_ledger'),
          onlyInJinfu: recon.count('only_in_jinfu'),
          differing: recon.count('differs'),
          toInsert: info.rows,
          mismatches: recon.mismatches.slice(0, IMPORT_MAX_LISTED_ERRORS).map((m) => ({
            ...m,
            ...mismatchMessage(m),
          })),
        });
        const earlier = await db
          .selectFrom('exchange_reports')
          .select('id')
          .where('region_code', '=', actor.regionCode)
          .where('institution_id', '=', actor.institutionId ?? '-')
          .where('sha256', '=', info.sha256)
          .where('as_of', '=', asOf)
          .executeTakeFirst();
        if (earlier) {
          // The same file again: its stored report stands (compare with the report's list).
          report.reportId = earlier.id;
          report.unchanged = info.rows;
          report.toInsert = 0;
        } else if (input.mode === 'commit') {
          report.reportId = await recon.store(input.source.name, info.sha256, info.rows, now);
          report.inserted = info.rows;
          report.committed = true;
        }
      }
      await audit({
        ...importJobAudit('loan.exchange.ledger-upload', 'ledger_upload', report, {
          username: actor.username,
          role: actor.role,
          institutionId: actor.institutionId,
        }),
      });
      return report;
    } finally {
      await tmp.dispose();
    }
  },
});

function readRow(
  r: BankRow<Column>,
  problems: ProblemList,
  today: IsoDate,
  seen: Map<string, number>,
): LedgerRow | null {
  let ok = true;
  const bad = (field: string, code: string, zh: string, en: string): void => {
    ok = false;
    problems.add(rowProblem(r.row, field, ZH[field as Column], code, zh, en));
  };
  const contractNo = textCell(r.cell('contractNo'), 'contractNo', bad, MAX_TEXT);
  if (contractNo !== undefined) {
    const first = seen.get(contractNo);
    if (first !== undefined) {
      bad(
        'contractNo',
        'duplicate_contract',
        `合同编号 ${contractNo} 与第 ${first} 行重复`,
        `contract number ${contractNo} repeats row ${first}`,
      );
    } else seen.set(contractNo, r.row);
  }
  const residentId = r.cell('residentId').toUpperCase();
  const idProblem = residentIdProblem(residentId);
  if (idProblem !== null) {
    bad(
      'residentId',
      'invalid_resident_id',
      '应为有效的18位居民身份证号码（出生日期、校验位正确）',
      'must be a valid 18-character resident ID number (birth date and check character)',
    );
  }
  const amount = yuanCell(r.cell('amount'), 'amount', bad, true);
  const disbursedOn = dateCell(r.cell('disbursedOn'), 'disbursedOn', bad);
  const maturityDate = dateCell(r.cell('maturityDate'), 'maturityDate', bad);
  const balance = yuanCell(r.cell('balance'), 'balance', bad, false);
  const rawOn = r.cell('balanceOn');
  const balanceOn = rawOn === '' ? today : dateCell(rawOn, 'balanceOn', bad);
  if (amount !== undefined && balance !== undefined && balance > amount) {
    bad(
      'balance',
      'balance_exceeds_amount',
      '余额不能大于贷款金额',
      'must not be more than the loan amount',
    );
  }
  if (!ok) return null;
  return {
    row: r.row,
    contractNo: contractNo!,
    residentId,
    amount: amount!,
    disbursedOn: disbursedOn!,
    maturityDate: maturityDate!,
    balance: balance!,
    balanceOn: balanceOn!,
  };
}

type Found = Omit<Mismatch, 'message_zh' | 'message_en'>;
const yuan = (v: number): string => fenToYuanString(v as Fen);

/** The comparison's state: mismatches so far and the ids of the loans the ledger named. */
class Reconciliation {
  readonly mismatches: Found[] = [];
  readonly seen = new Set<string>();
  matched = 0;
  asOf: IsoDate;
  private readonly institution: string;
  private anyDate = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly actor: Actor,
    today: IsoDate,
  ) {
    this.institution = actor.institutionId ?? '-';
    this.asOf = today;
  }

  count(kind: Found['kind']): number {
    return this.mismatches.filter((m) => m.kind === kind).length;
  }

  private add(m: Omit<Found, 'seq'>): void {
    this.mismatches.push({ seq: this.mismatches.length + 1, ...m });
  }

  async compare(rows: readonly LedgerRow[]): Promise<void> {
    if (!rows.length) return;
    const { db, actor } = this;
    for (const r of rows) {
      if (!this.anyDate || r.balanceOn > this.asOf) this.asOf = r.balanceOn;
      this.anyDate = true;
    }
    const ids = [...new Set(rows.map((r) => r.residentId))];
    const [loans, heads, members] = await Promise.all([
      db
        .selectFrom('loans as l')
        .innerJoin('households as h', (j) =>
          j.onRef('h.region_code', '=', 'l.region_code').onRef('h.id', '=', 'l.household_id'),
        )
        .selectAll('l')
        .select('h.head_id_number')
        .where('l.region_code', '=', actor.regionCode)
        .where(
          'l.contract_no',
          'in',
          rows.map((r) => r.contractNo),
        )
        .execute()
        // by the unique contract number; another bank's contract is simply not found
        .then((found) => found.filter((l) => l.institution_id === this.institution)),
      db
        .selectFrom('households')
        .select('head_id_number as id')
        .where('region_code', '=', actor.regionCode)
        .where('head_id_number', 'in', ids)
        .execute(),
      db
        .selectFrom('household_members')
        .select('id_number as id')
        .where('region_code', '=', actor.regionCode)
        .where('id_number', 'in', ids)
        .execute(),
    ]);
    const known = new Set([...heads, ...members].map((x) => x.id));
    const byContract = new Map(loans.map((l) => [l.contract_no, l]));
    const paid = await principalPaid(
      db,
      actor.regionCode,
      loans.map((l) => l.id),
    );
    for (const r of rows) {
      const loan = byContract.get(r.contractNo);
      if (!loan) {
        const unknown = !known.has(r.residentId);
        this.add({
          kind: 'only_in_ledger',
          code: unknown ? 'unknown_resident' : 'unknown_contract',
          row: r.row,
          field: unknown ? 'residentId' : 'contractNo',
          contractNo: r.contractNo,
          loanId: null,
          townshipCode: null,
          ledgerValue: unknown ? maskedId(r.residentId) : r.contractNo,
          jinfuValue: null,
        });
        continue;
      }
      this.seen.add(loan.id);
      const balance = balanceOn(loan, paid.get(loan.id) ?? [], r.balanceOn);
      const diffs: [string, string, string | null][] = [
        ['residentId', maskedId(r.residentId), maskedId(loan.head_id_number)],
        ['amount', yuan(r.amount), yuan(Number(loan.amount))],
        ['disbursedOn', r.disbursedOn, loan.disbursed_on],
        ['maturityDate', r.maturityDate, loan.maturity_date],
        ['balance', yuan(r.balance), balance === null ? null : yuan(balance)],
      ];
      const before = this.mismatches.length;
      for (const [field, ledgerValue, jinfuValue] of diffs) {
        const same =
          field === 'residentId'
            ? r.residentId === loan.head_id_number
            : ledgerValue === jinfuValue;
        if (same) continue;
        this.add({
          kind: 'differs',
          code: `${field}_differs`,
          row: r.row,
          field,
          contractNo: r.contractNo,
          loanId: loan.id,
          townshipCode: loan.township_code,
          ledgerValue,
          jinfuValue,
        });
      }
      if (this.mismatches.length === before) this.matched++;
    }
  }

  /** The bank's loans with a balance in Jinfu on the ledger's date that the ledger left out. */
  async finish(): Promise<void> {
    const { db, actor } = this;
    let after = '';
    for (;;) {
      const loans = await db
        .selectFrom('loans')
        .selectAll()
        .where('region_code', '=', actor.regionCode)
        .where('institution_id', '=', this.institution)
        .where('disbursed_on', '<=', this.asOf)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (!loans.length) break;
      after = loans[loans.length - 1]!.id;
      const unseen = loans.filter((l) => !this.seen.has(l.id));
      const paid = await principalPaid(
        db,
        actor.regionCode,
        unseen.map((l) => l.id),
      );
      for (const l of unseen) {
        const balance = balanceOn(l, paid.get(l.id) ?? [], this.asOf);
        if (balance === null || balance <= 0) continue;
        this.add({
          kind: 'only_in_jinfu',
          code: 'missing_from_ledger',
          row: null,
          field: null,
          contractNo: l.contract_no,
          loanId: l.id,
          townshipCode: l.township_code,
          ledgerValue: null,
          jinfuValue: yuan(balance),
        });
      }
    }
  }

  async store(fileName: string, sha256: string, rows: number, now: Date): Promise<string> {
    const { db, actor } = this;
    const id = newId(now.getTime());
    await db
      .insertInto('exchange_reports')
      .values({
        region_code: actor.regionCode,
        id,
        institution_id: this.institution,
        as_of: this.asOf,
        file_name: fileName,
        sha256,
        rows,
        matched: this.matched,
        only_in_ledger: this.count('only_in_ledger'),
        only_in_jinfu: this.count('only_in_jinfu'),
        differing: this.count('differs'),
        uploaded_by: actor.username,
        uploaded_at: now.toISOString(),
      })
      .execute();
    const values: ExchangeMismatchTable[] = this.mismatches.map((m) => ({
      region_code: actor.regionCode,
      report_id: id,
      seq: m.seq,
      kind: m.kind,
      code: m.code,
      row: m.row,
      field: m.field,
      contract_no: m.contractNo,
      loan_id: m.loanId,
      township_code: m.townshipCode,
      ledger_value: m.ledgerValue,
      jinfu_value: m.jinfuValue,
    }));
    // 12 columns a row: 1,000 rows stay below both dialects' parameter limits.
    for (let i = 0; i < values.length; i += 1000) {
      await db
        .insertInto('exchange_mismatches')
        .values(values.slice(i, i + 1000))
        .execute();
    }
    return id;
  }
}

/** Each loan's principal repayments, dated, for balances on any date. */
async function principalPaid(
  db: Kysely<Database>,
  regionCode: string,
  loanIds: readonly string[],
): Promise<Map<string, { paidOn: string; principal: number }[]>> {
  const out = new Map<string, { paidOn: string; principal: number }[]>();
  if (!loanIds.length) return out;
  const rows = await db
    .selectFrom('repayments')
    .select(['loan_id', 'paid_on', 'principal'])
    .where('region_code', '=', regionCode)
    .where('loan_id', 'in', loanIds)
    .execute();
  for (const r of rows) {
    const list = out.get(r.loan_id) ?? [];
    list.push({ paidOn: r.paid_on, principal: Number(r.principal) });
    out.set(r.loan_id, list);
  }
  return out;
}

/**
 * Jinfu's balance of a loan on a date: the amount less the principal repaid on or before
 * it; null when the loan was not disbursed by then.
 */
function balanceOn(
  loan: Pick<LoanTable, 'amount' | 'disbursed_on'>,
  paid: readonly { paidOn: string; principal: number }[],
  on: string,
): number | null {
  if (loan.disbursed_on === null || loan.disbursed_on > on) return null;
  return paid.reduce((s, p) => (p.paidOn <= on ? s - p.principal : s), Number(loan.amount));
}
