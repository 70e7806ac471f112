import { defineUseCase } from '../useCase.ts';
import { quarterFileInput, quarterlyReportOf } from './quarterlyReport.ts';
import { reportTitle } from './quarterlyReportHtml.ts';
import { reportSections } from './quarterlyReportTables.ts';
import { SUPERVISORS } from './supervisionRoles.ts';

/**
 * The quarterly report as Excel: one sheet per section of the printed report, the same
 * tables with the same Chinese headers. Money is written as a yuan number with two
 * decimals (from the report's exact decimal text); percentages and statuses as printed.
 */

const MONEY = '#,##0.00';

export const quarterlyReportXlsx = defineUseCase({
  name: 'supervision.quarterly-report.xlsx',
  roles: SUPERVISORS,
  scope: 'district',
  writes: false,
  input: quarterFileInput,
  async run(ctx, input): Promise<{ quarter: string; sheets: number }> {
    const report = await quarterlyReportOf(ctx, input.quarter);
    const sections = reportSections(report);
    const title = reportTitle(report);
    const { default: ExcelJS } = await import('exceljs');
    await input.target.write(async (options) => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        ...options,
        useStyles: true,
        useSharedStrings: false,
      });
      for (const section of sections) {
        const sheet = workbook.addWorksheet(section.sheet);
        const width = Math.max(...section.tables.map((t) => t.headers.length));
        sheet.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 28 : 18 }));
        const bold = (values: (string | number)[]) => {
          const row = sheet.addRow(values);
          row.font = { bold: true };
          row.commit();
        };
        bold([title]);
        sheet.addRow([`统计截至 ${report.asOf}`]).commit();
        bold([section.title]);
        for (const table of section.tables) {
          sheet.addRow([]).commit();
          if (table.caption !== null) bold([table.caption]);
          bold(table.headers);
          for (const cells of table.rows) {
            const row = sheet.addRow(
              cells.map((c) => (typeof c === 'object' ? Number(c.yuan) : c)),
            );
            cells.forEach((c, i) => {
              if (typeof c === 'object') row.getCell(i + 1).numFmt = MONEY;
            });
            row.commit();
          }
        }
        sheet.commit();
      }
      await workbook.commit();
    });
    return { quarter: report.quarter, sheets: sections.length };
  },
});
