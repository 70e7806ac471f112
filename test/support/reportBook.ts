import type ExcelJS from 'exceljs';
import { expect } from 'vitest';

/** The quarterly report's sheets, in order (ADR 0019). */
export const REPORT_SHEETS = ['目标', '信贷投放', '财政补贴', '资金', '信用体系', '工作任务'];

/**
 * The rows of `sheet` under the header row `headers`, up to the next blank row. Rows and
 * cells of exceljs are sparse arrays; holes become [] and undefined.
 */
export function tableUnder(wb: ExcelJS.Workbook, sheet: string, headers: string[]): unknown[][] {
  const all = Array.from(wb.getWorksheet(sheet)!.getSheetValues().slice(1), (r) =>
    Array.isArray(r) ? Array.from(r.slice(1)) : [],
  );
  const at = all.findIndex((r) => JSON.stringify(r) === JSON.stringify(headers));
  expect(at, `${sheet}: ${JSON.stringify(headers)}`).toBeGreaterThan(0);
  const end = all.findIndex((r, i) => i > at && r.length === 0);
  return all.slice(at + 1, end === -1 ? undefined : end);
}
