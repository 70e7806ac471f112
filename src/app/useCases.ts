import { listAudit } from './auditLog.ts';
import { fundBalances, topUpFund } from './settlement/funds.ts';
import { getLoanSubsidyFacts, setLoanSubsidyFacts } from './settlement/loanFacts.ts';
import { createGuarantee, getGuarantee, listGuarantees } from './guarantees/guarantees.ts';
import { recordGuaranteeEvent, recordGuaranteeYear } from './guarantees/guaranteeRecords.ts';
import { createPolicy, listPolicies, recordClaim } from './insurance/policies.ts';
import { checkLossClaim } from './losses/lossClaimCheck.ts';
import { fileGuaranteeClaim, fileLossClaim, listLossClaims } from './losses/lossClaims.ts';
import { recordLossRecovery } from './losses/lossRecoveries.ts';
import { setLossShares } from './losses/lossShares.ts';
import {
  addDemonstrationVillage,
  listDemonstrationVillages,
} from './credit/demonstrationVillages.ts';
import { addPropertyPilot, endPropertyPilot, listPropertyPilots } from './losses/propertyPilots.ts';
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
import { recordAssetIncomeDividend, recordAssetIncomeStake } from './loans/assetIncome.ts';
import { householdAssetIncome, loanAssetIncome } from './loans/assetIncomeLists.ts';
import {
  approveLoanEvent,
  listLoanEvents,
  rejectLoanEvent,
  requestLoanEvent,
} from './loans/loanEvents.ts';
import { needBoard } from './loans/needBoard.ts';
import { createNeed, listNeeds, respondToNeed } from './loans/needs.ts';
import { createLoanProduct, listLoanProducts, updateLoanProduct } from './loans/products.ts';
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
import { networkCoverage } from './network/coverage.ts';
import {
  closeServicePoint,
  createServicePoint,
  listServicePoints,
} from './network/servicePoints.ts';
import {
  approveReport,
  getReport,
  listReports,
  rejectReport,
  submitReport,
} from './statistics/reports.ts';
import { getDashboard } from './targets/dashboard.ts';
import { listTargets } from './targets/targetList.ts';
import { getCollection, saveCollection } from './credit/collections.ts';
import {
  appealDefaulter,
  clearDefaulter,
  decideAppeal,
  listDefaulter,
  listDefaulters,
} from './credit/defaulters.ts';
import {
  decideDesignations,
  designationHistory,
  listProposals,
  proposeDesignation,
  proposeHouseholds,
} from './credit/designations.ts';
import { creditOverview } from './credit/overview.ts';
import { rateSubject, ratingCard, runRatings } from './credit/ratings.ts';
import { creditWorklist } from './credit/worklist.ts';
import type { UseCase } from './useCase.ts';
import { flagOverdue, listNotifications } from './supervision/notifications.ts';
import { matrixView, supervisionOverview } from './supervision/overview.ts';
import { fileReport, myTasks } from './supervision/reports.ts';
import { quarterlyReport } from './supervision/quarterlyReport.ts';
import { quarterlyReportPrint } from './supervision/quarterlyReportPdf.ts';
import { quarterlyReportXlsx } from './supervision/quarterlyReportXlsx.ts';
import { syncTasks } from './supervision/tasks.ts';
import {
  recordRelendingQuota,
  recordRelendingUse,
  relendingPosition,
} from './relending/relending.ts';
import { createCompany, listCompanies, recordStage } from './markets/companies.ts';
import { listTrainings, recordTraining } from './markets/trainings.ts';
import { listGuarantorCapital, recordGuarantorCapital } from './guarantees/guarantorCapital.ts';
import { statisticsTemplate } from './statistics/reportTemplate.ts';
import { uploadReport } from './statistics/reportUpload.ts';
import {
  createScheme,
  enterScores,
  finishEvaluation,
  listEvaluations,
} from './supervision/evaluations.ts';
import { computeEvaluation } from './supervision/evaluationCompute.ts';
import { getScheme } from './supervision/evaluationSchemeView.ts';

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
  updateLoanProduct,
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
  getLoanSubsidyFacts,
  setLoanSubsidyFacts,
  createGuarantee,
  listGuarantees,
  getGuarantee,
  recordGuaranteeYear,
  recordGuaranteeEvent,
  recordAssetIncomeStake,
  recordAssetIncomeDividend,
  householdAssetIncome,
  loanAssetIncome,
  createPolicy,
  listPolicies,
  recordClaim,
  setLossShares,
  fileLossClaim,
  fileGuaranteeClaim,
  checkLossClaim,
  listLossClaims,
  recordLossRecovery,
  addPropertyPilot,
  endPropertyPilot,
  listPropertyPilots,
  addDemonstrationVillage,
  listDemonstrationVillages,
  createServicePoint,
  closeServicePoint,
  listServicePoints,
  networkCoverage,
  listTargets,
  submitReport,
  approveReport,
  rejectReport,
  listReports,
  getReport,
  statisticsTemplate,
  uploadReport,
  recordRelendingQuota,
  recordRelendingUse,
  relendingPosition,
  createCompany,
  recordStage,
  listCompanies,
  recordTraining,
  listTrainings,
  recordGuarantorCapital,
  listGuarantorCapital,
  getDashboard,
  matrixView,
  syncTasks,
  myTasks,
  fileReport,
  supervisionOverview,
  quarterlyReport,
  quarterlyReportPrint,
  quarterlyReportXlsx,
  flagOverdue,
  listNotifications,
  createScheme,
  enterScores,
  computeEvaluation,
  getScheme,
  finishEvaluation,
  listEvaluations,
  saveCollection,
  getCollection,
  creditWorklist,
  rateSubject,
  runRatings,
  ratingCard,
  proposeDesignation,
  proposeHouseholds,
  decideDesignations,
  listProposals,
  designationHistory,
  creditOverview,
  listDefaulter,
  appealDefaulter,
  decideAppeal,
  clearDefaulter,
  listDefaulters,
] as unknown as readonly UseCase<never, unknown>[];

const names = new Set<string>();
for (const uc of USE_CASES) {
  if (names.has(uc.name)) throw new Error(`use case ${uc.name} is registered twice`);
  names.add(uc.name);
}
