import ExcelJS from 'exceljs';
import type { Actor } from '../../src/app/actor.ts';
import type { App } from '../../src/app/app.ts';
import { createCompany } from '../../src/app/markets/companies.ts';
import { recordRelendingQuota } from '../../src/app/relending/relending.ts';
import { CATEGORY_NAMES, STATISTICS_CATEGORIES } from '../../src/app/statistics/categories.ts';
import { execute } from '../../src/app/useCase.ts';
import { BAIMA, usccFor } from './helpers.ts';

/**
 * A relending quota (for uses to draw on) and a pipeline company (for stages), recorded
 * once on first use by the PBOC sub-branch and the financial office; and the bank that
 * may draw on the quota.
 */
export function lazyRecordsFixture(
  app: App,
  actors: { pboc: Actor; financial_office: Actor; bank_officer: Actor },
): () => Promise<{ companyId: string; bankId: string }> {
  let made: Promise<{ companyId: string; bankId: string }> | undefined;
  return () =>
    (made ??= (async () => {
      await execute(app, actors.pboc, recordRelendingQuota, {
        reference: 'FIXTURE-Q',
        grantedOn: '2017-01-01',
        amount: '1000000',
      });
      const company = await execute(app, actors.financial_office, createCompany, {
        name: '登记测试企业',
        uscc: usccFor(901),
        township: BAIMA,
        stage: 'cultivating',
        reachedOn: '2017-01-01',
      });
      return { companyId: company.id, bankId: actors.bank_officer.institutionId! };
    })());
}

/** A statistics template filled in with zeros for `period`, written to `path`. */
export async function zeroStatisticsSheet(path: string, period: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('统计报表');
  sheet.getCell('B1').value = period;
  STATISTICS_CATEGORIES.forEach((c, i) => {
    sheet.getRow(3 + i).values = [CATEGORY_NAMES[c].zh, 0, 0, 0, 0, 0];
  });
  await wb.xlsx.writeFile(path);
  return path;
}
