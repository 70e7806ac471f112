import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { maskPhone, maskResidentId } from '../../core/identity/mask.ts';
import { canSeeTownship } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { PII_READERS, REGISTER_READERS, ROLE_NAMES } from '../roles.ts';
import { townshipLimit } from '../scope.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { regionCode } from './fields.ts';
import { STATUS_LABEL } from './import/csvTemplate.ts';
import { latestStatuses } from './latestStatuses.ts';

/**
 * Where an export goes: a file path (written under a temporary name, then renamed, so a
 * failed export leaves no half-written file) or a stream. Opaque like ImportSource.
 */
export class ExportTarget {
  readonly #path: string | undefined;
  readonly #stream: Writable | undefined;

  private constructor(path: string | undefined, stream: Writable | undefined) {
    this.#path = path;
    this.#stream = stream;
  }

  static toPath(path: string): ExportTarget {
    return new ExportTarget(path, undefined);
  }

  static toStream(stream: Writable): ExportTarget {
    return new ExportTarget(undefined, stream);
  }

  /** Runs `write` against the workbook options, then publishes the file. */
  async write(
    fill: (options: { filename?: string; stream?: Writable }) => Promise<void>,
  ): Promise<void> {
    if (this.#stream) return fill({ stream: this.#stream });
    const partial = `${this.#path!}.partial`;
    try {
      await fill({ filename: partial });
      await rename(partial, this.#path!);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }
}

/**
 * The import's headers plus the region names: a full export (PII readers only) is itself
 * a valid import file, and re-importing it reports every row unchanged.
 */
const COLUMNS = [
  { header: '户编号', width: 16 },
  { header: '乡镇代码', width: 12 },
  { header: '乡镇', width: 10 },
  { header: '行政村代码', width: 14 },
  { header: '行政村', width: 10 },
  { header: '社代码', width: 16 },
  { header: '户主姓名', width: 10 },
  { header: '户主身份证号', width: 20 },
  { header: '联系电话', width: 14 },
  { header: '住址', width: 24 },
  { header: '一卡通账号', width: 20 },
  { header: '家庭人口', width: 8 },
  { header: '贫困状态', width: 14 },
  { header: '状态生效日期', width: 12 },
  { header: '来源', width: 16 },
  { header: '家庭成员', width: 60 },
];

const PAGE = 1000;

const maskAccount = (v: string): string =>
  v.length <= 4 ? '****' : `${'*'.repeat(v.length - 4)}${v.slice(-4)}`;

/**
 * The register as .xlsx with Chinese headers, streamed page by page through exceljs's
 * WorkbookWriter (memory stays flat for a million households). Same scope as the list;
 * identifiers are masked unless a PII reader asks for full values, which is audited.
 */
export const exportRegister = defineUseCase({
  name: 'register.export',
  roles: REGISTER_READERS,
  scope: 'township',
  writes: false,
  input: z
    .object({
      target: z.custom<ExportTarget>((v) => v instanceof ExportTarget, {
        message: bilingual('请指定导出文件', 'an export target is required'),
      }),
      township: regionCode.optional(),
      full: z
        .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
        .default(false),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<{ rows: number; full: boolean }> {
    if (input.full && !PII_READERS.includes(actor.role)) {
      throw new AppError(
        'forbidden',
        'pii_not_allowed',
        '您的角色无权导出完整的身份证号和电话',
        'Your role may not export full resident IDs and phone numbers',
        'full',
      );
    }
    if (input.township && !canSeeTownship(actor, input.township)) throw notFound('township');
    const full = input.full;
    const region = actor.regionCode;
    const names = new Map(
      (
        await db
          .selectFrom('regions')
          .select(['code', 'name_zh'])
          .where('region_code', '=', region)
          .where('level', 'in', ['township', 'village'])
          .execute()
      ).map((r) => [r.code, r.name_zh]),
    );
    const limit = townshipLimit(actor);
    let rows = 0;

    // Loaded on first use, like the import's reader: ~20 MB not every process needs.
    const { default: ExcelJS } = await import('exceljs');
    await input.target.write(async (options) => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        ...options,
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet('农户名册');
      sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      let after: [string, string, string] | null = null;
      for (;;) {
        let q = db.selectFrom('households').selectAll().where('region_code', '=', region);
        if (limit) q = q.where('township_code', 'in', limit);
        if (input.township) q = q.where('township_code', '=', input.township);
        if (after) {
          const [t, v, n] = after;
          // Keyset paging: each page starts after the last row of the previous one.
          q = q.where((eb) =>
            eb(
              eb.refTuple('township_code', 'village_code', 'household_no'),
              '>',
              eb.tuple(t, v, n),
            ),
          );
        }
        const page = await q
          .orderBy('township_code')
          .orderBy('village_code')
          .orderBy('household_no')
          .limit(PAGE)
          .execute();
        if (!page.length) break;
        const ids = page.map((h) => h.id);
        const [members, statuses] = await Promise.all([
          db
            .selectFrom('household_members')
            .select(['household_id', 'name', 'id_number', 'relation'])
            .where('region_code', '=', region)
            .where('household_id', 'in', ids)
            .orderBy('birth_date')
            .execute(),
          db
            .selectFrom('poverty_status_history')
            .selectAll()
            .where('region_code', '=', region)
            .where('household_id', 'in', ids)
            .execute(),
        ]);
        const headOf = new Map(page.map((h) => [h.id, h.head_id_number]));
        const membersOf = new Map<string, string[]>();
        for (const m of members) {
          // The head is stored as a member too; the import lists members without the head.
          if (m.id_number === headOf.get(m.household_id)) continue;
          const list = membersOf.get(m.household_id) ?? [];
          list.push(`${m.name}:${full ? m.id_number : maskResidentId(m.id_number)}:${m.relation}`);
          membersOf.set(m.household_id, list);
        }
        const latest = latestStatuses(statuses);
        for (const h of page) {
          const s = latest.get(h.id);
          sheet
            .addRow([
              h.household_no,
              h.township_code,
              names.get(h.township_code) ?? '',
              h.village_code,
              names.get(h.village_code) ?? '',
              h.group_code ?? '',
              h.head_name,
              full ? h.head_id_number : maskResidentId(h.head_id_number),
              h.phone === null ? '' : full ? h.phone : maskPhone(h.phone),
              h.address ?? '',
              h.subsidy_account === null
                ? ''
                : full
                  ? h.subsidy_account
                  : maskAccount(h.subsidy_account),
              h.member_count,
              STATUS_LABEL[h.poverty_status],
              s?.effective_from ?? '',
              s?.source ?? '',
              (membersOf.get(h.id) ?? []).join(';'),
            ])
            .commit();
        }
        rows += page.length;
        const last = page[page.length - 1]!;
        after = [last.township_code, last.village_code, last.household_no];
      }
      sheet.commit();

      // Who exported what, and whether identifiers are masked, travels with the file.
      const about = workbook.addWorksheet('说明');
      about.columns = [{ width: 16 }, { width: 60 }];
      const note = (k: string, v: string): void => about.addRow([k, v]).commit();
      note('导出时间', now.toISOString());
      note('导出人', `${actor.username}（${ROLE_NAMES[actor.role].zh}）`);
      note(
        '范围',
        input.township
          ? `${names.get(input.township) ?? input.township}`
          : limit
            ? limit.join('、')
            : '全区',
      );
      note('户数', String(rows));
      note('身份证号与电话', full ? '完整（含个人信息，请妥善保管）' : '已脱敏');
      about.commit();
      await workbook.commit();
    });

    // Like the detail view, only full identifiers leave a trace: masked lists are plain reads.
    if (full) {
      await audit({
        action: 'register.export-pii',
        entity: 'register',
        entityId: input.township ?? null,
        detail: { rows, township: input.township ?? null, format: 'xlsx' },
      });
    }
    return { rows, full };
  },
});
