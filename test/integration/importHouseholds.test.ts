import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import type { App } from '../../src/app/app.ts';
import { syntheticResidentId } from '../../src/app/demo/generateDistrict.ts';
import { residentIdCheckChar } from '../../src/core/identity/residentId.ts';
import { AppError } from '../../src/app/errors.ts';
import { ExportTarget, exportRegister } from '../../src/app/register/exportRegister.ts';
import {
  importHouseholds,
  ImportSource,
  type ImportMode,
  type ImportReport,
} from '../../src/app/register/importHouseholds.ts';
import { execute } from '../../src/app/useCase.ts';
import { seedDemo } from '../../src/app/demo/seedDemo.ts';
import { importTuning } from '../../src/app/register/importHouseholds.ts';
import { BULK_INDEXES } from '../../src/app/register/import/bulkIndexes.ts';
import { csvRows } from '../../src/app/register/import/csvRows.ts';
import { FileTap } from '../../src/app/register/import/fileTap.ts';
import { mapHeader } from '../../src/app/register/import/columns.ts';
import { fastInput, parseRowWithSchema } from '../../src/app/register/import/parseRow.ts';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { sql } from 'kysely';
import { buildServer, SESSION_COOKIE } from '../../src/http/server.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, HOUPING, MASKED_ID } from './helpers.ts';

/** Fixtures are written per test into one temp directory. */
const DIR = mkdtempSync(join(tmpdir(), 'jinfu-import-test-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
let fileNo = 0;
const tempPath = (ext: string): string => join(DIR, `f${++fileNo}.${ext}`);

const HEADER = [
  '户编号',
  '行政村代码',
  '社代码',
  '户主姓名',
  '户主身份证号',
  '联系电话',
  '住址',
  '一卡通账号',
  '贫困状态',
  '状态生效日期',
  '来源',
  '家庭成员',
  '家庭人口',
];
type Row = Record<string, string>;

// Synthetic people far beyond the seeded district's (~2,600), so IDs never collide with it.
let person = 5_000_000;
const newId = (): string => syntheticResidentId(person++);
let householdSeq = 0;

/** A valid household in a village of 白马镇 (the `baima` clerk's township). */
function goodRow(village = `${BAIMA}001`): Row {
  const n = ++householdSeq;
  const spouse = newId();
  const child = newId();
  return {
    户编号: `IMP-${String(n).padStart(6, '0')}`,
    行政村代码: village,
    社代码: `${village}002`,
    户主姓名: `导入户主${n}`,
    户主身份证号: newId(),
    联系电话: '13800138000',
    住址: `白马镇${n}号`,
    一卡通账号: `6228${String(n).padStart(12, '0')}`,
    贫困状态: '建档立卡贫困户',
    状态生效日期: '2014/3/1',
    来源: '2014年建档立卡',
    家庭成员: `配偶${n}:${spouse}:配偶；子女${n}:${child}:子女`,
    家庭人口: '3',
  };
}

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function csvOf(rows: Row[], header = HEADER): string {
  return [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))]
    .map((cells) => cells.map(quote).join(','))
    .join('\r\n');
}

function writeCsv(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'gbk' = 'utf-8-bom'): string {
  const path = tempPath('csv');
  if (encoding === 'gbk') writeFileSync(path, iconv.encode(text, 'gbk'));
  else writeFileSync(path, (encoding === 'utf-8-bom' ? '\uFEFF' : '') + text);
  return path;
}

async function writeXlsx(rows: (string | number | Date)[][], header = HEADER): Promise<string> {
  const path = tempPath('xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

async function count(
  app: App,
  table: 'households' | 'household_members' = 'households',
): Promise<number> {
  const { n } = await app.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

describeEachDialect('household import and register export', (dialect) => {
  let t: TestApp;
  let admin: Actor;
  let clerk: Actor;
  const run = (path: string, mode: ImportMode = 'dry-run', actor = admin): Promise<ImportReport> =>
    execute(t.app, actor, importHouseholds, { source: ImportSource.fromPath(path), mode });

  /** Dry run and commit both refuse the file, naming row and field, and write nothing. */
  async function expectRefused(
    path: string,
    problem: { row: number; field: string; code: string },
  ) {
    const before = await count(t.app);
    const membersBefore = await count(t.app, 'household_members');
    for (const mode of ['dry-run', 'commit'] as const) {
      const report = await run(path, mode);
      expect(report.errors, mode).toContainEqual(expect.objectContaining(problem));
      const e = report.errors.find((x) => x.row === problem.row && x.field === problem.field)!;
      expect(e.message_zh).toContain(`第 ${problem.row} 行`);
      expect(e.message_en).toContain(`Row ${problem.row}`);
      if (problem.field !== '(file)') expect(e.message_en).toContain(problem.field);
      expect(report.inserted).toBe(0);
      expect(report.committed).toBe(false);
    }
    expect(await count(t.app)).toBe(before);
    expect(await count(t.app, 'household_members')).toBe(membersBefore);
  }

  beforeAll(async () => {
    t = await openTestApp(dialect);
    await seedSmallDistrict(t.app);
    admin = (await actorFor(t.app, 'fpb')).actor;
    clerk = (await actorFor(t.app, 'baima')).actor;
  });
  afterAll(() => t.close());

  it('a good file: dry run writes nothing, commit inserts, re-import changes nothing', async () => {
    const rows = [goodRow(), goodRow(), goodRow(`${BAIMA}002`)];
    const path = writeCsv(csvOf(rows));
    const before = await count(t.app);

    const dry = await run(path);
    expect(dry).toMatchObject({
      mode: 'dry-run',
      format: 'csv',
      encoding: 'utf-8',
      rows: 3,
      toInsert: 3,
    });
    expect(dry).toMatchObject({
      inserted: 0,
      unchanged: 0,
      errorCount: 0,
      errors: [],
      committed: false,
    });
    expect(await count(t.app)).toBe(before);

    const commit = await run(path, 'commit');
    expect(commit).toMatchObject({
      rows: 3,
      toInsert: 3,
      inserted: 3,
      unchanged: 0,
      errorCount: 0,
      committed: true,
    });
    expect(await count(t.app)).toBe(before + 3);

    const again = await run(path, 'commit');
    expect(again).toMatchObject({
      rows: 3,
      toInsert: 0,
      inserted: 0,
      unchanged: 3,
      errorCount: 0,
      committed: false,
    });
    expect(await count(t.app)).toBe(before + 3);

    const db = t.app.store.db;
    const h = await db
      .selectFrom('households')
      .selectAll()
      .where('household_no', '=', rows[0]!['户编号']!)
      .executeTakeFirstOrThrow();
    expect(h).toMatchObject({
      township_code: BAIMA,
      village_code: `${BAIMA}001`,
      group_code: `${BAIMA}001002`,
      head_name: rows[0]!['户主姓名'],
      member_count: 3,
      poverty_status: 'registered_poor',
    });
    const members = await db
      .selectFrom('household_members')
      .selectAll()
      .where('household_id', '=', h.id)
      .execute();
    expect(members.map((m) => m.relation).sort()).toEqual(['子女', '户主', '配偶'].sort());
    const history = await db
      .selectFrom('poverty_status_history')
      .selectAll()
      .where('household_id', '=', h.id)
      .execute();
    expect(history).toMatchObject([
      {
        status: 'registered_poor',
        effective_from: '2014-03-01',
        source: '2014年建档立卡',
        recorded_by: 'fpb',
      },
    ]);
  });

  it('stores backslashes, tabs, line breaks and empty cells exactly as written', async () => {
    // Characters bulk-load formats reserve (\, tab, line ends, \N) are plain text here.
    const address = '白马镇\\1社\t2号\n后院 \\N';
    const row: Row = { ...goodRow(), 住址: address, 联系电话: '', 一卡通账号: '' };
    const path = writeCsv(csvOf([row]));
    expect(await run(path, 'commit')).toMatchObject({ inserted: 1, errorCount: 0 });
    const h = await t.app.store.db
      .selectFrom('households')
      .select(['address', 'phone', 'subsidy_account'])
      .where('household_no', '=', row['户编号']!)
      .executeTakeFirstOrThrow();
    expect(h).toEqual({ address, phone: null, subsidy_account: null });
    expect(await run(path, 'commit')).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('reads GBK (GB18030) CSV as Chinese Excel saves it, and UTF-8 without BOM', async () => {
    const gbkRows = [goodRow(), goodRow()];
    const gbk = writeCsv(csvOf(gbkRows), 'gbk');
    const report = await run(gbk, 'commit');
    expect(report).toMatchObject({ encoding: 'gb18030', inserted: 2, errorCount: 0 });
    const h = await t.app.store.db
      .selectFrom('households')
      .select(['head_name', 'address'])
      .where('household_no', '=', gbkRows[1]!['户编号']!)
      .executeTakeFirstOrThrow();
    expect(h).toEqual({ head_name: gbkRows[1]!['户主姓名'], address: gbkRows[1]!['住址'] });

    const plain = writeCsv(csvOf([goodRow()]), 'utf-8');
    expect(await run(plain)).toMatchObject({ encoding: 'utf-8', toInsert: 1, errorCount: 0 });
  });

  it('accepts English headers and .xlsx, with dates as date cells', async () => {
    const english = [
      'householdNo',
      'villageCode',
      'headName',
      'headIdNumber',
      'status',
      'effectiveFrom',
      'source',
    ];
    const r = goodRow();
    const csv = writeCsv(
      `${english.join(',')}\n${[r['户编号'], r['行政村代码'], r['户主姓名'], r['户主身份证号'], 'lifted', '2019-12-31', '验收'].join(',')}\n`,
    );
    expect(await run(csv)).toMatchObject({ rows: 1, toInsert: 1, errorCount: 0 });

    const x = goodRow();
    const xlsx = await writeXlsx([
      HEADER.map((h) =>
        h === '状态生效日期' ? new Date(Date.UTC(2014, 2, 1)) : h === '家庭人口' ? 3 : x[h]!,
      ),
    ]);
    const report = await run(xlsx, 'commit');
    expect(report).toMatchObject({
      format: 'xlsx',
      encoding: null,
      rows: 1,
      inserted: 1,
      errorCount: 0,
    });
    const s = await t.app.store.db
      .selectFrom('poverty_status_history as p')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .select('p.effective_from')
      .where('h.household_no', '=', x['户编号']!)
      .executeTakeFirstOrThrow();
    expect(s.effective_from).toBe('2014-03-01');
  });

  it('reads a large .xlsx with Chinese text intact (shared strings across inflate chunks)', async () => {
    // exceljs's streaming reader alone turns characters split between chunks into U+FFFD.
    const rows = Array.from({ length: 3000 }, () => goodRow());
    for (const [i, r] of rows.entries()) r['住址'] = `武隆区白马镇${'山'.repeat(i % 7)}村${i}号`;
    const xlsx = await writeXlsx(rows.map((r) => HEADER.map((h) => r[h]!)));
    const report = await run(xlsx, 'commit');
    expect(report).toMatchObject({ rows: 3000, inserted: 3000, errorCount: 0 });
    const stored = await t.app.store.db
      .selectFrom('households')
      .select(['household_no', 'head_name', 'address'])
      .where(
        'household_no',
        'in',
        rows.map((r) => r['户编号']!),
      )
      .execute();
    const byNo = new Map(stored.map((h) => [h.household_no, h]));
    for (const r of rows) {
      expect(byNo.get(r['户编号']!)).toMatchObject({
        head_name: r['户主姓名'],
        address: r['住址'],
      });
    }
  });

  it('explains an ID that Excel stored as a number (scientific notation)', async () => {
    const r = goodRow();
    const xlsx = await writeXlsx([
      HEADER.map((h) => (h === '户主身份证号' ? Number(r[h]) : r[h]!)),
    ]);
    await expectRefused(xlsx, { row: 2, field: 'headIdNumber', code: 'invalid_input' });
    const report = await run(xlsx);
    expect(report.errors[0]!.message_zh).toContain('科学计数法');

    const typed = goodRow();
    typed['户主身份证号'] = '5.00156E+17';
    await expectRefused(writeCsv(csvOf([goodRow(), typed])), {
      row: 3,
      field: 'headIdNumber',
      code: 'invalid_input',
    });
  });

  describe('refuses bad rows by row and field, and writes nothing', () => {
    const cases: [string, (rows: Row[]) => void, { row: number; field: string; code: string }][] = [
      [
        'a wrong check digit',
        (r) => (r[1]!['户主身份证号'] = flipCheck(r[1]!['户主身份证号']!)),
        { row: 3, field: 'headIdNumber', code: 'invalid_input' },
      ],
      [
        'an impossible birth date',
        (r) => (r[0]!['户主身份证号'] = withCheck('50023219800230123')),
        { row: 2, field: 'headIdNumber', code: 'invalid_input' },
      ],
      [
        'a short ID',
        (r) => (r[0]!['户主身份证号'] = '50023219800101'),
        { row: 2, field: 'headIdNumber', code: 'invalid_input' },
      ],
      [
        'a bad member ID',
        (r) => (r[2]!['家庭成员'] = `甲:${flipCheck(newId())}:子女`),
        { row: 4, field: 'members', code: 'invalid_input' },
      ],
      [
        'a malformed member list',
        (r) => (r[0]!['家庭成员'] = '甲-500232-子女'),
        { row: 2, field: 'members', code: 'member_format' },
      ],
      [
        'an ID repeated in another row',
        (r) => {
          r[2]!['家庭成员'] = `甲:${r[0]!['户主身份证号']}:子女`;
          r[2]!['家庭人口'] = '';
        },
        { row: 4, field: 'members', code: 'duplicate_id' },
      ],
      [
        'a head repeated among the members',
        (r) => (r[1]!['家庭成员'] = `甲:${r[1]!['户主身份证号']}:子女`),
        { row: 3, field: 'members', code: 'duplicate_id' },
      ],
      [
        'a household number repeated',
        (r) => (r[2]!['户编号'] = r[0]!['户编号']!),
        { row: 4, field: 'householdNo', code: 'duplicate_household_no' },
      ],
      [
        'an unknown village',
        (r) => (r[1]!['行政村代码'] = '500156099001'),
        { row: 3, field: 'villageCode', code: 'unknown_village' },
      ],
      [
        'a group outside its village',
        (r) => (r[1]!['社代码'] = `${BAIMA}002001`),
        { row: 3, field: 'groupCode', code: 'unknown_group' },
      ],
      [
        'a negative member count',
        (r) => (r[0]!['家庭人口'] = '-1'),
        { row: 2, field: 'memberCount', code: 'invalid_count' },
      ],
      [
        'a fractional member count',
        (r) => (r[0]!['家庭人口'] = '2.5'),
        { row: 2, field: 'memberCount', code: 'invalid_count' },
      ],
      [
        'a member count that disagrees',
        (r) => (r[0]!['家庭人口'] = '5'),
        { row: 2, field: 'memberCount', code: 'member_count_mismatch' },
      ],
      [
        'a date that does not exist',
        (r) => (r[1]!['状态生效日期'] = '2019-02-30'),
        { row: 3, field: 'effectiveFrom', code: 'invalid_input' },
      ],
      [
        'a date in no known format',
        (r) => (r[1]!['状态生效日期'] = '三月一日'),
        { row: 3, field: 'effectiveFrom', code: 'invalid_input' },
      ],
      [
        'an unknown status',
        (r) => (r[0]!['贫困状态'] = '富裕户'),
        { row: 2, field: 'status', code: 'invalid_status' },
      ],
      [
        'a missing required cell',
        (r) => (r[2]!['户主姓名'] = ''),
        { row: 4, field: 'headName', code: 'invalid_input' },
      ],
      [
        'a bad phone',
        (r) => (r[2]!['联系电话'] = '12345'),
        { row: 4, field: 'phone', code: 'invalid_input' },
      ],
    ];
    for (const [what, corrupt, problem] of cases) {
      it(what, async () => {
        const rows = [goodRow(), goodRow(), goodRow()];
        corrupt(rows);
        await expectRefused(writeCsv(csvOf(rows)), problem);
      });
    }

    it('every problem of a row at once, the village included', async () => {
      const rows = [goodRow(), goodRow()];
      rows[1]!['行政村代码'] = '500156099001';
      rows[1]!['联系电话'] = '12345';
      rows[1]!['状态生效日期'] = '2019-02-30';
      const report = await run(writeCsv(csvOf(rows)));
      expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([
        [3, 'effectiveFrom', 'invalid_input'],
        [3, 'phone', 'invalid_input'],
        [3, 'villageCode', 'unknown_village'],
      ]);
    });

    it('an ID already registered in another household', async () => {
      const taken = await t.app.store.db
        .selectFrom('household_members')
        .select('id_number')
        .where('relation', '!=', '户主')
        .executeTakeFirstOrThrow();
      const rows = [goodRow(), goodRow()];
      rows[1]!['户主身份证号'] = taken.id_number;
      await expectRefused(writeCsv(csvOf(rows)), {
        row: 3,
        field: 'headIdNumber',
        code: 'duplicate_id',
      });
    });

    it('an existing household number with different content (never an overwrite)', async () => {
      const existing = await t.app.store.db
        .selectFrom('households')
        .select(['household_no', 'head_name', 'village_code', 'group_code'])
        .where('township_code', '=', BAIMA)
        .executeTakeFirstOrThrow();
      const rows = [goodRow()];
      rows[0]!['户编号'] = existing.household_no;
      rows[0]!['行政村代码'] = existing.village_code;
      rows[0]!['社代码'] = existing.group_code ?? '';
      await expectRefused(writeCsv(csvOf(rows)), {
        row: 2,
        field: 'headName',
        code: 'household_exists_different',
      });
      const after = await t.app.store.db
        .selectFrom('households')
        .select('head_name')
        .where('household_no', '=', existing.household_no)
        .executeTakeFirstOrThrow();
      expect(after.head_name).toBe(existing.head_name);
    });

    it('a missing required column, before any row', async () => {
      const header = HEADER.filter((h) => h !== '户主身份证号');
      const path = writeCsv(csvOf([goodRow(), goodRow()], header));
      await expectRefused(path, { row: 1, field: 'headIdNumber', code: 'missing_column' });
      const report = await run(path);
      expect(report.rows).toBe(0);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]!.message_zh).toContain('户主身份证号');
    });

    it('an empty file, and a file with only a header', async () => {
      await expectRefused(writeCsv('', 'utf-8'), { row: 1, field: '(file)', code: 'empty_file' });
      await expectRefused(writeCsv('\n\n', 'utf-8-bom'), {
        row: 1,
        field: '(file)',
        code: 'empty_file',
      });
      await expectRefused(writeCsv(HEADER.join(',')), { row: 2, field: '(file)', code: 'no_rows' });
    });

    it('a 10 MB cell: refused clearly, without reading it into memory', async () => {
      const rows = [goodRow(), goodRow(), goodRow()];
      rows[1]!['住址'] = 'x'.repeat(10 * 1024 * 1024);
      const path = writeCsv(csvOf(rows));
      await expectRefused(path, { row: 3, field: '(file)', code: 'record_too_large' });
      const report = await run(path);
      expect(report.errors[0]!.message_en).toMatch(/^Row 3: .*longer than 64 KB/);
      expect(report.sha256).toBe(sha256(path));
    });

    it('an oversized cell in .xlsx', async () => {
      const r = goodRow();
      const xlsx = await writeXlsx([
        HEADER.map((h) => (h === '住址' ? 'y'.repeat(100_000) : r[h]!)),
      ]);
      await expectRefused(xlsx, { row: 2, field: 'address', code: 'cell_too_large' });
    });

    it('one bad row after thousands of good ones: all or nothing', async () => {
      // Past the first insert batch (2,000), so provisional inserts must be rolled back.
      const rows = Array.from({ length: 2500 }, () => goodRow());
      rows[2300]!['户主身份证号'] = flipCheck(rows[2300]!['户主身份证号']!);
      await expectRefused(writeCsv(csvOf(rows)), {
        row: 2302,
        field: 'headIdNumber',
        code: 'invalid_input',
      });
      const report = await run(writeCsv(csvOf(rows)), 'commit');
      expect(report).toMatchObject({ rows: 2500, toInsert: 2499, inserted: 0, errorCount: 1 });
      // the transaction stays usable: the same file, fixed, commits
      rows[2300]!['户主身份证号'] = newId();
      const fixed = await run(writeCsv(csvOf(rows)), 'commit');
      expect(fixed).toMatchObject({ rows: 2500, inserted: 2500, errorCount: 0 });
    });

    it('lists at most 1,000 problems and counts them all', async () => {
      const rows = Array.from({ length: 1200 }, () => ({ ...goodRow(), 贫困状态: '未知' }));
      const report = await run(writeCsv(csvOf(rows)));
      expect(report.errorCount).toBe(1200);
      expect(report.errors).toHaveLength(1000);
      expect(report.errors[0]!.row).toBe(2);
    });
  });

  it('finds the header below a title row', async () => {
    const rows = [goodRow(), goodRow()];
    rows[1]!['户主姓名'] = '张\u0000三';
    const text = `武隆区建档立卡贫困户名册（2017年）,,,\n${csvOf(rows)}`;
    await expectRefused(writeCsv(text), { row: 4, field: 'headName', code: 'invalid_input' });
    const report = await run(writeCsv(text));
    expect(report).toMatchObject({ rows: 2, toInsert: 1, errorCount: 1 });
    expect(report.errors[0]!.message_en).toContain('NUL');
  });

  it('a township clerk imports only their own township', async () => {
    const mine = goodRow();
    const theirs = goodRow(`${HOUPING}001`);
    const path = writeCsv(csvOf([mine, theirs]));
    const before = await count(t.app);
    for (const mode of ['dry-run', 'commit'] as const) {
      const report = await run(path, mode, clerk);
      expect(report.errors).toEqual([
        expect.objectContaining({ row: 3, field: 'villageCode', code: 'out_of_scope' }),
      ]);
      expect(report.inserted).toBe(0);
    }
    expect(await count(t.app)).toBe(before);
    const own = await run(writeCsv(csvOf([mine])), 'commit', clerk);
    expect(own).toMatchObject({ inserted: 1, errorCount: 0 });
    // the same household, imported by the district, is unchanged
    expect(await run(writeCsv(csvOf([mine])))).toMatchObject({ unchanged: 1, toInsert: 0 });
  });

  it('roles outside the register writers may not import', async () => {
    const auditor = (await actorFor(t.app, 'audit')).actor;
    const err = await execute(t.app, auditor, importHouseholds, {
      source: ImportSource.fromPath(writeCsv(csvOf([goodRow()]))),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe('forbidden');
  });

  it('leaves one audit entry per import job: file hash, counts, mode, who', async () => {
    const path = writeCsv(csvOf([goodRow(), goodRow()]));
    await run(path, 'dry-run', clerk);
    await run(path, 'commit', clerk);
    const entries = await t.app.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'household.import')
      .where('entity_id', '=', sha256(path))
      .execute();
    expect(entries).toHaveLength(2);
    const details = entries.map((e) => JSON.parse(e.detail_json!) as { mode: string });
    // ids minted in the same millisecond do not sort by time: order by mode instead
    expect(details.sort((x, y) => y.mode.localeCompare(x.mode))).toMatchObject([
      {
        mode: 'dry-run',
        rows: 2,
        toInsert: 2,
        inserted: 0,
        errorCount: 0,
        sha256: sha256(path),
        by: { username: 'baima', role: 'township_clerk' },
      },
      { mode: 'commit', rows: 2, toInsert: 2, inserted: 2, errorCount: 0, committed: true },
    ]);
    for (const e of entries) {
      expect(e).toMatchObject({
        entity: 'household_import',
        actor_username: 'baima',
        actor_id: clerk.userId,
      });
    }
    // a refused commit is recorded too, and nothing else is written with it
    const bad = writeCsv(csvOf([{ ...goodRow(), 贫困状态: '未知' }]));
    await run(bad, 'commit');
    const refused = await t.app.store.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('entity_id', '=', sha256(bad))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(refused.detail_json!)).toMatchObject({
      mode: 'commit',
      errorCount: 1,
      inserted: 0,
      committed: false,
    });
  });

  it('a full export re-imports as all unchanged; masked for other roles; scoped like the list', async () => {
    const full = tempPath('xlsx');
    const { rows } = await execute(t.app, admin, exportRegister, {
      target: ExportTarget.toPath(full),
      full: true,
    });
    expect(rows).toBe(await count(t.app));
    const again = await run(full);
    expect(again).toMatchObject({ rows, unchanged: rows, toInsert: 0, errorCount: 0 });
    expect(again.ignoredColumns).toEqual(['乡镇代码', '乡镇', '行政村']);

    const auditor = (await actorFor(t.app, 'audit')).actor;
    const masked = tempPath('xlsx');
    await execute(t.app, auditor, exportRegister, { target: ExportTarget.toPath(masked) });
    const sheet = await firstSheet(masked);
    expect(sheet[0]).toEqual(
      expect.arrayContaining(['户编号', '乡镇', '行政村', '户主身份证号', '联系电话', '贫困状态']),
    );
    const idCol = sheet[0]!.indexOf('户主身份证号');
    expect(sheet.slice(1).every((r) => MASKED_ID.test(r[idCol]!))).toBe(true);
    const denied = await execute(t.app, auditor, exportRegister, {
      target: ExportTarget.toPath(tempPath('xlsx')),
      full: 'true',
    }).catch((e: unknown) => e);
    expect((denied as AppError).kind).toBe('forbidden');

    const clerkFile = tempPath('xlsx');
    const mine = await execute(t.app, clerk, exportRegister, {
      target: ExportTarget.toPath(clerkFile),
    });
    const clerkSheet = await firstSheet(clerkFile);
    const tCol = clerkSheet[0]!.indexOf('乡镇代码');
    expect(new Set(clerkSheet.slice(1).map((r) => r[tCol]))).toEqual(new Set([BAIMA]));
    expect(clerkSheet.length - 1).toBe(mine.rows);
    const piiAudit = await t.app.store.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('action', '=', 'register.export-pii')
      .execute();
    expect(piiAudit).toHaveLength(1);
  });

  it('over HTTP: raw body upload, dry run and refused commit, and the export download', async () => {
    const server = await buildServer(t.app);
    try {
      const { token } = await actorFor(t.app, 'baima');
      const headers = {
        cookie: `${SESSION_COOKIE}=${token}`,
        'content-type': 'text/csv',
        'x-file-name': encodeURIComponent('白马.csv'),
      };
      const good = csvOf([goodRow()]);
      const dry = await server.inject({
        method: 'POST',
        url: '/api/v1/imports/households?mode=dry-run',
        headers,
        payload: good,
      });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({
        mode: 'dry-run',
        fileName: '白马.csv',
        rows: 1,
        toInsert: 1,
        errors: [],
      });

      const bad = csvOf([goodRow(), { ...goodRow(), 行政村代码: `${HOUPING}001` }]);
      const refused = await server.inject({
        method: 'POST',
        url: '/api/v1/imports/households?mode=commit',
        headers,
        payload: bad,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        mode: 'commit',
        inserted: 0,
        errorCount: 1,
        errors: [{ row: 3, field: 'villageCode', code: 'out_of_scope' }],
      });

      const committed = await server.inject({
        method: 'POST',
        url: '/api/v1/imports/households?mode=commit',
        headers,
        payload: good,
      });
      expect(committed.statusCode).toBe(200);
      expect(committed.json()).toMatchObject({ inserted: 1 });

      const wrongMode = await server.inject({
        method: 'POST',
        url: '/api/v1/imports/households?mode=yes',
        headers,
        payload: good,
      });
      expect(wrongMode.statusCode).toBe(400);
      expect(wrongMode.json()).toMatchObject({ field: 'mode' });
      const json = await server.inject({
        method: 'POST',
        url: '/api/v1/imports/households',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: { a: 1 },
      });
      expect(json.statusCode).toBe(400);
      const anonymous = await server.inject({
        method: 'POST',
        url: '/api/v1/imports/households',
        headers: { 'content-type': 'text/csv' },
        payload: good,
      });
      expect(anonymous.statusCode).toBe(401);

      const exported = await server.inject({
        method: 'GET',
        url: '/api/v1/exports/register',
        headers: { cookie: headers.cookie },
      });
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toContain('spreadsheetml');
      expect(exported.rawPayload.subarray(0, 2).toString()).toBe('PK');
    } finally {
      await server.close();
    }
  });
});

describe('the CLI, end to end (SQLite)', () => {
  const root = join(import.meta.dirname, '../..');
  const dataDir = mkdtempSync(join(tmpdir(), 'jinfu-cli-import-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const jinfu = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/jinfu.mjs', ...args], {
      cwd: root,
      env: { ...process.env, JINFU_DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('seed, import (dry run, commit, bad file), export', { timeout: 240_000 }, () => {
    expect(jinfu('seed', '--households', '200').status).toBe(0);
    // the default demo district: township 1, village 1 exists
    const village = '500156001001';
    const rows = [goodRow(village), goodRow(village)];
    for (const r of rows) r['社代码'] = `${village}001`;
    const file = writeCsv(csvOf(rows), 'gbk');

    const dry = jinfu('import', 'households', file);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('gb18030');
    expect(dry.stdout).toContain('新增 New: 2');

    const commit = jinfu('import', 'households', file, '--commit', '--as', 'admin');
    expect(commit.status, commit.stderr).toBe(0);
    expect(commit.stdout).toContain('Wrote 2 households');

    const bad = writeCsv(csvOf([{ ...rows[0]!, 户编号: 'NEW-1' }]));
    const refused = jinfu('import', 'households', bad, '--commit');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('Row 2, headIdNumber');
    expect(refused.stdout).toContain('Nothing was written');

    const out = join(dataDir, 'register.xlsx');
    const exported = jinfu('export', 'register', out, '--township', '500156001');
    expect(exported.status, exported.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

async function firstSheet(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    out.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return out;
}

function withCheck(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

function flipCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

describeEachDialect('bulk load: a large file into an empty register', (dialect) => {
  let t: TestApp;
  let admin: Actor;
  const threshold = importTuning.bulkMinBytes;
  const run = (path: string, mode: ImportMode = 'commit'): Promise<ImportReport> =>
    execute(t.app, admin, importHouseholds, { source: ImportSource.fromPath(path), mode });

  /** The register's indexes by name, with whether each is unique. */
  async function indexes(): Promise<Map<string, boolean>> {
    const db = t.app.store.db;
    if (dialect === 'sqlite') {
      const { rows } = await sql<{ name: string; sql: string | null }>`
        select name, sql from sqlite_master where type = 'index'
        and tbl_name in ('households', 'household_members', 'poverty_status_history')`.execute(db);
      return new Map(rows.map((r) => [r.name, /^create unique/i.test(r.sql ?? '')]));
    }
    const { rows } = await sql<{ name: string; indexdef: string }>`
      select indexname as name, indexdef from pg_indexes
      where tablename in ('households', 'household_members', 'poverty_status_history')`.execute(db);
    return new Map(rows.map((r) => [r.name, /^create unique/i.test(r.indexdef)]));
  }
  let before: Map<string, boolean>;
  const expectIndexesIntact = async (): Promise<void> => {
    const now = await indexes();
    expect(now).toEqual(before);
    for (const { name } of BULK_INDEXES) expect(now.has(name), name).toBe(true);
    for (const name of ['households_no_uq', 'households_head_id_uq'])
      expect(now.get(name), name).toBe(true);
    expect(now.get('household_members_id_number_uq')).toBe(true);
  };

  beforeAll(async () => {
    importTuning.bulkMinBytes = 0; // every commit into an empty register is a bulk load
    t = await openTestApp(dialect);
    await seedDemo(t.app, { households: 0, villages: 52, operators: 0 });
    admin = (await actorFor(t.app, 'fpb')).actor;
    before = await indexes();
  });
  afterAll(async () => {
    importTuning.bulkMinBytes = threshold;
    await t.close();
  });

  it('refuses duplicates within the file by row and field; indexes back after the rollback', async () => {
    // Past the first insert batch (2,000): rows were written, then rolled back.
    const rows = Array.from({ length: 2300 }, () => goodRow());
    rows[2200]!['户主身份证号'] = rows[5]!['户主身份证号']!;
    rows[2250]!['户编号'] = rows[7]!['户编号']!;
    const path = writeCsv(csvOf(rows));
    for (const mode of ['dry-run', 'commit'] as const) {
      const report = await run(path, mode);
      expect(report, mode).toMatchObject({
        rows: 2300,
        inserted: 0,
        committed: false,
        errorCount: 2,
      });
      expect(report.errors).toEqual([
        expect.objectContaining({ row: 2202, field: 'headIdNumber', code: 'duplicate_id' }),
        expect.objectContaining({
          row: 2252,
          field: 'householdNo',
          code: 'duplicate_household_no',
        }),
      ]);
      expect(report.errors[0]!.message_zh).toContain('第 2202 行');
      expect(report.errors[0]!.message_en).toContain('row 7');
    }
    expect(await count(t.app)).toBe(0);
    expect(await count(t.app, 'household_members')).toBe(0);
    await expectIndexesIntact();
  });

  it('commits, builds the indexes again, and they enforce uniqueness afterwards', async () => {
    const rows = Array.from({ length: 2300 }, () => goodRow());
    const report = await run(writeCsv(csvOf(rows)));
    expect(report).toMatchObject({ rows: 2300, inserted: 2300, committed: true, errorCount: 0 });
    expect(await count(t.app)).toBe(2300);
    expect(await count(t.app, 'household_members')).toBe(2300 * 3);
    await expectIndexesIntact();

    // The rebuilt unique index is live: a second member with a registered ID is refused.
    const db = t.app.store.db;
    const member = await db.selectFrom('household_members').selectAll().executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('household_members')
        .values({ ...member, id: `${member.id.slice(0, -4)}ffff` })
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);

    // Now the register is not empty: the ordinary path, with lookups, finds the repeat.
    const again = [goodRow(), goodRow()];
    again[1]!['户主身份证号'] = rows[3]!['户主身份证号']!;
    const second = await run(writeCsv(csvOf(again)));
    expect(second).toMatchObject({ inserted: 0, errorCount: 1 });
    expect(second.errors[0]).toMatchObject({ row: 3, field: 'headIdNumber', code: 'duplicate_id' });
    // and re-importing the bulk file changes nothing
    expect(await run(writeCsv(csvOf(rows)))).toMatchObject({ unchanged: 2300, inserted: 0 });
    await expectIndexesIntact();
  });
});

describe('the fast paths agree with the full ones', () => {
  it('a row the fast check accepts is exactly what the schema makes of it', () => {
    const header = mapHeader(HEADER, 1);
    let seed = 2017;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return (seed >>> 8) % n;
    };
    const tweaks: ((r: Row) => void)[] = [
      (r) => (r['户主身份证号'] = ` ${r['户主身份证号']!.toLowerCase()} `),
      (r) => (r['户主身份证号'] = r['户主身份证号']!.slice(0, 17) + 'x'),
      (r) => (r['户主身份证号'] = flipCheck(r['户主身份证号']!)),
      (r) => (r['户主姓名'] = ' 张三 '),
      (r) => (r['户主姓名'] = '张'.repeat(51)),
      (r) => (r['户主姓名'] = '张\u0000三'),
      (r) => (r['户编号'] = 'AB_1'),
      (r) => (r['户编号'] = 'abc'),
      (r) => (r['行政村代码'] = ` ${r['行政村代码']} `),
      (r) => (r['社代码'] = ''),
      (r) => (r['社代码'] = '12345'),
      (r) => (r['联系电话'] = '023-7777777'),
      (r) => (r['联系电话'] = '2387777777'),
      (r) => (r['联系电话'] = ''),
      (r) => (r['住址'] = 'x'.repeat(201)),
      (r) => (r['一卡通账号'] = 'x'.repeat(41)),
      (r) => (r['贫困状态'] = 'LIFTED'),
      (r) => (r['贫困状态'] = '未知'),
      (r) => (r['状态生效日期'] = '2014年3月1日'),
      (r) => (r['状态生效日期'] = '2014/2/30'),
      (r) => (r['状态生效日期'] = '20140301'),
      (r) => (r['状态生效日期'] = '2014-3-1'),
      (r) => (r['来源'] = ''),
      (r) => (r['来源'] = 'y'.repeat(101)),
      (r) => (r['家庭成员'] = ''),
      (r) => (r['家庭成员'] = `${r['家庭成员']}；`),
      (r) => (r['家庭成员'] = r['家庭成员']!.replace(/：|:/, '::')),
      (r) => (r['家庭成员'] = r['家庭成员']!.replace('配偶', ' 配偶 ')),
      (r) => (r['家庭成员'] = `${r['家庭成员']};甲:${r['户主身份证号']}:子女`),
      (r) => (r['家庭成员'] = Array.from({ length: 31 }, () => `甲:${newId()}:子女`).join(';')),
      (r) => (r['家庭人口'] = ''),
      (r) => (r['家庭人口'] = '3.0'),
      (r) => (r['家庭人口'] = '4'),
      (r) => (r['家庭人口'] = '-3'),
    ];
    let accepted = 0;
    let declined = 0;
    for (let i = 0; i < 3000; i++) {
      const r = goodRow();
      for (let k = rnd(4); k > 0; k--) tweaks[rnd(tweaks.length)]!(r);
      const cells = HEADER.map((h) => r[h] ?? '');
      const fast = fastInput(cells, header.index);
      const full = parseRowWithSchema(2, cells, header.index);
      if (fast) {
        accepted++;
        expect(full).toEqual({ input: fast });
      } else declined++;
    }
    expect(accepted).toBeGreaterThan(300);
    expect(declined).toBeGreaterThan(300);
  });

  it('CSV lines are split as csv-parse splits them, quotes and odd line ends included', async () => {
    const pieces = [
      'a',
      '中文',
      ',',
      ',',
      '\n',
      '\r\n',
      '\r',
      '"',
      '""',
      ' ',
      '\uFEFF',
      'x'.repeat(9000),
      '12',
      '"q,\n"',
    ];
    let seed = 53;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return (seed >>> 8) % n;
    };
    for (let i = 0; i < 400; i++) {
      let text = rnd(3)
        ? `户编号,行政村代码${rnd(2) ? '\r\n' : '\n'}1,2${rnd(2) ? '\r\n' : '\n'}`
        : '';
      for (let k = rnd(20); k > 0; k--) text += pieces[rnd(pieces.length)];
      const bom = rnd(2) === 1;
      const path = writeCsv(text, bom ? 'utf-8-bom' : 'utf-8');
      let expected: string[][] | 'error';
      try {
        expected = parseCsvSync((bom ? '\uFEFF' : '') + text, {
          bom: true,
          relax_column_count: true,
          skip_empty_lines: false,
        });
      } catch {
        expected = 'error';
      }
      const got: string[][] = [];
      let failed = false;
      try {
        for await (const { cells } of csvRows(path, 'utf-8', new FileTap())) got.push(cells);
      } catch {
        failed = true;
      }
      if (expected === 'error') expect(failed, JSON.stringify(text)).toBe(true);
      else expect(got, JSON.stringify(text)).toEqual(expected);
    }
  });
});
