import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { ExportTarget } from '../../src/app/register/exportRegister.ts';
import { ImportSource } from '../../src/app/register/importHouseholds.ts';
import { approveReport, getReport } from '../../src/app/statistics/reports.ts';
import { statisticsTemplate } from '../../src/app/statistics/reportTemplate.ts';
import { uploadReport } from '../../src/app/statistics/reportUpload.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, dump, expectBilingual, refusal } from './helpers.ts';
import { emptyDistrict } from './settlementSetup.ts';
import { Q1_2017, type Figures } from './statisticsSetup.ts';

/**
 * The statistics Excel template (decision 0020): downloaded with Chinese headers, one row
 * per category and the period in B1; uploaded filled in, it goes through the form's
 * checks and its errors name the sheet row and column. ICBC's 2017-Q1 (statisticsSetup)
 * holds together; its 2017-Q2 below continues it (all loans 1,000,000 + 200,000 −
 * 150,000 = 1,050,000).
 */

const Q2_2017: Figures = {
  all: ['1050000', '200000', '150000', 520, '9000'],
  agricultural: ['650000', '100000', '50000', 410, '8000'],
  farm_household: ['430000', '60000', '30000', 310, '5000'],
  poverty_individual: ['120000', '30000', '10000', 85, '1000'],
  poverty_industry: ['150000', '0', '0', 5, '0'],
  poverty_project: ['180000', '0', '20000', 2, '0'],
  poor_household: ['140000', '30000', '10000', 95, '1000'],
};
// The template's rows 3–9 in its order, by the Chinese names a bank sees.
const ROW_OF = {
  all: 3,
  agricultural: 4,
  farm_household: 5,
  poverty_individual: 6,
  poverty_industry: 7,
  poverty_project: 8,
  poor_household: 9,
} as const;

describeEachDialect('statistics by Excel template', (dialect) => {
  let t: TestApp;
  let a: Record<string, Actor>;
  let dir: string;
  let n = 0;

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock('2017-07-03T01:00:00.000Z').now);
    a = await emptyDistrict(t.app);
    for (const name of ['rh', 'abc']) a[name] = (await actorFor(t.app, name)).actor;
    dir = await mkdtemp(join(tmpdir(), 'jinfu-stats-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  async function template(who: Actor, period?: string) {
    const path = join(dir, `template-${String(++n)}.xlsx`);
    await execute(t.app, who, statisticsTemplate, {
      target: ExportTarget.toPath(path),
      ...(period ? { period } : {}),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return wb;
  }

  /** The template as ICBC downloads it, filled in with `f`, then `edit`ed; its path. */
  async function filled(period: string, f: Figures, edit?: (s: ExcelJS.Worksheet) => void) {
    const wb = await template(a.icbc!);
    const sheet = wb.getWorksheet('统计报表')!;
    sheet.getCell('B1').value = period;
    for (const [category, row] of Object.entries(ROW_OF)) {
      const [balance, newLending, repaid, borrowers, npl] = f[category as keyof Figures];
      // figures as a bank types them: numbers, not text
      [balance, newLending, repaid, borrowers, npl].forEach((v, i) => {
        sheet.getRow(row).getCell(i + 2).value = Number(v);
      });
    }
    edit?.(sheet);
    const path = join(dir, `filled-${String(++n)}.xlsx`);
    await wb.xlsx.writeFile(path);
    return path;
  }
  const upload = (who: Actor, path: string) =>
    execute(t.app, who, uploadReport, { source: ImportSource.fromPath(path) });

  it('downloads a template with Chinese headers, one row per category and the period', async () => {
    const sheet = (await template(a.icbc!, '2017-Q1')).getWorksheet('统计报表')!;
    const row = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(row(1)).toEqual(['统计期（如 2017-03 或 2017-Q1）', '2017-Q1', '机构代码', 'ICBC-WL']);
    expect(row(2)).toEqual([
      '贷款类别',
      '期末余额（元）',
      '本期新增贷款（元）',
      '本期收回（元）',
      '贷款户数',
      '不良贷款余额（元）',
    ]);
    expect([3, 4, 5, 6, 7, 8, 9].map((r) => sheet.getRow(r).getCell(1).value)).toEqual([
      '各项贷款',
      '涉农贷款',
      '农户贷款',
      '个人精准扶贫贷款',
      '产业精准扶贫贷款',
      '项目精准扶贫贷款',
      '建档立卡贫困户贷款',
    ]);
    // a district office gets it blank, without a bank code
    const blank = (await template(a.rh!)).getWorksheet('统计报表')!;
    expect([blank.getCell('B1').value, blank.getCell('D1').value]).toEqual(['', '']);
  });

  it('takes the filled-in template as a report, the same as the form would', async () => {
    const r = await upload(a.icbc!, await filled('2017-Q1', Q1_2017));
    expect(r).toMatchObject({ status: 'submitted', period: '2017-Q1', to: '2017-03-31' });
    const got = await execute(t.app, a.icbc!, getReport, { id: r.id });
    expect(got.lines.find((l) => l.category === 'poverty_project')).toEqual({
      category: 'poverty_project',
      balance: '200000.00',
      newLending: '0.00',
      repaid: '20000.00',
      borrowers: 2,
      npl: '0.00',
    });
    await execute(t.app, a.rh!, approveReport, { id: r.id, version: 1 });
  });

  it('refuses bad sheets naming the row and column, bilingual, and stores nothing', async () => {
    const set = (cell: string, v: ExcelJS.CellValue) => (s: ExcelJS.Worksheet) => {
      s.getCell(cell).value = v;
    };
    const cases: [string, string, string | undefined, number | undefined, string][] = [
      // agricultural 1,100,000 > all 1,050,000: reported at the agricultural row's balance
      [
        'part above total',
        await filled('2017-Q2', Q2_2017, set('B4', 1100000)),
        'balance',
        4,
        'invalid_input',
      ],
      [
        'negative balance',
        await filled('2017-Q2', Q2_2017, set('B3', -5)),
        'balance',
        3,
        'invalid_input',
      ],
      [
        'borrowers not whole',
        await filled('2017-Q2', Q2_2017, set('E5', 2.5)),
        'borrowers',
        5,
        'invalid_input',
      ],
      [
        'text in a figure',
        await filled('2017-Q2', Q2_2017, set('C6', '30000.123')),
        'newLending',
        6,
        'invalid_input',
      ],
      // 1,000,000 + 200,000 − 150,000 = 1,050,000, reported 1,040,000 (parts still fit)
      [
        'balance not reconciling with flows',
        await filled('2017-Q2', Q2_2017, set('B3', 1040000)),
        'balance',
        3,
        'invalid_input',
      ],
      ['period already approved', await filled('2017-Q1', Q1_2017), 'period', 1, 'period_approved'],
      ['a malformed period', await filled('2017-13', Q2_2017), 'period', 1, 'invalid_input'],
      [
        'a bank reporting for another',
        await filled('2017-Q2', Q2_2017, set('D1', 'ABC-WL')),
        'institutionId',
        1,
        'invalid_input',
      ],
      [
        'an unknown bank code',
        await filled('2017-Q2', Q2_2017, set('D1', 'NOPE')),
        'institutionId',
        1,
        'invalid_input',
      ],
      [
        'an unknown category',
        await filled('2017-Q2', Q2_2017, set('A7', '消费贷款')),
        'category',
        7,
        'invalid_input',
      ],
      [
        'a category twice',
        await filled('2017-Q2', Q2_2017, (s) => {
          s.getRow(10).values = ['各项贷款', 1, 1, 1, 1, 1];
        }),
        'category',
        10,
        'invalid_input',
      ],
      [
        'a category missing',
        await filled('2017-Q2', Q2_2017, (s) => s.spliceRows(9, 1)),
        'lines',
        undefined,
        'invalid_input',
      ],
    ];
    const before = await dump(t.app);
    for (const [what, path, field, row, code] of cases) {
      const e = await refusal(upload(a.icbc!, path));
      expect([e.field, e.row, e.code], what).toEqual([field, row, code]);
      expectBilingual(e.toJSON());
      if (row !== undefined) {
        expect(e.message_zh, what).toMatch(new RegExp(`^第 ${String(row)} 行`));
        expect(e.message_en, what).toMatch(new RegExp(`^Row ${String(row)}, `));
      }
    }
    const reconcile = await refusal(
      upload(a.icbc!, await filled('2017-Q2', Q2_2017, set('B3', 1040000))),
    );
    expect(reconcile.message_zh).toContain('第 3 行「期末余额（元）」');
    expect(reconcile.message_en).toContain(
      'Row 3, balance (yuan): All loans: the balance does not reconcile',
    );
    const notXlsx = join(dir, 'not.xlsx');
    await writeFile(notXlsx, 'this is not a workbook');
    const unreadable = await refusal(upload(a.icbc!, notXlsx));
    expect([unreadable.field, unreadable.code]).toEqual(['file', 'unreadable_xlsx']);
    expect(await dump(t.app)).toEqual(before);
  });

  it('lets only a bank upload', async () => {
    const path = await filled('2017-Q2', Q2_2017);
    const before = await dump(t.app);
    expect((await refusal(upload(a.rh!, path))).kind).toBe('forbidden');
    expect(await dump(t.app)).toEqual(before);
    expect((await upload(a.icbc!, path)).period).toBe('2017-Q2');
  });
});
