import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import {
  downloadPoorList,
  listExchangeReports,
  listMismatches,
} from '../../src/app/loans/bankExchange.ts';
import { uploadLedger, type LedgerReport } from '../../src/app/loans/bankExchangeLedger.ts';
import { createHousehold } from '../../src/app/register/households.ts';
import { ImportSource } from '../../src/app/register/importHouseholds.ts';
import { execute } from '../../src/app/useCase.ts';
import { buildServer, SESSION_COOKIE } from '../../src/http/server.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  auditRows,
  auditSince,
  BAIMA,
  Clock,
  dump,
  HOUPING,
  ICBC_SERVED,
  residentId,
} from './helpers.ts';
import { INDUSTRY, product } from './loanSetup.ts';

/**
 * Bank data exchange (art. 32, issue 4 item 8): the registered-poor list a bank downloads
 * (its townships only, full IDs, audited), and its loan ledger reconciled both ways
 * against Jinfu, with bad cells named by row and field and nothing stored for a bad file.
 */
const DIR = mkdtempSync(join(tmpdir(), 'jinfu-exchange-test-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
let fileNo = 0;
const HEADER = ['合同编号', '身份证号', '贷款金额', '放款日期', '到期日期', '贷款余额', '余额日期'];
function writeCsv(lines: string[][]): string {
  const path = join(DIR, `l${++fileNo}.csv`);
  writeFileSync(path, [HEADER, ...lines].map((c) => c.join(',')).join('\n') + '\n');
  return path;
}

describeEachDialect('bank data exchange', (dialect) => {
  let t: TestApp;
  let admin: Actor;
  let icbc: Actor;
  let abc: Actor;
  let productId: string;
  let seq = 800;

  const household = async (village = `${BAIMA}001`): Promise<{ id: string; idNumber: string }> => {
    const n = ++seq;
    const idNumber = residentId(n, '19700101');
    const h = await execute(t.app, admin, createHousehold, {
      householdNo: `EX-${dialect}-${n}`,
      villageCode: village,
      headName: `交换测试${n}`,
      headIdNumber: idNumber,
      povertyStatus: 'registered_poor',
      statusEffectiveFrom: '2016-01-01',
      statusSource: '建档立卡',
    });
    return { id: h.id, idNumber };
  };
  /** 12,000 yuan over 12 months, applied 2017-03-01, disbursed on `on`. */
  const lend = async (
    who: Actor,
    on = '2017-03-12',
  ): Promise<{ contractNo: string; idNumber: string; id: string }> => {
    const h = await household();
    const contractNo = `EX-${dialect}-${++seq}`;
    const l = await execute(t.app, who, applyForLoan, {
      productId,
      householdId: h.id,
      contractNo,
      amount: '12000',
      annualRate: '4.75',
      termMonths: 12,
      appliedOn: '2017-03-01',
    });
    await execute(t.app, who, approveLoan, { id: l.id });
    await execute(t.app, who, disburseLoan, { id: l.id, contractDate: on, disbursedOn: on });
    return { contractNo, idNumber: h.idNumber, id: l.id };
  };
  const upload = (path: string, mode = 'commit', who = icbc): Promise<LedgerReport> =>
    execute(t.app, who, uploadLedger, { source: ImportSource.fromPath(path), mode });

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    admin = (await actorFor(t.app, 'admin')).actor;
    icbc = (await actorFor(t.app, 'icbc')).actor;
    abc = (await actorFor(t.app, 'abc')).actor;
    productId = (await product(t.app, admin, { ...INDUSTRY, code: `EX-${dialect}` })).id;
  });
  afterAll(() => t.close());

  it('a bank downloads the registered poor of its own townships only, with full IDs, audited', async () => {
    const served = await household();
    const elsewhere = await household(`${HOUPING}001`);
    const audit = await auditRows(t.app);
    const list = await execute(t.app, icbc, downloadPoorList, {});
    expect(list.items.every((i) => ICBC_SERVED.includes(i.townshipCode))).toBe(true);
    expect(list.items.every((i) => i.status === 'registered_poor')).toBe(true);
    // the bank matches by the full number
    expect(list.items.find((i) => i.headIdNumber === served.idNumber)).toMatchObject({
      townshipCode: BAIMA,
      statusFrom: '2016-01-01',
    });
    expect(list.items.some((i) => i.headIdNumber === elsewhere.idNumber)).toBe(false);
    // asking for a township outside its area answers an empty list, like one with nobody
    const outside = await execute(t.app, icbc, downloadPoorList, { township: HOUPING });
    expect(outside.items).toEqual([]);
    const written = await auditSince(t.app, audit);
    expect(written.map((e) => [e.action, e.entity, e.entity_id])).toEqual([
      ['loan.exchange.poor-list', 'institution', icbc.institutionId],
      ['loan.exchange.poor-list', 'institution', icbc.institutionId],
    ]);
    const detail = JSON.parse(written[0]!.detail_json!) as { townships: string[] };
    expect(detail).toMatchObject({ households: list.items.length, fullResidentIds: true });
    expect([...detail.townships].sort()).toEqual([...ICBC_SERVED].sort());
    expect(JSON.parse(written[1]!.detail_json!)).toMatchObject({ households: 0, townships: [] });
    // the log says how many left, not who
    expect(written[0]!.detail_json).not.toContain(served.idNumber);
  });

  it('reconciles a ledger both ways and stores the report; the same file again answers it', async () => {
    const exact = await lend(icbc);
    const balance = await lend(icbc);
    const maturity = await lend(icbc);
    const someoneElse = await lend(icbc);
    const missing = await lend(icbc);
    await lend(icbc, '2017-04-15'); // disbursed after the ledger's date: not expected in it
    await lend(abc); // another bank's loan: never in ICBC's report
    const unregistered = residentId(999, '19600101');
    // 12 monthly instalments from 2017-03-12 mature on 2018-03-12; no payment was made
    // by 2017-03-31, so Jinfu's balance that day is the whole 12,000.00
    const path = writeCsv([
      [
        exact.contractNo,
        exact.idNumber,
        '12000',
        '2017-03-12',
        '2018-03-12',
        '12000',
        '2017-03-31',
      ],
      [
        balance.contractNo,
        balance.idNumber,
        '12000',
        '2017-03-12',
        '2018-03-12',
        '11500',
        '2017-03-31',
      ],
      [
        maturity.contractNo,
        maturity.idNumber,
        '12000',
        '2017-03-12',
        '2018-03-13',
        '12000',
        '2017-03-31',
      ],
      [
        someoneElse.contractNo,
        exact.idNumber,
        '12000',
        '2017-03-12',
        '2018-03-12',
        '12000',
        '2017-03-31',
      ],
      ['EX-NOT-IN-JINFU', exact.idNumber, '8000', '2017-03-01', '2018-03-01', '8000', '2017-03-31'],
      ['EX-STRANGER', unregistered, '8000', '2017-03-01', '2018-03-01', '8000', '2017-03-31'],
    ]);
    const dry = await upload(path, 'dry-run');
    expect(dry).toMatchObject({ reportId: null, committed: false, errorCount: 0, matched: 1 });
    expect(await t.app.store.db.selectFrom('exchange_reports').selectAll().execute()).toEqual([]);

    const r = await upload(path);
    expect(r).toMatchObject({
      asOf: '2017-03-31',
      rows: 6,
      matched: 1,
      onlyInLedger: 2,
      onlyInJinfu: 1,
      differing: 3,
      committed: true,
      errorCount: 0,
    });
    const mask = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
    expect(
      r.mismatches.map((m) => [
        m.kind,
        m.code,
        m.row,
        m.field,
        m.contractNo,
        m.ledgerValue,
        m.jinfuValue,
      ]),
    ).toEqual([
      ['differs', 'balance_differs', 3, 'balance', balance.contractNo, '11500.00', '12000.00'],
      [
        'differs',
        'maturityDate_differs',
        4,
        'maturityDate',
        maturity.contractNo,
        '2018-03-13',
        '2018-03-12',
      ],
      [
        'differs',
        'residentId_differs',
        5,
        'residentId',
        someoneElse.contractNo,
        mask(exact.idNumber),
        mask(someoneElse.idNumber),
      ],
      [
        'only_in_ledger',
        'unknown_contract',
        6,
        'contractNo',
        'EX-NOT-IN-JINFU',
        'EX-NOT-IN-JINFU',
        null,
      ],
      [
        'only_in_ledger',
        'unknown_resident',
        7,
        'residentId',
        'EX-STRANGER',
        mask(unregistered),
        null,
      ],
      ['only_in_jinfu', 'missing_from_ledger', null, null, missing.contractNo, null, '12000.00'],
    ]);
    expect(r.mismatches[0]!.message_zh).toContain('第 3 行');
    expect(r.mismatches[0]!.message_en).toContain('Row 3');

    // the stored report reads the same through the list, for the bank and the district
    const page = await execute(t.app, icbc, listMismatches, {
      reportId: r.reportId!,
      pageSize: 50,
    });
    expect(page.report).toMatchObject({
      matched: 1,
      onlyInLedger: 2,
      onlyInJinfu: 1,
      differing: 3,
    });
    expect(page.items.map((m) => m.code)).toEqual(r.mismatches.map((m) => m.code));
    const onlyJinfu = await execute(t.app, admin, listMismatches, {
      reportId: r.reportId!,
      kind: 'only_in_jinfu',
    });
    expect(onlyJinfu.items.map((m) => m.contractNo)).toEqual([missing.contractNo]);
    // another bank cannot read it
    expect(
      await execute(t.app, abc, listMismatches, { reportId: r.reportId! }).catch((e: unknown) => e),
    ).toMatchObject({ kind: 'not_found' });
    expect((await execute(t.app, abc, listExchangeReports, {})).items).toEqual([]);

    // the same file again: the stored report stands, nothing new is stored
    const again = await upload(path);
    expect(again).toMatchObject({ reportId: r.reportId, unchanged: 6, committed: false });
    expect((await execute(t.app, icbc, listExchangeReports, {})).total).toBe(1);
  });

  it('bad cells are named by row and field, and a bad file stores nothing', async () => {
    const l = await lend(icbc);
    const path = writeCsv([
      [l.contractNo, l.idNumber, '12000.001', '2017-03-12', '2018-03-12', '12000', '2017-03-31'],
      [l.contractNo, l.idNumber, '12000', '2017-02-30', '2018-03-12', '12000', '2017-03-31'],
      ['EX-BAD-ID', '50015619700101000', '100', '2017-03-12', '2018-03-12', '100', '2017-03-31'],
      ['EX-OVER', l.idNumber, '100', '2017-03-12', '2018-03-12', '100.01', '2017-03-31'],
    ]);
    const before = await dump(t.app, ['exchange_reports', 'exchange_mismatches']);
    for (const mode of ['dry-run', 'commit']) {
      const r = await upload(path, mode);
      expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
        [2, 'amount', 'invalid_amount'],
        [3, 'contractNo', 'duplicate_contract'],
        [3, 'disbursedOn', 'invalid_date'],
        [4, 'residentId', 'invalid_resident_id'],
        [5, 'balance', 'balance_exceeds_amount'],
      ]);
      for (const e of r.errors) {
        expect(e.message_zh).toContain(`第 ${e.row} 行`);
        expect(e.message_en).toContain(`Row ${e.row}, ${e.field}`);
      }
      expect(r).toMatchObject({ committed: false, reportId: null, mismatches: [] });
    }
    expect(await dump(t.app, ['exchange_reports', 'exchange_mismatches'])).toEqual(before);
  });

  it('over HTTP: the ledger upload route and the poor list', async () => {
    const l = await lend(icbc);
    const server = await buildServer(t.app);
    try {
      const cookie = `${SESSION_COOKIE}=${(await actorFor(t.app, 'icbc')).token}`;
      const csv = [
        HEADER,
        [l.contractNo, l.idNumber, '12000', '2017-03-12', '2018-03-12', '12000', '2017-03-20'],
      ]
        .map((c) => c.join(','))
        .join('\n');
      const res = await server.inject({
        method: 'POST',
        url: '/api/v1/imports/ledger?mode=dry-run',
        headers: { cookie, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ errorCount: 0, rows: 1, asOf: '2017-03-20' });
      const list = await server.inject({
        method: 'POST',
        url: '/api/v1/exchange/poor-list',
        headers: { cookie, 'content-type': 'application/json' },
        payload: {},
      });
      expect(list.statusCode).toBe(200);
      const clerk = `${SESSION_COOKIE}=${(await actorFor(t.app, 'baima')).token}`;
      const refused = await server.inject({
        method: 'POST',
        url: '/api/v1/exchange/poor-list',
        headers: { cookie: clerk, 'content-type': 'application/json' },
        payload: {},
      });
      expect(refused.statusCode).toBe(403);
    } finally {
      await server.close();
    }
  });
});
