import type { UseCase } from '../app/useCase.ts';
import { listAudit } from '../app/auditLog.ts';
import {
  createUser,
  listSessions,
  listUsers,
  resetPassword,
  revokeSession,
} from '../app/auth/users.ts';
import {
  createHousehold,
  getHousehold,
  householdHistory,
  listHouseholds,
  povertyStatusOn,
  recordPovertyStatus,
  updateHousehold,
} from '../app/register/households.ts';
import { getInstitution, listGovUnits, listInstitutions } from '../app/register/institutions.ts';
import {
  createOperator,
  getOperator,
  listOperators,
  updateOperator,
} from '../app/register/operators.ts';
import { listRegions } from '../app/register/regions.ts';
import { addParameterVersion, listParameters } from '../app/policy/parameterVersions.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../app/loans/applications.ts';
import { getLoan, listLoans } from '../app/loans/loanDetail.ts';
import { recordAssetIncomeDividend, recordAssetIncomeStake } from '../app/loans/assetIncome.ts';
import { householdAssetIncome, loanAssetIncome } from '../app/loans/assetIncomeLists.ts';
import {
  approveLoanEvent,
  listLoanEvents,
  rejectLoanEvent,
  requestLoanEvent,
} from '../app/loans/loanEvents.ts';
import { needBoard } from '../app/loans/needBoard.ts';
import { createNeed, listNeeds, respondToNeed } from '../app/loans/needs.ts';
import { createLoanProduct, listLoanProducts, updateLoanProduct } from '../app/loans/products.ts';
import { recordRepayment } from '../app/loans/repayments.ts';
import {
  flagEnterpriseUse,
  listPrecisionFindings,
  resolvePrecisionFinding,
  runPrecisionChecks,
} from '../app/loans/precisionChecks.ts';
import {
  downloadPoorList,
  listExchangeReports,
  listMismatches,
} from '../app/loans/bankExchange.ts';
import { fundBalances, topUpFund } from '../app/settlement/funds.ts';
import { getLoanSubsidyFacts, setLoanSubsidyFacts } from '../app/settlement/loanFacts.ts';
import { createGuarantee, getGuarantee, listGuarantees } from '../app/guarantees/guarantees.ts';
import { recordGuaranteeEvent, recordGuaranteeYear } from '../app/guarantees/guaranteeRecords.ts';
import {
  listGuarantorCapital,
  recordGuarantorCapital,
} from '../app/guarantees/guarantorCapital.ts';
import {
  recordRelendingQuota,
  recordRelendingUse,
  relendingPosition,
} from '../app/relending/relending.ts';
import { createCompany, listCompanies, recordStage } from '../app/markets/companies.ts';
import { listTrainings, recordTraining } from '../app/markets/trainings.ts';
import { createPolicy, listPolicies, recordClaim } from '../app/insurance/policies.ts';
import { checkLossClaim } from '../app/losses/lossClaimCheck.ts';
import { fileGuaranteeClaim, fileLossClaim, listLossClaims } from '../app/losses/lossClaims.ts';
import { recordLossRecovery } from '../app/losses/lossRecoveries.ts';
import { setLossShares } from '../app/losses/lossShares.ts';
import {
  addPropertyPilot,
  endPropertyPilot,
  listPropertyPilots,
} from '../app/losses/propertyPilots.ts';
import { excludeLine, includeLine } from '../app/settlement/lineExclusion.ts';
import { prepareRun } from '../app/settlement/prepareRun.ts';
import { forecast, whatIf } from '../app/settlement/whatIf.ts';
import {
  approveRun,
  payRun,
  rejectRun,
  reviewRun,
  submitRun,
} from '../app/settlement/runLifecycle.ts';
import {
  diffRun,
  getRun,
  listRunLines,
  listRuns,
  loanSubsidies,
} from '../app/settlement/runQueries.ts';
import { networkCoverage } from '../app/network/coverage.ts';
import {
  closeServicePoint,
  createServicePoint,
  listServicePoints,
} from '../app/network/servicePoints.ts';
import { getCollection, saveCollection } from '../app/credit/collections.ts';
import {
  appealDefaulter,
  clearDefaulter,
  decideAppeal,
  listDefaulter,
  listDefaulters,
} from '../app/credit/defaulters.ts';
import {
  decideDesignations,
  designationHistory,
  listProposals,
  proposeDesignation,
  proposeHouseholds,
} from '../app/credit/designations.ts';
import {
  addDemonstrationVillage,
  listDemonstrationVillages,
} from '../app/credit/demonstrationVillages.ts';
import { creditOverview } from '../app/credit/overview.ts';
import { rateSubject, ratingCard, runRatings } from '../app/credit/ratings.ts';
import { creditWorklist } from '../app/credit/worklist.ts';
import {
  approveReport,
  getReport,
  listReports,
  rejectReport,
  submitReport,
} from '../app/statistics/reports.ts';
import { getDashboard } from '../app/targets/dashboard.ts';
import { listTargets } from '../app/targets/targetList.ts';
import { flagOverdue, listNotifications } from '../app/supervision/notifications.ts';
import { matrixView, supervisionOverview } from '../app/supervision/overview.ts';
import { fileReport, myTasks } from '../app/supervision/reports.ts';
import { quarterlyReport } from '../app/supervision/quarterlyReport.ts';
import { quarterlyReportPrint } from '../app/supervision/quarterlyReportPdf.ts';
import { syncTasks } from '../app/supervision/tasks.ts';
import {
  createScheme,
  enterScores,
  finishEvaluation,
  listEvaluations,
} from '../app/supervision/evaluations.ts';
import { computeEvaluation } from '../app/supervision/evaluationCompute.ts';
import { getScheme } from '../app/supervision/evaluationSchemeView.ts';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  tag: string;
  summary: string;
  useCase: UseCase<never, unknown>;
  /** HTTP status of a success; 201 for creations. */
  status?: number;
}

const r = <I, O>(
  method: RouteSpec['method'],
  url: string,
  tag: string,
  summary: string,
  useCase: UseCase<I, O>,
  status?: number,
): RouteSpec => ({
  method,
  url,
  tag,
  summary,
  useCase: useCase as unknown as UseCase<never, unknown>,
  status,
});

/**
 * Every API route is a use case: the request's path parameters, query and body are
 * merged into the use case's input, which validates them.
 */
export const ROUTES: RouteSpec[] = [
  r('GET', '/regions', 'register', '区划（乡镇、行政村、社） Regions', listRegions),
  r('GET', '/households', 'register', '农户列表 List households', listHouseholds),
  r('POST', '/households', 'register', '登记农户 Register a household', createHousehold, 201),
  r('GET', '/households/:id', 'register', '农户详情 Household detail', getHousehold),
  r('PATCH', '/households/:id', 'register', '修改农户 Edit a household', updateHousehold),
  r(
    'GET',
    '/households/:id/history',
    'register',
    '农户变更历史 Household change history',
    householdHistory,
  ),
  r(
    'POST',
    '/households/:id/poverty-status',
    'register',
    '记录贫困状态变化 Record a poverty status change',
    recordPovertyStatus,
    201,
  ),
  r(
    'GET',
    '/households/:id/poverty-status-on',
    'register',
    '某日贫困状态 Poverty status on a date',
    povertyStatusOn,
  ),
  r('GET', '/operators', 'register', '新型农业经营主体列表 List operators', listOperators),
  r('POST', '/operators', 'register', '登记经营主体 Register an operator', createOperator, 201),
  r('GET', '/operators/:id', 'register', '经营主体详情 Operator detail', getOperator),
  r('PATCH', '/operators/:id', 'register', '修改经营主体 Edit an operator', updateOperator),
  r('GET', '/institutions', 'register', '金融机构 Financial institutions', listInstitutions),
  r('GET', '/institutions/:id', 'register', '金融机构详情 Institution detail', getInstitution),
  r('GET', '/gov-units', 'register', '责任单位 Government units', listGovUnits),
  r('GET', '/policy/parameters', 'policy', '政策参数 Policy parameters', listParameters),
  r(
    'POST',
    '/policy/parameters/:id/versions',
    'policy',
    '新增参数版本 Add a parameter version',
    addParameterVersion,
    201,
  ),
  r('GET', '/loan-products', 'loans', '贷款产品 Loan products', listLoanProducts),
  r(
    'POST',
    '/loan-products',
    'loans',
    '新增贷款产品 Create a loan product',
    createLoanProduct,
    201,
  ),
  r('PATCH', '/loan-products/:id', 'loans', '修改贷款产品 Edit a loan product', updateLoanProduct),
  r('GET', '/needs', 'loans', '融资需求 Financing needs (art. 3)', listNeeds),
  r('POST', '/needs', 'loans', '登记融资需求 Record a financing need', createNeed, 201),
  r('GET', '/needs/board', 'loans', '应贷未贷 Poor households with a need and no loan', needBoard),
  r('POST', '/needs/:id/respond', 'loans', '银行响应需求 A bank responds to a need', respondToNeed),
  r('GET', '/loans', 'loans', '贷款列表 Loans', listLoans),
  r('POST', '/loans', 'loans', '贷款申请 Apply for a loan', applyForLoan, 201),
  r('GET', '/loans/:id', 'loans', '贷款详情 Loan detail with schedule and repayments', getLoan),
  r('POST', '/loans/:id/approve', 'loans', '审批贷款 Approve a loan', approveLoan),
  r('POST', '/loans/:id/disburse', 'loans', '放款 Disburse a loan', disburseLoan),
  r('POST', '/loans/:id/repayments', 'loans', '登记还款 Record a repayment', recordRepayment, 201),
  r(
    'POST',
    '/asset-income/stakes',
    'loans',
    '登记资产收益股权 Record an asset-income stake (art. 13)',
    recordAssetIncomeStake,
    201,
  ),
  r(
    'POST',
    '/asset-income/stakes/:id/dividends',
    'loans',
    '登记分红 Record a dividend on a stake',
    recordAssetIncomeDividend,
    201,
  ),
  r(
    'GET',
    '/households/:id/asset-income',
    'loans',
    "农户资产收益 A household's stakes",
    householdAssetIncome,
  ),
  r('GET', '/loans/:id/asset-income', 'loans', "贷款关联农户 A loan's households", loanAssetIncome),
  r(
    'POST',
    '/precision/runs',
    'loans',
    '运行精准核查 Run the precision checks',
    runPrecisionChecks,
  ),
  r(
    'GET',
    '/precision/findings',
    'loans',
    '精准核查问题 Precision-check findings',
    listPrecisionFindings,
  ),
  r(
    'POST',
    '/precision/findings/:id/resolve',
    'loans',
    '处理核查问题 Resolve a finding',
    resolvePrecisionFinding,
  ),
  r(
    'POST',
    '/loans/:id/enterprise-use',
    'loans',
    '标记户贷企用 Flag enterprise use of a household loan',
    flagEnterpriseUse,
  ),
  r(
    'POST',
    '/exchange/poor-list',
    'loans',
    '下载建档立卡名单（审计） Download the registered-poor list (audited)',
    downloadPoorList,
  ),
  r(
    'GET',
    '/exchange/reports',
    'loans',
    '台账核对报告 Ledger reconciliation reports',
    listExchangeReports,
  ),
  r(
    'GET',
    '/exchange/reports/:reportId/mismatches',
    'loans',
    '台账差异 Ledger mismatches',
    listMismatches,
  ),
  r('GET', '/loans/:id/events', 'loans', '贷款事件 Loan events', listLoanEvents),
  r(
    'POST',
    '/loans/:id/events',
    'loans',
    '申请贷款事件（展期、续贷、追加、核销、收回） Request a loan event',
    requestLoanEvent,
    201,
  ),
  r(
    'POST',
    '/loans/:id/events/:eventId/approve',
    'loans',
    '批准贷款事件 Approve a loan event',
    approveLoanEvent,
  ),
  r(
    'POST',
    '/loans/:id/events/:eventId/reject',
    'loans',
    '驳回贷款事件 Reject a loan event',
    rejectLoanEvent,
  ),
  r('GET', '/settlement/runs', 'settlement', '结算批次 Settlement runs', listRuns),
  r('POST', '/settlement/runs', 'settlement', '生成结算批次 Prepare a run', prepareRun, 201),
  r('GET', '/settlement/runs/:id', 'settlement', '结算批次详情 Run detail', getRun),
  r('GET', '/settlement/runs/:id/lines', 'settlement', '结算明细 Run lines', listRunLines),
  r('GET', '/settlement/runs/:id/diff', 'settlement', '与上一批次的差异 Difference', diffRun),
  r('POST', '/settlement/runs/:id/submit', 'settlement', '提交 Submit a run', submitRun),
  r('POST', '/settlement/runs/:id/review', 'settlement', '复核 Review a run', reviewRun),
  r('POST', '/settlement/runs/:id/approve', 'settlement', '审批 Approve a run', approveRun),
  r('POST', '/settlement/runs/:id/reject', 'settlement', '退回 Reject a run', rejectRun),
  r('POST', '/settlement/runs/:id/pay', 'settlement', '登记支付 Record payment', payRun),
  r(
    'POST',
    '/settlement/runs/:id/lines/:n/exclude',
    'settlement',
    '排除结算行 Exclude a line',
    excludeLine,
  ),
  r(
    'POST',
    '/settlement/runs/:id/lines/:n/include',
    'settlement',
    '恢复结算行 Restore a line',
    includeLine,
  ),
  r('GET', '/loans/:id/subsidies', 'settlement', '贷款贴息记录 Loan subsidies', loanSubsidies),
  r(
    'GET',
    '/loans/:id/subsidy-facts',
    'settlement',
    '贷款贴息要素 Subsidy facts',
    getLoanSubsidyFacts,
  ),
  r(
    'PATCH',
    '/loans/:id/subsidy-facts',
    'settlement',
    '登记贷款贴息要素 Record subsidy facts',
    setLoanSubsidyFacts,
  ),
  r('GET', '/guarantees', 'guarantees', '担保合同 Guarantees', listGuarantees),
  r('POST', '/guarantees', 'guarantees', '登记担保合同 Record a guarantee', createGuarantee, 201),
  r('GET', '/guarantees/:id', 'guarantees', '担保合同详情 Guarantee', getGuarantee),
  r(
    'POST',
    '/guarantees/:id/years',
    'guarantees',
    '登记年度新增担保额 Record a year',
    recordGuaranteeYear,
    201,
  ),
  r(
    'POST',
    '/guarantees/:id/events',
    'guarantees',
    '登记代偿或追偿 Record a compensation or recovery',
    recordGuaranteeEvent,
    201,
  ),
  r('GET', '/insurance/policies', 'insurance', '保单 Insurance policies', listPolicies),
  r('POST', '/insurance/policies', 'insurance', '登记保单 Record a policy', createPolicy, 201),
  r(
    'POST',
    '/insurance/policies/:id/claims',
    'insurance',
    '登记理赔 Record a claim',
    recordClaim,
    201,
  ),
  r('POST', '/settlement/what-if', 'settlement', '参数假设测算 What-if', whatIf),
  r('GET', '/settlement/forecast', 'settlement', '未来四季度贴息预测 Forecast', forecast),
  r('GET', '/funds', 'settlement', '资金余额与试算平衡 Fund balances', fundBalances),
  r('GET', '/losses/claims', 'settlement', '损失补偿申请 Loss claims', listLossClaims),
  r('POST', '/losses/claims', 'settlement', '申请损失补偿 File a loss claim', fileLossClaim, 201),
  r(
    'POST',
    '/losses/guarantee-claims',
    'settlement',
    '申请代偿损失补偿 File a guarantee compensation claim',
    fileGuaranteeClaim,
    201,
  ),
  r('POST', '/losses/claims/:id/check', 'settlement', '审核损失补偿 Check a claim', checkLossClaim),
  r(
    'POST',
    '/losses/claims/:id/recoveries',
    'settlement',
    '登记追回款 Record a recovery',
    recordLossRecovery,
    201,
  ),
  r('POST', '/losses/shares', 'settlement', '设置损失分担比例 Set loss shares', setLossShares, 201),
  r('GET', '/losses/pilots', 'settlement', '“两权”抵押试点机构 Art. 19 pilots', listPropertyPilots),
  r(
    'POST',
    '/losses/pilots',
    'settlement',
    '登记试点机构 Add an art. 19 pilot',
    addPropertyPilot,
    201,
  ),
  r('POST', '/losses/pilots/end', 'settlement', '结束试点 End a pilot', endPropertyPilot),
  r('POST', '/funds/top-ups', 'settlement', '资金拨入 Top up a fund', topUpFund, 201),
  r('GET', '/network/points', 'network', '金融服务网点 Service points', listServicePoints),
  r(
    'POST',
    '/network/points',
    'network',
    '登记服务网点 Record a service point',
    createServicePoint,
    201,
  ),
  r(
    'POST',
    '/network/points/:id/close',
    'network',
    '撤销服务网点 Close a service point',
    closeServicePoint,
  ),
  r('GET', '/network/coverage', 'network', '金融服务覆盖 Coverage', networkCoverage),
  r('GET', '/targets', 'targets', '政策目标进度 Policy targets', listTargets),
  r('GET', '/dashboard', 'targets', '驾驶舱全部指标 Dashboard figures', getDashboard),
  r('GET', '/statistics/reports', 'statistics', '金融机构统计报表 Statistics reports', listReports),
  r(
    'POST',
    '/statistics/reports',
    'statistics',
    '报送统计报表 Submit a statistics report',
    submitReport,
    201,
  ),
  r('GET', '/statistics/reports/:id', 'statistics', '统计报表详情 Report detail', getReport),
  r(
    'POST',
    '/statistics/reports/:id/approve',
    'statistics',
    '审批统计报表 Approve a report',
    approveReport,
  ),
  r(
    'POST',
    '/statistics/reports/:id/reject',
    'statistics',
    '退回统计报表 Reject a report',
    rejectReport,
  ),
  r('GET', '/relending', 'relending', '扶贫再贷款指标与使用 Relending position', relendingPosition),
  r(
    'POST',
    '/relending/quotas',
    'relending',
    '登记再贷款指标 Record a relending quota',
    recordRelendingQuota,
    201,
  ),
  r(
    'POST',
    '/relending/uses',
    'relending',
    '登记再贷款借用或归还 Record a relending drawdown or repayment',
    recordRelendingUse,
    201,
  ),
  r('GET', '/markets/companies', 'markets', '上市挂牌后备企业 Pipeline companies', listCompanies),
  r(
    'POST',
    '/markets/companies',
    'markets',
    '登记后备企业 Record a pipeline company',
    createCompany,
    201,
  ),
  r(
    'POST',
    '/markets/companies/:id/stages',
    'markets',
    '登记企业所处阶段 Record a stage',
    recordStage,
    201,
  ),
  r('GET', '/markets/trainings', 'markets', '直接融资培训 Trainings', listTrainings),
  r(
    'POST',
    '/markets/trainings',
    'markets',
    '登记直接融资培训 Record a training',
    recordTraining,
    201,
  ),
  r(
    'GET',
    '/guarantors/capital',
    'guarantees',
    '担保机构实收资本 Paid-in capital',
    listGuarantorCapital,
  ),
  r(
    'POST',
    '/guarantors/capital',
    'guarantees',
    '登记实收资本 Record paid-in capital',
    recordGuarantorCapital,
    201,
  ),
  r('GET', '/supervision/matrix', 'supervision', '责任矩阵 Responsibility matrix', matrixView),
  r('POST', '/supervision/tasks/sync', 'supervision', '生成责任任务 Create tasks', syncTasks),
  r('GET', '/supervision/my-tasks', 'supervision', '本单位任务 My unit’s tasks', myTasks),
  r('POST', '/supervision/reports', 'supervision', '报告进展 File a report', fileReport, 201),
  r('GET', '/supervision/overview', 'supervision', '督查总览 Supervision', supervisionOverview),
  r(
    'GET',
    '/supervision/quarterly-report',
    'supervision',
    '季度报告（报区政府） Quarterly report to the district government',
    quarterlyReport,
  ),
  r(
    'GET',
    '/supervision/quarterly-report/print',
    'supervision',
    '季度报告打印页（HTML） Quarterly report, printable HTML',
    quarterlyReportPrint,
  ),
  r('POST', '/supervision/flag-overdue', 'supervision', '逾期提醒 Flag overdue', flagOverdue),
  r('GET', '/supervision/notifications', 'supervision', '通知 Notices', listNotifications),
  r('POST', '/evaluations/schemes', 'supervision', '评价方案 Evaluation scheme', createScheme, 201),
  r('POST', '/evaluations/scores', 'supervision', '评分 Enter scores', enterScores),
  r('POST', '/evaluations/compute', 'supervision', '计算定量指标 Compute', computeEvaluation),
  r('GET', '/evaluations/scheme', 'supervision', '评价方案 Scheme', getScheme),
  r('POST', '/evaluations/finish', 'supervision', '完成评价 Finish', finishEvaluation),
  r('GET', '/evaluations', 'supervision', '评价结果 Evaluations', listEvaluations),
  r(
    'GET',
    '/credit/demonstration-villages',
    'credit',
    '金融扶贫示范村 Demonstration villages',
    listDemonstrationVillages,
  ),
  r(
    'POST',
    '/credit/demonstration-villages',
    'credit',
    '登记金融扶贫示范村 Add a demonstration village',
    addDemonstrationVillage,
    201,
  ),
  r('GET', '/credit/worklist', 'credit', '信用信息采集清单 Collection worklist', creditWorklist),
  r('POST', '/credit/collections', 'credit', '保存信用信息采集表 Save a form', saveCollection, 201),
  r('GET', '/credit/collections/:id', 'credit', '信用信息采集表 A form', getCollection),
  r('POST', '/credit/ratings', 'credit', '信用评级 Rate a subject', rateSubject, 201),
  r('POST', '/credit/ratings/run', 'credit', '批量评级 Rate all due', runRatings),
  r('GET', '/credit/rating-card', 'credit', '评级卡 Rating card', ratingCard),
  r('GET', '/credit/overview', 'credit', '信用体系总览 Credit overview', creditOverview),
  r(
    'POST',
    '/credit/proposals',
    'credit',
    '提名认定 Propose a designation',
    proposeDesignation,
    201,
  ),
  r(
    'POST',
    '/credit/proposals/households',
    'credit',
    '提名本村信用户 Propose a village’s credit households',
    proposeHouseholds,
  ),
  r('POST', '/credit/proposals/decide', 'credit', '审批认定 Decide proposals', decideDesignations),
  r('GET', '/credit/proposals', 'credit', '认定提名 Proposals', listProposals),
  r('GET', '/credit/designations/history', 'credit', '认定历史 History', designationHistory),
  r('GET', '/credit/defaulters', 'credit', '失信名单 Defaulters list', listDefaulters),
  r('POST', '/credit/defaulters', 'credit', '列入失信名单 List a defaulter', listDefaulter, 201),
  r('POST', '/credit/defaulters/:id/appeal', 'credit', '申诉 Appeal', appealDefaulter),
  r('POST', '/credit/defaulters/:id/decide-appeal', 'credit', '处理申诉 Decide', decideAppeal),
  r('POST', '/credit/defaulters/:id/clear', 'credit', '解除 Clear a listing', clearDefaulter),
  r('GET', '/audit', 'audit', '审计日志 Audit log', listAudit),
  r('GET', '/users', 'accounts', '用户列表 Users', listUsers),
  r('POST', '/users', 'accounts', '创建用户 Create a user', createUser, 201),
  r('POST', '/users/reset-password', 'accounts', '重置密码 Reset a password', resetPassword),
  r('GET', '/users/:userId/sessions', 'accounts', '用户会话 A user’s sessions', listSessions),
  r('POST', '/sessions/:id/revoke', 'accounts', '注销会话 Revoke a session', revokeSession),
];
