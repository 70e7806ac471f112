import { listAudit } from './auditLog.ts';
import { fundBalances, topUpFund } from './settlement/funds.ts';
import { excludeLine, includeLine } from './settlement/lineExclusion.ts';
import { paymentList } from './settlement/paymentList.ts';
import { prepareRun } from './settlement/prepareRun.ts';
import { forecast, whatIf } from './settlement/whatIf.ts';
import { approveRun, payRun, rejectRun, reviewRun, submitRun } from './settlement/runLifecycle.ts';
import { diffRun, getRun, listRunLines, listRuns, loanSubsidies } from './settlement/runQueries.ts';
import { createUser, listSessions, listUsers, resetPassword, revokeSession } from './auth/users.ts';
import {
  createHousehold,
  getHousehold,
  householdHistory,
  listHouseholds,
  povertyStatusOn,
  recordPovertyStatus,
  updateHousehold,
} from './register/households.ts';
import { exportRegister } from './register/exportRegister.ts';
import { importHouseholds } from './register/importHouseholds.ts';
import { getInstitution, listGovUnits, listInstitutions } from './register/institutions.ts';
import {
  createOperator,
  getOperator,
  listOperators,
  updateOperator,
} from './register/operators.ts';
import { listRegions } from './register/regions.ts';
import { applyForLoan, approveLoan, disburseLoan } from './loans/applications.ts';
import { getLoan, listLoans } from './loans/loanDetail.ts';
import {
  approveLoanEvent,
  listLoanEvents,
  rejectLoanEvent,
  requestLoanEvent,
} from './loans/loanEvents.ts';
import { needBoard } from './loans/needBoard.ts';
import { createNeed, listNeeds, respondToNeed } from './loans/needs.ts';
import { createLoanProduct, listLoanProducts } from './loans/products.ts';
import { recordRepayment } from './loans/repayments.ts';
import { importRepayments } from './loans/repaymentImport.ts';
import {
  flagEnterpriseUse,
  listPrecisionFindings,
  resolvePrecisionFinding,
  runPrecisionChecks,
} from './loans/precisionChecks.ts';
import { downloadPoorList, listExchangeReports, listMismatches } from './loans/bankExchange.ts';
import { uploadLedger } from './loans/bankExchangeLedger.ts';
import { addParameterVersion, listParameters } from './policy/parameterVersions.ts';
import type { UseCase } from './useCase.ts';

/**
 * The one list of use cases. Tests walk it: every entry refuses roles outside its
 * list, answers bad input with a bilingual error, and every write leaves an audit entry.
 */
export const USE_CASES: readonly UseCase<never, unknown>[] = [
  listRegions,
  listHouseholds,
  getHousehold,
  householdHistory,
  createHousehold,
  updateHousehold,
  recordPovertyStatus,
  povertyStatusOn,
  importHouseholds,
  exportRegister,
  listOperators,
  getOperator,
  createOperator,
  updateOperator,
  listInstitutions,
  getInstitution,
  listGovUnits,
  listAudit,
  listUsers,
  createUser,
  resetPassword,
  listSessions,
  revokeSession,
  listParameters,
  addParameterVersion,
  listLoanProducts,
  createLoanProduct,
  createNeed,
  listNeeds,
  respondToNeed,
  needBoard,
  listLoans,
  getLoan,
  applyForLoan,
  approveLoan,
  disburseLoan,
  recordRepayment,
  importRepayments,
  runPrecisionChecks,
  listPrecisionFindings,
  resolvePrecisionFinding,
  flagEnterpriseUse,
  downloadPoorList,
  uploadLedger,
  listExchangeReports,
  listMismatches,
  listLoanEvents,
  requestLoanEvent,
  approveLoanEvent,
  rejectLoanEvent,
  prepareRun,
  submitRun,
  reviewRun,
  approveRun,
  rejectRun,
  payRun,
  listRuns,
  getRun,
  listRunLines,
  diffRun,
  excludeLine,
  includeLine,
  loanSubsidies,
  paymentList,
  whatIf,
  forecast,
  topUpFund,
  fundBalances,
] as unknown as readonly UseCase<never, unknown>[];

const names = new Set<string>();
for (const uc of USE_CASES) {
  if (names.has(uc.name)) throw new Error(`use case ${uc.name} is registered twice`);
  names.add(uc.name);
}
