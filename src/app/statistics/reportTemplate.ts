import { z } from 'zod';
import { ExportTarget } from '../register/exportRegister.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import {
  BANK_CELL,
  CATEGORY_HEADER,
  HEADER_ROW,
  LINE_COLUMNS,
  PERIOD_CELL,
  SHEET_NAME,
  TEMPLATE_ROWS,
} from './reportSheet.ts';
import { STATISTICS_READERS } from './statisticsFields.ts';
import { statisticsPeriod } from './statisticsPeriod.ts';

/**
 * The blank statistics template (.xlsx, Chinese headers): one row per loan category,
 * the period in B1 (filled in when asked for) and, for a bank, its own institution code
 * in D1 so the upload can tell whose figures the sheet holds.
 */
export const statisticsTemplate = defineUseCase({
  name: 'statistics.template',
  roles: STATISTICS_READERS,
  scope: 'institution',
  writes: false,
  input: z
    .object({
      target: z.custom<ExportTarget>((v) => v instanceof ExportTarget, {
        message: bilingual('缺少导出目标', 'an export target is required'),
      }),
      period: statisticsPeriod.optional(),
    })
    .strict(),
  async run({ db, actor }, input): Promise<void> {
    const bank =
      actor.institutionId === null
        ? undefined
        : await db
            .selectFrom('institutions')
            .select('code')
            .where('region_code', '=', actor.regionCode)
            .where('id', '=', actor.institutionId)
            .executeTakeFirst();
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(SHEET_NAME);
    sheet.columns = [{ width: 26 }, ...LINE_COLUMNS.map(() => ({ width: 20 }))];
    const top = sheet.getRow(PERIOD_CELL.row);
    top.getCell(PERIOD_CELL.col - 1).value = `${PERIOD_CELL.zh}（如 2017-03 或 2017-Q1）`;
    top.getCell(PERIOD_CELL.col).value = input.period?.key ?? '';
    top.getCell(BANK_CELL.col - 1).value = BANK_CELL.zh;
    top.getCell(BANK_CELL.col).value = bank?.code ?? '';
    const header = sheet.getRow(HEADER_ROW);
    header.getCell(CATEGORY_HEADER.col).value = CATEGORY_HEADER.zh;
    for (const c of LINE_COLUMNS) header.getCell(c.col).value = c.zh;
    header.font = { bold: true };
    for (const t of TEMPLATE_ROWS) sheet.getRow(t.row).getCell(CATEGORY_HEADER.col).value = t.name;
    // Figures are typed as text or numbers; the period cell must stay text ("2017-03").
    top.getCell(PERIOD_CELL.col).numFmt = '@';
    await input.target.write(async ({ filename, stream }) => {
      if (filename !== undefined) await workbook.xlsx.writeFile(filename);
      else await workbook.xlsx.write(stream!);
    });
  },
});
