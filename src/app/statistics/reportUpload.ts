import { stat } from 'node:fs/promises';
import type { CellValue, Workbook } from 'exceljs';
import { z } from 'zod';
import { AppError, invalid } from '../errors.ts';
import { ImportSource } from '../register/import/importSource.ts';
import { tempDir } from '../register/import/spool.ts';
import { cellText } from '../register/import/xlsxRows.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual, zodIssueToAppError } from '../validation.ts';
import { CATEGORY_NAMES, STATISTICS_CATEGORIES } from './categories.ts';
import { reportInput, storeReport, type ReportOut } from './reports.ts';
import {
  BANK_CELL,
  CATEGORY_HEADER,
  FIRST_LINE_ROW,
  LINE_COLUMNS,
  PERIOD_CELL,
  SHEET_NAME,
} from './reportSheet.ts';
import { STATISTICS_REPORTERS } from './statisticsFields.ts';

/**
 * A bank's statistics report sent as the filled-in Excel template (issue 7 §3, decision
 * 0020). The sheet is only another way to fill in the form: its cells become the form's
 * input and go through the same schema and the same checks (storeReport); an error is
 * told back at the sheet's row and column. A refused upload stores nothing.
 */

/** The template is a few kilobytes; a larger file is not one. */
export const STATISTICS_UPLOAD_MAX_BYTES = 1024 * 1024;

interface Cell {
  row: number;
  zh: string;
  en: string;
}
const PERIOD_AT: Cell = { row: PERIOD_CELL.row, zh: PERIOD_CELL.zh, en: PERIOD_CELL.en };
const BANK_AT: Cell = { row: BANK_CELL.row, zh: BANK_CELL.zh, en: BANK_CELL.en };

/** The same error, said at a cell of the sheet: 第 5 行「期末余额（元）」. */
function atCell(e: AppError, cell: Cell, field: string): AppError {
  return new AppError(
    e.kind,
    e.code,
    `第 ${String(cell.row)} 行「${cell.zh}」：${e.message_zh}`,
    `Row ${String(cell.row)}, ${cell.en}: ${e.message_en}`,
    field,
    cell.row,
  );
}

const fileError = (code: string, zh: string, en: string) => invalid('file', zh, en, code);

async function readSheet(path: string) {
  const info = await stat(path);
  if (info.size > STATISTICS_UPLOAD_MAX_BYTES) {
    throw fileError(
      'file_too_large',
      '文件超过 1 MB，不是统计报表模板',
      'the file is larger than 1 MB; it is not the statistics template',
    );
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    throw fileError(
      'unreadable_xlsx',
      '无法读取该 .xlsx 文件（文件损坏或不是 Excel 工作簿）',
      'cannot read this .xlsx file (damaged, or not an Excel workbook)',
    );
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (sheet === undefined) {
    throw fileError('no_sheet', '工作簿中没有工作表', 'the workbook has no worksheet');
  }
  return sheet;
}

export const uploadReport = defineUseCase({
  name: 'statistics.report.upload',
  roles: STATISTICS_REPORTERS,
  scope: 'institution',
  writes: true,
  input: z
    .object({
      source: z.custom<ImportSource>((v) => v instanceof ImportSource, {
        message: bilingual('请提供要上传的文件', 'a file to upload is required'),
      }),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<ReportOut> {
    const tmp = await tempDir();
    let sheet;
    try {
      sheet = await readSheet(await input.source.toFile(tmp.dir, STATISTICS_UPLOAD_MAX_BYTES));
    } finally {
      await tmp.dispose();
    }
    const text = (row: number, col: number) =>
      cellText(sheet.getRow(row).getCell(col).value as CellValue).trim();

    const lines: Record<string, string>[] = [];
    const lineCells: number[] = [];
    for (let r = FIRST_LINE_ROW; r <= sheet.rowCount; r++) {
      const name = text(r, CATEGORY_HEADER.col);
      const figures = LINE_COLUMNS.map((c) => [c.key, text(r, c.col)] as const);
      if (name === '' && figures.every(([, v]) => v === '')) continue;
      const category = STATISTICS_CATEGORIES.find((c) => CATEGORY_NAMES[c].zh === name);
      if (category === undefined) {
        throw atCell(
          invalid(
            'category',
            `不是模板中的贷款类别：“${name}”`,
            'not one of the loan categories the template lists',
          ),
          { row: r, zh: CATEGORY_HEADER.zh, en: CATEGORY_HEADER.en },
          'category',
        );
      }
      lines.push({ category, ...Object.fromEntries(figures) });
      lineCells.push(r);
    }

    const code = text(BANK_CELL.row, BANK_CELL.col);
    let institutionId: string | undefined;
    if (code !== '') {
      const named = await db
        .selectFrom('institutions')
        .select('id')
        .where('region_code', '=', actor.regionCode)
        .where('code', '=', code)
        .executeTakeFirst();
      if (named === undefined) {
        throw atCell(
          invalid('institutionId', `机构代码“${code}”不存在`, `no institution with code "${code}"`),
          BANK_AT,
          'institutionId',
        );
      }
      institutionId = named.id;
    }

    /** Where in the sheet a form field ('period', 'lines.3.balance') sits. */
    const placeOf = (field: string): { cell: Cell; field: string } | null => {
      if (field === 'period') return { cell: PERIOD_AT, field };
      if (field === 'institutionId') return { cell: BANK_AT, field };
      const m = /^lines\.(\d+)\.(\w+)$/.exec(field);
      const row = m ? lineCells[Number(m[1])] : undefined;
      const column = LINE_COLUMNS.find((c) => c.key === m?.[2]);
      if (row === undefined) return null;
      if (column === undefined) {
        return { cell: { row, zh: CATEGORY_HEADER.zh, en: CATEGORY_HEADER.en }, field: 'category' };
      }
      return { cell: { row, zh: column.zh, en: column.en }, field: column.key };
    };
    const placed = (e: AppError): AppError => {
      const at = e.field === undefined ? null : placeOf(e.field);
      return at === null ? e : atCell(e, at.cell, at.field);
    };

    const form = { institutionId, period: text(PERIOD_CELL.row, PERIOD_CELL.col), lines };
    const parsed = reportInput.safeParse(form);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const at = placeOf(issue.path.map(String).join('.'));
      if (at === null) throw zodIssueToAppError(issue);
      // The form's wording, with the column's name where the form would name its field.
      const zh = zodIssueToAppError({ ...issue, path: [at.cell.zh] });
      const en = zodIssueToAppError({ ...issue, path: [at.cell.en] });
      throw new AppError(
        'invalid',
        zh.code,
        `第 ${String(at.cell.row)} 行 ${zh.message_zh}`,
        `Row ${String(at.cell.row)}, ${en.message_en}`,
        at.field,
        at.cell.row,
      );
    }
    let report: ReportOut;
    try {
      report = await storeReport(db, actor, now, parsed.data);
    } catch (e) {
      throw e instanceof AppError ? placed(e) : e;
    }
    await audit({
      action: 'statistics.report.upload',
      entity: 'statistics_report',
      entityId: report.id,
      after: { period: report.period, lines: lines.length, file: input.source.name },
    });
    return report;
  },
});
