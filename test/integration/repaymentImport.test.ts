import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { getLoan, type LoanDetail } from '../../src/app/loans/loanDetail.ts';
import { importRepayments } from '../../src/app/loans/repaymentImport.ts';
import { recordRepayment } from '../../src/app/loans/repayments.ts';
import type { ImportMode, ImportReport } from '../../src/app/register/importHouseholds.ts';
import { ImportSource } from '../../src/app/register/importHouseholds.ts';
import { execute } from '../../src/app/useCase.ts';
import { buildServer, SESSION_COOKIE } from '../../src/http/server.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { auditRows, auditSince, Clock, dump, type Table } from './helpers.ts';
import { INDUSTRY, poorHousehold, product } from './loanSetup.ts';

/**
 * Banks' repayment files (issue 4 §5): dry run, all-or-nothing commit through the same
 * allocation as a payment recorded by hand, idempotent by the bank's transaction id,
 * every bad row named by row and field, scope, encodings and formats, and the HTTP route.
 */
const DIR = mkdtempSync(join(tmpdir(), 'jinfu-repay-test-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
let fileNo = 0;
const HEADER = ['合同编号', '交易流水号', '还款日期', '还款金额', '备注'];
type Line = [contractNo: string, txn: string, paidOn: string, amount: string, note?: string];
const csvOf = (lines: Line[]): string =>
  [HEADER, ...lines].map((cells) => cells.join(',')).join('\r\n') + '\r\n';
function writeCsv(lines: Line[], encoding: 'utf-8' | 'gbk' = 'utf-8'): string {
  const path = join(DIR, `f${++fileNo}.csv`);
  const text = csvOf(lines);
  writeFileSync(path, encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
  return path;
}

const LEDGER: readonly Table[] = ['repayments', 'loans', 'audit_log'];
const fenOf = (yuan: string): number => Math.round(Number(yuan) * 100);

describeEachDialect('repayment file import', (dialect) => {
  let t: TestApp;
  let admin: Actor;
  let icbc: Actor;
  let abc: Actor;
  let productId: string;
  let seq = 900;
  let contractSeq = 0;
  const run = (path: string, mode: ImportMode = 'dry-run', actor = icbc): Promise<ImportReport> =>
    execute(t.app, actor, importRepayments, { source: ImportSource.fromPath(path), mode });
  const detail = (who: Actor, id: string, asOf = '2018-12-31'): Promise<LoanDetail> =>
    execute(t.app, who, getLoan, { id, asOf });
  const count = async (): Promise<number> =>
    Number(
      (
        await t.app.store.db
          .selectFrom('repayments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** A 12,000 yuan, 12-month equal-principal loan disbursed on 2017-04-01. */
  const lent = async (who: Actor): Promise<{ id: string; contractNo: string }> => {
    const householdId = await poorHousehold(t.app, admin, ++seq);
    const contractNo = `RI-${dialect}-${++contractSeq}`;
    const l = await execute(t.app, who, applyForLoan, {
      productId,
      householdId,
      contractNo,
      amount: '12000',
      annualRate: '4.75',
      termMonths: 12,
      appliedOn: '2017-03-25',
    });
    await execute(t.app, who, approveLoan, { id: l.id });
    await execute(t.app, who, disburseLoan, {
      id: l.id,
      contractDate: '2017-04-01',
      disbursedOn: '2017-04-01',
    });
    return { id: l.id, contractNo };
  };

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    admin = (await actorFor(t.app, 'admin')).actor;
    icbc = (await actorFor(t.app, 'icbc')).actor;
    abc = (await actorFor(t.app, 'abc')).actor;
    productId = (await product(t.app, admin, { ...INDUSTRY, code: `RI-${dialect}` })).id;
  });
  afterAll(() => t.close());

  it('good file: dry run writes nothing, commit writes all, the same file again is all unchanged', async () => {
    const a = await lent(icbc);
    const b = await lent(icbc);
    const s = (await detail(icbc, a.id)).schedule;
    const path = writeCsv([
      // instalment 2 listed first: allocation follows the payment dates, not the file order
      [a.contractNo, `G-${dialect}-2`, s[1]!.dueDate, s[1]!.total, '第二期'],
      [a.contractNo, `G-${dialect}-1`, s[0]!.dueDate.replace(/-/g, '/'), s[0]!.total],
      [b.contractNo, `G-${dialect}-3`, '2017-04-15', '100.5', ''],
    ]);
    const before = await dump(t.app, ['repayments', 'loans']);
    const auditBefore = await auditRows(t.app);

    const dry = await run(path);
    expect(dry).toMatchObject({
      mode: 'dry-run',
      format: 'csv',
      encoding: 'utf-8',
      rows: 3,
      toInsert: 3,
      inserted: 0,
      unchanged: 0,
      committed: false,
      errorCount: 0,
      errors: [],
    });
    expect(await dump(t.app, ['repayments', 'loans'])).toEqual(before);

    const committed = await run(path, 'commit');
    expect(committed).toMatchObject({ toInsert: 3, inserted: 3, committed: true, errorCount: 0 });
    expect(await count()).toBe(before.repayments!.length + 3);
    const da = await detail(icbc, a.id);
    // each payment split exactly as its instalment: the first is the earlier date
    expect(da.repayments.map((r) => [r.bankTxnId, r.principal, r.interest, r.note])).toEqual([
      [`G-${dialect}-1`, s[0]!.principal, s[0]!.interest, null],
      [`G-${dialect}-2`, s[1]!.principal, s[1]!.interest, '第二期'],
    ]);
    expect(da.instalments.slice(0, 3)).toEqual([
      { n: 1, dueDate: s[0]!.dueDate, coveredOn: s[0]!.dueDate, onTime: true },
      { n: 2, dueDate: s[1]!.dueDate, coveredOn: s[1]!.dueDate, onTime: true },
      { n: 3, dueDate: s[2]!.dueDate, coveredOn: null, onTime: false },
    ]);
    // 100.50 on the second loan pays its first instalment's interest first, as by hand
    const db = await detail(icbc, b.id);
    const i1 = fenOf(db.schedule[0]!.interest);
    expect(db.repayments[0]).toMatchObject({
      amount: '100.50',
      interest: db.schedule[0]!.interest,
      principal: ((10050 - i1) / 100).toFixed(2),
      recordedBy: 'icbc',
    });

    const again = await run(path, 'commit');
    expect(again).toMatchObject({
      rows: 3,
      toInsert: 0,
      inserted: 0,
      unchanged: 3,
      committed: false,
      errorCount: 0,
    });
    expect(await count()).toBe(before.repayments!.length + 3);
    // one audit entry per job, keyed by the file's hash, with the counts
    const audit = await auditSince(t.app, auditBefore);
    expect(audit.map((e) => [e.action, e.entity, e.entity_id])).toEqual([
      ['loan.repayment-import', 'repayment_import', dry.sha256],
      ['loan.repayment-import', 'repayment_import', dry.sha256],
      ['loan.repayment-import', 'repayment_import', dry.sha256],
    ]);
    expect(JSON.parse(audit[1]!.detail_json!)).toMatchObject({
      mode: 'commit',
      rows: 3,
      inserted: 3,
      committed: true,
    });
    expect(JSON.parse(audit[2]!.detail_json!)).toMatchObject({ unchanged: 3, inserted: 0 });
  });

  it('every bad row is named by row and field; neither dry run nor commit writes a payment', async () => {
    const a = await lent(icbc);
    const s = (await detail(icbc, a.id)).schedule;
    await execute(t.app, icbc, recordRepayment, {
      id: a.id,
      paidOn: '2017-04-10',
      amount: '10',
      bankTxnId: `HAND-${dialect}`,
    });
    const c = a.contractNo;
    const path = writeCsv([
      [c, `B-${dialect}-1`, s[0]!.dueDate, '50'], // row 2: good
      ['NO-SUCH-CONTRACT', `B-${dialect}-2`, '2017-05-01', '50'], // 3
      [c, `B-${dialect}-3`, '2017-03-31', '50'], // 4: before disbursement
      [c, `B-${dialect}-4`, '2017-05-01', '12.345'], // 5: three decimals
      [c, `B-${dialect}-5`, '2017-05-01', '-5'], // 6: negative
      [c, `B-${dialect}-6`, '2017-05-01', '0'], // 7: zero
      [c, `B-${dialect}-7`, '2017-02-30', '50'], // 8: no such date
      [c, `B-${dialect}-1`, '2017-05-02', '50'], // 9: txn repeats row 2
      [c, `B-${dialect}-9`, '2017-06-01', '999999'], // 10: more than owed
      [c, `HAND-${dialect}`, '2017-04-10', '11'], // 11: recorded txn, other content
      [c, `HAND-${dialect}`.padEnd(70, 'x'), '2017-05-01', '50'], // 12: txn too long
      [c, `B-${dialect}-13`, '2017-03-01', '1.001'], // 13: before disbursement and 3 decimals
    ]);
    const before = await dump(t.app, LEDGER);
    const expected = [
      { row: 3, field: 'contractNo', code: 'unknown_contract' },
      { row: 4, field: 'paidOn', code: 'before_disbursement' },
      { row: 5, field: 'amount', code: 'invalid_amount' },
      { row: 6, field: 'amount', code: 'not_positive' },
      { row: 7, field: 'amount', code: 'not_positive' },
      { row: 8, field: 'paidOn', code: 'invalid_date' },
      { row: 9, field: 'bankTxnId', code: 'duplicate_bank_txn' },
      { row: 10, field: 'amount', code: 'exceeds_owed' },
      { row: 11, field: 'bankTxnId', code: 'bank_txn_conflict' },
      { row: 12, field: 'bankTxnId', code: 'too_long' },
      { row: 13, field: 'amount', code: 'invalid_amount' },
      { row: 13, field: 'paidOn', code: 'before_disbursement' },
    ];
    for (const mode of ['dry-run', 'commit'] as const) {
      const r = await run(path, mode);
      expect(r.errors.map((e) => ({ row: e.row, field: e.field, code: e.code }))).toEqual(expected);
      for (const e of r.errors) {
        expect(e.message_zh).toContain(`第 ${e.row} 行`);
        expect(e.message_en).toContain(`Row ${e.row}, ${e.field}`);
      }
      expect(r).toMatchObject({ rows: 12, inserted: 0, committed: false, errorCount: 12 });
    }
    const after = await dump(t.app, LEDGER);
    expect(after.repayments).toEqual(before.repayments);
    expect(after.loans).toEqual(before.loans);
    // only the two jobs' own audit entries
    expect(after.audit_log!.length).toBe(before.audit_log!.length + 2);
  });

  it('a GBK CSV and an .xlsx with date and number cells', async () => {
    const a = await lent(icbc);
    const gbk = writeCsv([[a.contractNo, `GBK-${dialect}`, '2017-04-20', '30', '中文备注']], 'gbk');
    const r1 = await run(gbk, 'commit');
    expect(r1).toMatchObject({ encoding: 'gb18030', inserted: 1, errorCount: 0 });

    const xlsx = join(DIR, `f${++fileNo}.xlsx`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('还款明细');
    ws.addRow(['某某银行还款明细']); // a title row above the header
    ws.addRow(HEADER);
    ws.addRow([a.contractNo, `XLSX-${dialect}`, new Date(Date.UTC(2017, 3, 25)), 20.25, '']);
    await wb.xlsx.writeFile(xlsx);
    const r2 = await run(xlsx, 'commit');
    expect(r2).toMatchObject({ format: 'xlsx', rows: 1, inserted: 1, errorCount: 0 });
    const d = await detail(icbc, a.id);
    expect(d.repayments.map((r) => [r.bankTxnId, r.paidOn, r.amount, r.note])).toEqual([
      [`GBK-${dialect}`, '2017-04-20', '30.00', '中文备注'],
      [`XLSX-${dialect}`, '2017-04-25', '20.25', null],
    ]);
  });

  it('scope: ICBC importing an ABC loan reads exactly like an unknown contract', async () => {
    const abcLoan = await lent(abc);
    const before = await dump(t.app, ['repayments', 'loans']);
    const r = await run(
      writeCsv([
        [abcLoan.contractNo, `S-${dialect}-1`, '2017-05-01', '50'],
        ['RI-NEVER', `S-${dialect}-2`, '2017-05-01', '50'],
      ]),
      'commit',
    );
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'contractNo', 'unknown_contract'],
      [3, 'contractNo', 'unknown_contract'],
    ]);
    const [x, y] = r.errors;
    expect(x!.message_en.replace(abcLoan.contractNo, '#').replace('Row 2', 'Row')).toBe(
      y!.message_en.replace('RI-NEVER', '#').replace('Row 3', 'Row'),
    );
    expect(x!.message_zh.replace(abcLoan.contractNo, '#').replace('第 2 行', '')).toBe(
      y!.message_zh.replace('RI-NEVER', '#').replace('第 3 行', ''),
    );
    expect(await dump(t.app, ['repayments', 'loans'])).toEqual(before);
    // the bank's own officer imports it
    expect(
      await run(
        writeCsv([[abcLoan.contractNo, `S-${dialect}-1`, '2017-05-01', '50']]),
        'commit',
        abc,
      ),
    ).toMatchObject({ inserted: 1 });
  });

  it('streams: a repeat 1,500 rows later is still found, and the file writes nothing', async () => {
    const a = await lent(icbc);
    // rows 2–1601: 1,600 payments of 1.00 yuan on 2017-04-10, more than one read batch
    const lines: Line[] = Array.from({ length: 1600 }, (_, i) => [
      a.contractNo,
      `ST-${dialect}-${i}`,
      '2017-04-10',
      '1.00',
    ]);
    lines.push([a.contractNo, `ST-${dialect}-0`, '2017-04-11', '1.00']); // row 1602 repeats row 2
    const before = await dump(t.app, ['repayments', 'loans']);
    const r = await run(writeCsv(lines), 'commit');
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [1602, 'bankTxnId', 'duplicate_bank_txn'],
    ]);
    expect(r.errors[0]!.message_en).toContain('repeats row 2');
    expect(r).toMatchObject({ rows: 1601, toInsert: 1600, inserted: 0, committed: false });
    expect(await dump(t.app, ['repayments', 'loans'])).toEqual(before);
    // the staged rows went with the job
    expect(await t.app.store.db.selectFrom('repayment_import_rows').selectAll().execute()).toEqual(
      [],
    );
  });

  it('a problem found after earlier loans were written rolls them all back', async () => {
    // 501 loans: allocation saves loans in rounds of 500, so the last loan (the highest
    // id) is allocated after the first 500 were written. Its payment exceeds what it owes.
    const model = await lent(icbc);
    const db = t.app.store.db;
    const loan = await db
      .selectFrom('loans')
      .selectAll()
      .where('id', '=', model.id)
      .executeTakeFirstOrThrow();
    const schedule = await db
      .selectFrom('loan_schedule_rows')
      .selectAll()
      .where('loan_id', '=', model.id)
      .execute();
    // ids that sort after the model's, in order
    const ids = Array.from({ length: 500 }, (_, i) => `${model.id}-${String(i).padStart(3, '0')}`);
    const clones = ids.map((_, i) => `${model.contractNo}-C${i}`);
    await db
      .insertInto('loans')
      .values(ids.map((id, i) => ({ ...loan, id, contract_no: clones[i]! })))
      .execute();
    const rows = ids.flatMap((id) => schedule.map((s) => ({ ...s, loan_id: id })));
    for (let i = 0; i < rows.length; i += 2000) {
      await db
        .insertInto('loan_schedule_rows')
        .values(rows.slice(i, i + 2000))
        .execute();
    }
    const lines: Line[] = [model.contractNo, ...clones].map((c, i) => [
      c,
      `RB-${dialect}-${i}`,
      '2017-04-10',
      i === 500 ? '99999' : '1.00',
    ]);
    const before = await dump(t.app, ['repayments', 'loans']);
    const r = await run(writeCsv(lines), 'commit');
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [502, 'amount', 'exceeds_owed'],
    ]);
    expect(r).toMatchObject({ rows: 501, toInsert: 500, inserted: 0, committed: false });
    expect(await dump(t.app, ['repayments', 'loans'])).toEqual(before);
  });

  it('over HTTP: dry run, commit, a refused commit (422) and a role outside (403)', async () => {
    const a = await lent(icbc);
    const server = await buildServer(t.app);
    try {
      const headers = async (user: string) => ({
        cookie: `${SESSION_COOKIE}=${(await actorFor(t.app, user)).token}`,
        'content-type': 'text/csv',
        'x-file-name': encodeURIComponent('工行还款.csv'),
      });
      const good = csvOf([[a.contractNo, `H-${dialect}-1`, '2017-05-01', '50']]);
      const post = async (mode: string, payload: string, user = 'icbc') =>
        server.inject({
          method: 'POST',
          url: `/api/v1/imports/repayments?mode=${mode}`,
          headers: await headers(user),
          payload,
        });
      const dry = await post('dry-run', good);
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ mode: 'dry-run', fileName: '工行还款.csv', toInsert: 1 });
      const refused = await post(
        'commit',
        csvOf([[a.contractNo, `H-${dialect}-2`, '2017-05-01', '1.001']]),
      );
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        errors: [{ row: 2, field: 'amount', code: 'invalid_amount' }],
      });
      const committed = await post('commit', good);
      expect(committed.statusCode).toBe(200);
      expect(committed.json()).toMatchObject({ inserted: 1, committed: true });
      expect((await post('commit', good, 'baima')).statusCode).toBe(403);
    } finally {
      await server.close();
    }
  });
});
