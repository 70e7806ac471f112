import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../src/app/actor.ts';
import type { App } from '../../src/app/app.ts';
import { uploadLedger } from '../../src/app/loans/bankExchangeLedger.ts';
import { flagEnterpriseUse, runPrecisionChecks } from '../../src/app/loans/precisionChecks.ts';
import { ImportSource } from '../../src/app/register/importHouseholds.ts';
import { execute } from '../../src/app/useCase.ts';
import { residentId } from './helpers.ts';
import type { LoanFixture } from './loanSetup.ts';

export interface PrecisionFixture {
  /** An open enterprise-use finding on the loan fixture's disbursed ICBC loan. */
  finding: { id: string; version: number };
  /** A stored ICBC ledger reconciliation report. */
  reportId: string;
}

/** For the registry walk: a finding to resolve and a report to list, built once on first use. */
export function lazyPrecisionFixture(
  app: App,
  actors: { admin: Actor; icbc: Actor },
  loans: () => Promise<LoanFixture>,
): () => Promise<PrecisionFixture> {
  let built: Promise<PrecisionFixture> | undefined;
  const build = async (): Promise<PrecisionFixture> => {
    const loanId = (await loans()).disbursedLoanId;
    await execute(app, actors.icbc, flagEnterpriseUse, {
      id: loanId,
      enterpriseName: '登记测试公司',
    });
    await execute(app, actors.admin, runPrecisionChecks, {});
    const f = await app.store.db
      .selectFrom('precision_findings')
      .select(['id', 'version'])
      .where('check_code', '=', 'enterprise_use')
      .where('subject_id', '=', loanId)
      .executeTakeFirstOrThrow();
    const path = join(mkdtempSync(join(tmpdir(), 'jinfu-precision-')), 'ledger.csv');
    writeFileSync(
      path,
      `合同编号,身份证号,贷款金额,放款日期,到期日期,贷款余额,余额日期\nREG-DISBURSED,${residentId(604)},20000,2017-03-12,2019-03-12,20000,2017-03-31\n`,
    );
    const report = await execute(app, actors.icbc, uploadLedger, {
      source: ImportSource.fromPath(path),
      mode: 'commit',
    });
    return { finding: { id: f.id, version: f.version }, reportId: report.reportId! };
  };
  return () => (built ??= build());
}
