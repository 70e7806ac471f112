import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../../src/app/actor.ts';
import { login } from '../../src/app/auth/sessions.ts';
import { DEMO_PASSWORD } from '../../src/app/demo/seedDemo.ts';
import { AppError } from '../../src/app/errors.ts';
import { ExportTarget } from '../../src/app/register/exportRegister.ts';
import { ImportSource } from '../../src/app/register/importHouseholds.ts';
import { PII_READERS, ROLES, type Role } from '../../src/app/roles.ts';
import { defineUseCase, execute, MissingAuditError, type UseCase } from '../../src/app/useCase.ts';
import { USE_CASES } from '../../src/app/useCases.ts';
import { ROUTES } from '../../src/http/routes.ts';
import { createServicePoint } from '../../src/app/network/servicePoints.ts';
import { submitReport } from '../../src/app/statistics/reports.ts';
import { createGuarantee } from '../../src/app/guarantees/guarantees.ts';
import { createPolicy } from '../../src/app/insurance/policies.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { form, lazyCreditFixture, type CreditFixture } from './creditSetup.ts';
import { lazyEventFixture, type EventFixture } from './loanEventSetup.ts';
import { linesOf, ZERO } from './statisticsSetup.ts';
import { lazyRecordsFixture, zeroStatisticsSheet } from './recordsSetup.ts';
import { lazyLoanFixture, poorHousehold, type LoanFixture } from './loanSetup.ts';
import { recordAssetIncomeStake } from '../../src/app/loans/assetIncome.ts';
import { lazyPrecisionFixture, type PrecisionFixture } from './precisionSetup.ts';
import { lazySettlementFixture, type SettlementFixture } from './settlementSetup.ts';
import { lazyLossFixture, type LossFixture } from './lossClaimSetup.ts';
import {
  ALL_TABLES,
  BAIMA,
  Clock,
  auditRows,
  auditSince,
  dump,
  expectBilingual,
  householdIn,
  residentId,
  usccFor,
  type Table,
} from './helpers.ts';

/**
 * Walks USE_CASES through execute(), the one door into the application: every use case
 * refuses roles outside its list, answers malformed input with a bilingual field error,
 * and leaves exactly the audit entries it should.
 */

/** One demo account per role. */
const ACCOUNT: Record<Role, string> = {
  district_admin: 'admin',
  financial_office: 'jrzx',
  poverty_office: 'fpb',
  finance_bureau: 'czj',
  pboc: 'rh',
  regulator: 'yjb',
  township_clerk: 'baima',
  bank_officer: 'icbc',
  insurer: 'picc',
  guarantor: 'xndb',
  gov_unit: 'fgw',
  auditor: 'audit',
};

interface Fixture {
  householdId: string;
  operatorId: string;
  institutionId: string;
  fgwUserId: string;
  /** A session of the xndb guarantor, for session.revoke to end. */
  spareSessionId: string;
  spareUserId: string;
  version: () => Promise<number>;
  operatorVersion: () => Promise<number>;
  /** A loan product, a need and ICBC loans in each state, built once on first use. */
  loans: () => Promise<LoanFixture>;
  /** A precision finding to resolve and a stored ledger report, built once on first use. */
  precision: () => Promise<PrecisionFixture>;
  /** Two ICBC loans with an extension awaiting a decision, built once on first use. */
  events: () => Promise<EventFixture>;
  /** Settlement runs in each state, built once on first use. */
  settlement: () => Promise<SettlementFixture>;
  /** ICBC, the lender of the fixture loans. */
  icbcId: string;
  /** A guarantee by 兴农担保 of the approved fixture loan, recorded on first use. */
  guarantee: () => Promise<{ id: string }>;
  /** The fixture household's 户编号. */
  householdNo: string;
  /** A PICC policy on the fixture household, recorded on first use. */
  policy: () => Promise<{ id: string }>;
  /** The version of the disbursed fixture loan's subsidy facts (0: none yet). */
  subsidyFactsVersion: () => Promise<number>;
  /** An ICBC POS terminal in 白马镇, recorded by the ICBC officer on first use. */
  servicePoint: () => Promise<{ id: string }>;
  /** Two ICBC statistics reports awaiting the PBOC sub-branch, submitted on first use. */
  statistics: () => Promise<{ toApprove: string; toReject: string }>;
  /** A relending quota and a pipeline company, recorded on first use. */
  records: () => Promise<{ companyId: string; bankId: string }>;
  /** Credit forms, ratings, a pending proposal and defaulter listings, built once on first use. */
  credit: () => Promise<CreditFixture>;
  /** Two poor 白马镇 households, the first with a stake in the disbursed fixture loan. */
  assetIncome: () => Promise<{ householdId: string; freeHouseholdId: string; stakeId: string }>;
  /** Non-performing ICBC loans, loss claims filed and paid, a compensating guarantee. */
  losses: () => Promise<LossFixture>;
}

/** An income insurance policy of the fixture household (insurance.*). */
const POLICY = {
  scheme: 'income',
  product: 'hogs',
  premium: '600',
  centralShare: '0',
  cityShare: '0',
  districtShare: '0',
  premiumDate: '2017-04-01',
  startDate: '2017-04-01',
  endDate: '2018-03-31',
};

/** Files for the import and export use cases: a one-household CSV in 白马镇. */
const FILES = mkdtempSync(join(tmpdir(), 'jinfu-registry-'));
afterAll(() => rmSync(FILES, { recursive: true, force: true }));
const IMPORT_CSV = join(FILES, 'import.csv');
const importCsv = `户编号,行政村代码,户主姓名,户主身份证号,贫困状态,状态生效日期,来源\nREG-IMPORT-1,${BAIMA}001,导入测试,${residentId(601)},建档立卡贫困户,2017-03-01,动态调整\n`;
writeFileSync(IMPORT_CSV, importCsv);
/** A one-payment repayment file on the fixture's disbursed ICBC loan. */
const REPAYMENT_CSV = join(FILES, 'repayments.csv');
const repaymentCsv =
  '合同编号,交易流水号,还款日期,还款金额\nREG-DISBURSED,REG-IMPORT-TXN-1,2017-04-13,50\n';
writeFileSync(REPAYMENT_CSV, repaymentCsv);
/** A one-contract ledger naming the fixture's disbursed ICBC loan. */
const LEDGER_CSV = join(FILES, 'ledger.csv');
const ledgerCsv = `合同编号,身份证号,贷款金额,放款日期,到期日期,贷款余额\nREG-DISBURSED,${residentId(603)},20000,2017-03-12,2019-03-12,20000\n`;
writeFileSync(LEDGER_CSV, ledgerCsv);

/**
 * A valid input for every use case, aimed at records every reading role may see (白马镇 is
 * the baima clerk's township and is served by ICBC), so a missing role check would
 * succeed and show up as a change.
 */
const INPUTS: Record<string, (f: Fixture) => Promise<unknown> | unknown> = {
  'region.list': () => ({ level: 'township' }),
  'household.list': () => ({ pageSize: 5 }),
  'household.get': (f) => ({ id: f.householdId }),
  'household.history': (f) => ({ id: f.householdId }),
  'household.create': () => ({
    householdNo: 'REG-0001',
    villageCode: `${BAIMA}001`,
    headName: '登记测试',
    headIdNumber: residentId(501),
    phone: '13800138001',
    members: [{ name: '登记配偶', idNumber: residentId(502, '19820202'), relation: '配偶' }],
    povertyStatus: 'registered_poor',
    statusEffectiveFrom: '2017-03-01',
    statusSource: '动态调整',
  }),
  'household.update': async (f) => ({
    id: f.householdId,
    version: await f.version(),
    address: '白马镇登记测试地址',
  }),
  'household.poverty-status': (f) => ({
    id: f.householdId,
    status: 'lifted',
    effectiveFrom: '2017-05-01',
    source: '年度脱贫验收',
  }),
  'household.poverty-status-on': (f) => ({ id: f.householdId, date: '2017-01-01' }),
  'household.import': () => ({ source: ImportSource.fromPath(IMPORT_CSV), mode: 'commit' }),
  'register.export': () => ({ target: ExportTarget.toPath(join(FILES, 'export.xlsx')) }),
  'operator.list': () => ({}),
  'operator.get': (f) => ({ id: f.operatorId }),
  'operator.create': () => ({
    kind: 'family_farm',
    name: '登记测试家庭农场',
    uscc: usccFor(501),
    villageCode: `${BAIMA}001`,
    workforce: 6,
    poorWorkforce: 2,
  }),
  'operator.update': async (f) => ({
    id: f.operatorId,
    version: await f.operatorVersion(),
    workforce: 30,
  }),
  'institution.list': () => ({}),
  'institution.get': (f) => ({ id: f.institutionId }),
  'gov-unit.list': () => ({}),
  'audit.list': () => ({}),
  'user.list': () => ({}),
  'user.create': () => ({
    username: 'registry-clerk',
    displayName: '登记测试经办员',
    role: 'township_clerk',
    townshipCode: BAIMA,
    password: 'Registry-Passw0rd',
  }),
  'user.reset-password': () => ({ username: 'fgw', password: 'Registry-Reset-1' }),
  'session.list': (f) => ({ userId: f.fgwUserId }),
  'session.revoke': (f) => ({ id: f.spareSessionId }),
  'policy.parameter.list': () => ({ article: 11 }),
  'policy.parameter.add-version': () => ({
    id: 'art11.micro-credit.max-amount',
    effectiveFrom: '2018-01-01',
    value: 60000,
    document: '登记测试文件',
  }),
  'loan-product.list': () => ({}),
  'loan-product.create': () => ({
    code: 'REG-PRODUCT',
    category: 'relocation',
    nameZh: '登记测试产品',
    nameEn: 'Registry test product',
    minAmount: '1000',
    maxAmount: '100000',
    minTermMonths: 12,
    maxTermMonths: 60,
    method: 'interest-only',
    interestPeriod: 'quarterly',
    collateral: 'none',
  }),
  'loan-product.update': async (f) => ({
    ...(await f.loans()).product,
    nameZh: '登记测试产品（改）',
  }),
  'need.create': (f) => ({
    householdId: f.householdId,
    amount: '10000',
    purpose: '登记测试需求',
    industry: '种植业',
    recordedOn: '2017-03-01',
  }),
  'need.list': () => ({ pageSize: 5 }),
  'need.respond': async (f) => ({ id: (await f.loans()).needId, response: '登记测试响应' }),
  'need.board': () => ({ asOf: '2017-06-01' }),
  'loan.list': () => ({ pageSize: 5 }),
  'loan.get': async (f) => ({ id: (await f.loans()).disbursedLoanId, asOf: '2017-06-01' }),
  'loan.apply': async (f) => ({
    productId: (await f.loans()).productId,
    householdId: f.householdId,
    contractNo: 'REG-APPLY',
    amount: '10000',
    annualRate: '4.75',
    termMonths: 12,
    appliedOn: '2017-03-10',
  }),
  'loan.approve': async (f) => ({ id: (await f.loans()).appliedLoanId }),
  'loan.disburse': async (f) => ({
    id: (await f.loans()).approvedLoanId,
    contractDate: '2017-03-12',
    disbursedOn: '2017-03-13',
  }),
  'loan.repay': async (f) => ({
    id: (await f.loans()).disbursedLoanId,
    paidOn: '2017-04-12',
    amount: '100',
    bankTxnId: 'REG-TXN-1',
  }),
  'loan.repayment-import': async (f) => {
    await f.loans(); // the file names the fixture's disbursed loan
    return { source: ImportSource.fromPath(REPAYMENT_CSV), mode: 'commit' };
  },
  'loan.precision.run': () => ({}),
  'loan.precision.list': () => ({ pageSize: 5 }),
  'loan.precision.resolve': async (f) => ({
    ...(await f.precision()).finding,
    reason: '登记测试：已核实',
  }),
  'loan.precision.flag-enterprise-use': async (f) => ({
    id: (await f.loans()).disbursedLoanId,
    enterpriseName: '登记测试公司',
  }),
  'loan.exchange.poor-list': () => ({}),
  'loan.exchange.ledger-upload': async (f) => {
    await f.loans(); // the ledger names the fixture's disbursed loan
    return { source: ImportSource.fromPath(LEDGER_CSV), mode: 'commit' };
  },
  'loan.exchange.reports': () => ({ pageSize: 5 }),
  'loan.exchange.mismatches': async (f) => ({ reportId: (await f.precision()).reportId }),
  'loan.events': async (f) => ({ id: (await f.loans()).disbursedLoanId }),
  'loan.event.request': async (f) => ({
    id: (await f.loans()).disbursedLoanId,
    kind: 'write-off',
    effectiveOn: '2017-06-01',
    reason: '登记测试核销',
  }),
  'loan.event.approve': async (f) => (await f.events()).approve,
  'loan.event.reject': async (f) => ({ ...(await f.events()).reject, note: '登记测试驳回' }),
  'settlement.run.prepare': () => ({ period: '2017-Q1' }),
  'settlement.run.submit': async (f) => ({ id: (await f.settlement()).draft }),
  'settlement.run.review': async (f) => ({ id: (await f.settlement()).submitted }),
  'settlement.run.approve': async (f) => ({ id: (await f.settlement()).reviewed }),
  'settlement.run.reject': async (f) => ({
    id: (await f.settlement()).toReject,
    reason: '登记测试退回',
  }),
  'settlement.run.pay': async (f) => ({
    id: (await f.settlement()).approved,
    paymentReference: 'REG-PAY-1',
    paidOn: '2017-06-01',
  }),
  'settlement.run.list': () => ({}),
  'settlement.run.get': async (f) => ({ id: (await f.settlement()).lines.runId }),
  'settlement.run.lines': async (f) => ({ id: (await f.settlement()).lines.runId }),
  'settlement.run.diff': async (f) => ({ id: (await f.settlement()).lines.runId }),
  'settlement.line.exclude': async (f) => {
    const { runId, included } = (await f.settlement()).lines;
    return { id: runId, n: included, reason: '登记测试排除' };
  },
  'settlement.line.include': async (f) => {
    const { runId, excluded } = (await f.settlement()).lines;
    return { id: runId, n: excluded };
  },
  'settlement.loan-subsidies': async (f) => ({ id: (await f.settlement()).loanId }),
  'loan.subsidy-facts.get': async (f) => ({ id: (await f.loans()).disbursedLoanId }),
  'asset-income.record-stake': async (f) => ({
    householdId: (await f.assetIncome()).freeHouseholdId,
    operatorId: f.operatorId,
    loanId: (await f.loans()).disbursedLoanId,
    amount: '1000',
    equityShare: '5',
    startDate: '2017-03-12',
  }),
  'asset-income.record-dividend': async (f) => ({
    id: (await f.assetIncome()).stakeId,
    period: '2017',
    amount: '80',
    paidOn: '2017-12-31',
    paymentRef: 'REG-DIV-1',
  }),
  'asset-income.household': async (f) => ({ id: (await f.assetIncome()).householdId }),
  'asset-income.loan': async (f) => ({ id: (await f.loans()).disbursedLoanId }),
  'loan.subsidy-facts.set': async (f) => ({
    id: (await f.loans()).disbursedLoanId,
    expectedVersion: await f.subsidyFactsVersion(),
    operatorId: f.operatorId,
    drivesPoorIncome: true,
  }),
  'guarantee.create': async (f) => {
    await f.loans();
    return {
      contractNo: 'REG-GUAR-CREATE',
      lenderId: f.icbcId,
      loanContractNo: 'REG-DISBURSED',
      feeRate: '1',
      amount: '10000',
      startDate: '2017-03-12',
      endDate: '2019-03-12',
    };
  },
  'guarantee.list': () => ({}),
  'guarantee.get': async (f) => ({ id: (await f.guarantee()).id }),
  'guarantee.year.record': async (f) => ({
    id: (await f.guarantee()).id,
    year: 2017,
    newAmount: '10000',
  }),
  'guarantee.event.record': async (f) => ({
    id: (await f.guarantee()).id,
    kind: 'compensation',
    occurredOn: '2017-05-02',
    amount: '100',
  }),
  'insurance.policy.create': (f) => ({
    ...POLICY,
    policyNo: 'REG-POL-CREATE',
    householdNo: f.householdNo,
  }),
  'insurance.policy.list': () => ({}),
  'insurance.claim.record': async (f) => ({
    id: (await f.policy()).id,
    occurredOn: '2017-05-01',
    amount: '100',
  }),
  'loss.shares.set': async (f) => ({
    productId: (await f.losses()).productId,
    effectiveFrom: '2016-01-01',
    fundShare: '50',
    bankShare: '30',
    guarantorShare: '10',
    insurerShare: '10',
  }),
  'loss.claim.file': async (f) => ({
    loanContractNo: (await f.losses()).unclaimedContractNo,
    lossDate: '2016-12-31',
    principalLoss: '10000',
    evidence: '登记测试',
  }),
  'loss.guarantee-claim.file': async (f) => ({
    guaranteeId: (await f.losses()).guaranteeId,
    lossDate: '2017-05-31',
    amount: '5000',
    evidence: '登记测试',
  }),
  'loss.claim.check': async (f) => ({ id: (await f.losses()).filedClaimId, decision: 'approve' }),
  'loss.claim.list': () => ({}),
  'loss.recovery.record': async (f) => ({
    id: (await f.losses()).paidClaimId,
    recoveredOn: '2017-06-01',
    amount: '100',
  }),
  'loss.pilot.add': (f) => ({
    institutionId: f.icbcId,
    fromDate: '2015-01-01',
    toDate: '2015-12-31',
    document: '登记测试',
  }),
  'loss.pilot.end': async (f) => ({
    institutionId: (await f.losses()).pilotInstitutionId,
    fromDate: '2016-06-01',
    toDate: '2016-12-31',
  }),
  'loss.pilot.list': () => ({}),
  'credit.demonstration-village.add': () => ({
    villageCode: `${BAIMA}002`,
    designatedOn: '2017-05-31',
    document: '登记测试',
  }),
  'credit.demonstration-village.list': () => ({}),
  'fund.top-up': () => ({
    fund: 'fund.district-subsidy',
    source: 'source.district-budget',
    amount: '1000',
    postedOn: '2017-01-01',
    memo: '登记测试拨款',
  }),
  'fund.balances': () => ({}),
  'settlement.what-if': () => ({
    period: '2016-Q2',
    params: { 'art11.interest-subsidy.late-payment-subsidised': true },
  }),
  'settlement.forecast': () => ({ from: '2016-06-15', quarters: 2 }),
  'settlement.run.payment-list': async (f) => ({
    id: (await f.settlement()).lines.runId,
    target: ExportTarget.toPath(join(FILES, 'payment-list.xlsx')),
  }),
  'network.point.create': () => ({
    kind: 'pos',
    name: '登记测试POS',
    place: `${BAIMA}001`,
    openedOn: '2017-01-01',
  }),
  'network.point.close': async (f) => ({
    id: (await f.servicePoint()).id,
    version: 1,
    closedOn: '2017-06-30',
  }),
  'network.point.list': () => ({}),
  'network.coverage': () => ({ asOf: '2017-12-31' }),
  'target.list': () => ({ asOf: '2017-12-31' }),
  'dashboard.get': () => ({ asOf: '2017-12-31' }),
  'statistics.report.submit': () => ({ period: '2016-11', lines: linesOf(ZERO) }),
  'statistics.report.approve': async (f) => ({ id: (await f.statistics()).toApprove, version: 1 }),
  'statistics.report.reject': async (f) => ({
    id: (await f.statistics()).toReject,
    version: 1,
    note: '请核对',
  }),
  'statistics.report.list': () => ({}),
  'statistics.report.get': async (f) => ({ id: (await f.statistics()).toApprove }),
  'statistics.template': () => ({
    target: ExportTarget.toPath(join(FILES, 'stats-template.xlsx')),
  }),
  'statistics.report.upload': async () => ({
    source: ImportSource.fromPath(await zeroStatisticsSheet(join(FILES, 'stats.xlsx'), '2014-12')),
  }),
  'relending.quota.record': () => ({ reference: 'REG-Q', grantedOn: '2017-01-02', amount: '1000' }),
  'relending.use.record': async (f) => {
    const { bankId } = await f.records();
    return {
      institutionId: bankId,
      kind: 'drawdown',
      reference: 'REG-D',
      usedOn: '2017-02-01',
      amount: '100',
    };
  },
  'relending.position': () => ({}),
  'markets.company.create': () => ({
    name: '登记测试企业二',
    uscc: usccFor(902),
    township: BAIMA,
    stage: 'tutoring',
    reachedOn: '2017-01-01',
  }),
  'markets.stage.record': async (f) => ({
    id: (await f.records()).companyId,
    version: 1,
    stage: 'tutoring',
    reachedOn: '2017-02-01',
  }),
  'markets.company.list': () => ({}),
  'markets.training.record': () => ({ heldOn: '2017-01-10', title: '登记测试培训', attendees: 10 }),
  'markets.training.list': () => ({}),
  'guarantee.capital.record': () => ({ asOf: '2017-01-01', paidIn: '100000000' }),
  'guarantee.capital.list': () => ({}),
  'supervision.matrix': () => ({}),
  'supervision.tasks.sync': () => ({ reportingFrom: '2017-Q2' }),
  'supervision.my-tasks': () => ({}),
  // art. 3 names 各乡镇人民政府: the baima clerk reports for 白马镇
  'supervision.report.file': () => ({
    taskId: 'art3.1',
    period: '2017-Q2',
    status: 'in_progress',
    text: '白马镇已开展信用户评选',
  }),
  'supervision.overview': () => ({}),
  'supervision.quarterly-report': () => ({ quarter: '2016-Q4' }),
  'supervision.quarterly-report.print': () => ({ quarter: '2016-Q4' }),
  'supervision.quarterly-report.xlsx': () => ({
    quarter: '2016-Q4',
    target: ExportTarget.toPath(join(FILES, 'quarterly-report.xlsx')),
  }),
  'supervision.flag-overdue': () => ({}),
  'supervision.notification.list': () => ({}),
  'evaluation.scheme.create': () => ({
    year: 2018,
    total: '100',
    items: [
      { id: 'service', kind: 'qualitative', titleZh: '服务', titleEn: 'Service', weight: '100' },
    ],
    bands: { excellent: '90', good: '75', average: '60', encouraged: '0' },
  }),
  // the demo's 2017 scheme; entered before it is finished (registry order)
  'evaluation.scores.enter': (f) => ({
    year: 2017,
    institutionId: f.institutionId,
    scores: [{ kind: 'item', id: 'innovation', points: '12' }],
  }),
  'evaluation.compute': (f) => ({ year: 2017, institutionId: f.institutionId }),
  'evaluation.scheme.get': () => ({ year: 2017 }),
  'evaluation.finish': (f) => ({ year: 2017, institutionId: f.institutionId }),
  'evaluation.list': () => ({ year: 2017 }),
  'credit.collection.save': async (f) => ({
    subjectKind: 'household',
    subjectId: (await f.credit()).freeHouseholdIds[0],
    collectedOn: '2017-05-02',
    sections: form(70),
    submit: true,
  }),
  'credit.collection.get': async (f) => ({ id: (await f.credit()).collectionId }),
  'credit.worklist': () => ({ villageCode: `${BAIMA}001` }),
  'credit.rating.rate': async (f) => ({
    subjectKind: 'household',
    subjectId: (await f.credit()).ratedHouseholdId,
    ratedOn: '2017-05-15',
  }),
  'credit.rating.run': () => ({ asOf: '2017-05-20' }),
  'credit.rating.card': async (f) => ({
    subjectKind: 'household',
    subjectId: (await f.credit()).ratedHouseholdId,
  }),
  'credit.designation.propose': async (f) => ({
    level: 'household',
    code: (await f.credit()).ratedHouseholdId,
    asOf: '2017-05-02',
  }),
  'credit.designation.propose-households': () => ({
    villageCode: `${BAIMA}002`,
    asOf: '2017-05-02',
  }),
  'credit.designation.decide': async (f) => ({
    ids: [(await f.credit()).pendingProposalId],
    decision: 'approve',
  }),
  'credit.designation.proposals': () => ({}),
  'credit.designation.history': () => ({ level: 'village', code: `${BAIMA}001` }),
  'credit.overview': () => ({ asOf: '2017-05-20' }),
  'credit.defaulter.add': async (f) => ({
    householdId: (await f.credit()).freeHouseholdIds[1],
    reason: '逾期不还',
    listedOn: '2017-05-01',
  }),
  'credit.defaulter.appeal': async (f) => ({
    id: (await f.credit()).listedId,
    note: '申诉',
    onDate: '2017-05-03',
  }),
  'credit.defaulter.decide-appeal': async (f) => ({
    id: (await f.credit()).appealedId,
    note: '驳回',
    onDate: '2017-05-03',
    upheld: false,
  }),
  'credit.defaulter.clear': async (f) => ({
    id: (await f.credit()).clearableId,
    note: '已结清',
    onDate: '2017-05-03',
  }),
  'credit.defaulter.list': () => ({}),
};

/** What each write must leave in the audit log: one entry, about this entity. */
const AUDIT_OF_WRITE: Record<
  string,
  { entity: string; entityId: (f: Fixture, result: unknown) => string | null }
> = {
  'household.create': { entity: 'household', entityId: (_, r) => (r as { id: string }).id },
  'household.update': { entity: 'household', entityId: (f) => f.householdId },
  'household.poverty-status': { entity: 'household', entityId: (f) => f.householdId },
  'household.import': {
    entity: 'household_import',
    entityId: () => createHash('sha256').update(importCsv).digest('hex'),
  },
  'operator.create': { entity: 'operator', entityId: (_, r) => (r as { id: string }).id },
  'operator.update': { entity: 'operator', entityId: (f) => f.operatorId },
  'user.create': { entity: 'user', entityId: (_, r) => (r as { id: string }).id },
  'user.reset-password': { entity: 'user', entityId: (f) => f.fgwUserId },
  'session.revoke': { entity: 'user', entityId: (f) => f.spareUserId },
  'policy.parameter.add-version': {
    entity: 'parameter',
    entityId: () => 'art11.micro-credit.max-amount',
  },
  'loan-product.create': { entity: 'loan_product', entityId: (_, r) => (r as { id: string }).id },
  'loan-product.update': { entity: 'loan_product', entityId: (_, r) => (r as { id: string }).id },
  'need.create': { entity: 'financing_need', entityId: (_, r) => (r as { id: string }).id },
  'need.respond': { entity: 'financing_need', entityId: (_, r) => (r as { id: string }).id },
  'loan.apply': { entity: 'loan', entityId: (_, r) => (r as { id: string }).id },
  'loan.approve': { entity: 'loan', entityId: (_, r) => (r as { id: string }).id },
  'loan.disburse': { entity: 'loan', entityId: (_, r) => (r as { id: string }).id },
  'loan.repay': { entity: 'loan', entityId: (_, r) => (r as { loanId: string }).loanId },
  'loan.repayment-import': {
    entity: 'repayment_import',
    entityId: () => createHash('sha256').update(repaymentCsv).digest('hex'),
  },
  'loan.precision.run': {
    entity: 'precision_run',
    entityId: (_, r) => (r as { runId: string }).runId,
  },
  'loan.precision.resolve': {
    entity: 'precision_finding',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'loan.precision.flag-enterprise-use': {
    entity: 'loan',
    entityId: (_, r) => (r as { loanId: string }).loanId,
  },
  'loan.exchange.poor-list': {
    entity: 'institution',
    entityId: (_, r) => (r as { institutionId: string }).institutionId,
  },
  'loan.exchange.ledger-upload': {
    entity: 'ledger_upload',
    entityId: () => createHash('sha256').update(ledgerCsv).digest('hex'),
  },
  'loan.event.request': { entity: 'loan_event', entityId: (_, r) => (r as { id: string }).id },
  'loan.event.approve': { entity: 'loan_event', entityId: (_, r) => (r as { id: string }).id },
  'loan.event.reject': { entity: 'loan_event', entityId: (_, r) => (r as { id: string }).id },
  ...Object.fromEntries(
    ['prepare', 'submit', 'review', 'approve', 'reject', 'pay'].map((step) => [
      `settlement.run.${step}`,
      { entity: 'settlement_run', entityId: (_: Fixture, r: unknown) => (r as { id: string }).id },
    ]),
  ),
  ...Object.fromEntries(
    ['exclude', 'include'].map((step) => [
      `settlement.line.${step}`,
      {
        entity: 'settlement_line',
        entityId: (_: Fixture, r: unknown) => {
          const line = r as { runId: string; n: number };
          return `${line.runId}#${String(line.n)}`;
        },
      },
    ]),
  ),
  'fund.top-up': { entity: 'ledger_entry', entityId: (_, r) => (r as { entryId: string }).entryId },
  'loan.subsidy-facts.set': {
    entity: 'loan',
    entityId: (_, r) => (r as { loanId: string }).loanId,
  },
  'guarantee.create': { entity: 'guarantee', entityId: (_, r) => (r as { id: string }).id },
  'guarantee.year.record': { entity: 'guarantee', entityId: (_, r) => (r as { id: string }).id },
  'guarantee.event.record': { entity: 'guarantee', entityId: (_, r) => (r as { id: string }).id },
  'insurance.policy.create': {
    entity: 'insurance_policy',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'asset-income.record-stake': {
    entity: 'asset_income_stake',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'asset-income.record-dividend': {
    entity: 'asset_income_dividend',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'insurance.claim.record': {
    entity: 'insurance_policy',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'loss.shares.set': {
    entity: 'loan_product',
    entityId: (_, r) => (r as { productId: string }).productId,
  },
  ...Object.fromEntries(
    [
      'loss.claim.file',
      'loss.guarantee-claim.file',
      'loss.claim.check',
      'loss.recovery.record',
    ].map((name) => [
      name,
      { entity: 'loss_claim', entityId: (_: Fixture, r: unknown) => (r as { id: string }).id },
    ]),
  ),
  ...Object.fromEntries(
    ['loss.pilot.add', 'loss.pilot.end'].map((name) => [
      name,
      {
        entity: 'institution',
        entityId: (_: Fixture, r: unknown) => (r as { institutionId: string }).institutionId,
      },
    ]),
  ),
  'credit.demonstration-village.add': {
    entity: 'region',
    entityId: (_, r) => (r as { villageCode: string }).villageCode,
  },
  'network.point.create': { entity: 'service_point', entityId: (_, r) => (r as { id: string }).id },
  'network.point.close': { entity: 'service_point', entityId: (_, r) => (r as { id: string }).id },
  ...Object.fromEntries(
    ['submit', 'approve', 'reject'].map((step) => [
      `statistics.report.${step}`,
      {
        entity: 'statistics_report',
        entityId: (_: Fixture, r: unknown) => (r as { id: string }).id,
      },
    ]),
  ),
  'statistics.report.upload': {
    entity: 'statistics_report',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'relending.quota.record': {
    entity: 'relending_quota',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'relending.use.record': { entity: 'relending_use', entityId: (_, r) => (r as { id: string }).id },
  'markets.company.create': {
    entity: 'market_company',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'markets.stage.record': {
    entity: 'market_company',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'markets.training.record': {
    entity: 'market_training',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'guarantee.capital.record': {
    entity: 'guarantor_capital',
    entityId: (_, r) => {
      const c = r as { institutionId: string; asOf: string };
      return `${c.institutionId}|${c.asOf}`;
    },
  },
  'supervision.tasks.sync': { entity: 'supervision_tasks', entityId: () => '500156' },
  'supervision.report.file': {
    entity: 'supervision_report',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'supervision.flag-overdue': {
    entity: 'supervision_notifications',
    entityId: (_, r) => (r as { asOf: string }).asOf,
  },
  'evaluation.scheme.create': { entity: 'evaluation_scheme', entityId: () => '2018v1' },
  'evaluation.scores.enter': { entity: 'evaluation', entityId: (f) => `2017:${f.institutionId}` },
  'evaluation.compute': { entity: 'evaluation', entityId: (f) => `2017:${f.institutionId}` },
  'evaluation.finish': { entity: 'evaluation', entityId: (f) => `2017:${f.institutionId}` },
  'credit.collection.save': {
    entity: 'credit_collection',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'credit.rating.rate': { entity: 'credit_rating', entityId: (_, r) => (r as { id: string }).id },
  'credit.rating.run': { entity: 'credit_rating_run', entityId: () => '2017-05-20' },
  'credit.designation.propose': {
    entity: 'credit_proposal',
    entityId: (_, r) => (r as { id: string }).id,
  },
  'credit.designation.propose-households': { entity: 'village', entityId: () => `${BAIMA}002` },
  'credit.designation.decide': {
    entity: 'credit_proposal',
    entityId: (_, r) => (r as { ids: string[] }).ids.join(','),
  },
  ...Object.fromEntries(
    ['add', 'appeal', 'decide-appeal', 'clear'].map((w) => [
      `credit.defaulter.${w}`,
      {
        entity: 'credit_defaulter',
        entityId: (_: Fixture, r: unknown) => (r as { id: string }).id,
      },
    ]),
  ),
};

/** The narrowest allowed role runs each use case, so scope is exercised too. */
const runnerOf = (uc: UseCase<never, unknown>): Role =>
  (['township_clerk', 'bank_officer', 'district_admin'] as const).find((r) =>
    uc.roles.includes(r),
  ) ?? uc.roles[0]!;

const caught = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal, got a result');
};

/** Tables a refused call must leave alone (sessions are touched only by logging in). */
const STATE: readonly Table[] = ALL_TABLES;

describe('the registry (no database)', () => {
  it('every route is a registered use case, and every use case has a test input here', () => {
    const registered = USE_CASES.map((u) => u.name).sort();
    expect(new Set(registered).size).toBe(registered.length);
    // a route outside the registry would escape this walk
    for (const route of ROUTES) expect(USE_CASES, route.url).toContain(route.useCase);
    expect(Object.keys(INPUTS).sort()).toEqual(registered);
    expect(Object.keys(AUDIT_OF_WRITE).sort()).toEqual(
      USE_CASES.filter((u) => u.writes)
        .map((u) => u.name)
        .sort(),
    );
    for (const uc of USE_CASES) {
      expect(uc.roles.length, uc.name).toBeGreaterThan(0);
      for (const r of uc.roles) expect(ROLES, uc.name).toContain(r);
    }
  });
});

describeEachDialect('use case registry', (dialect) => {
  const clock = new Clock();
  let t: TestApp;
  const actors = {} as Record<Role, Actor>;
  let fixture: Fixture;

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    for (const role of ROLES) actors[role] = (await actorFor(t.app, ACCOUNT[role])).actor;
    const db = t.app.store.db;
    const household = await householdIn(t.app, BAIMA);
    const operator = await db
      .selectFrom('operators')
      .select('id')
      .where('township_code', '=', BAIMA)
      .executeTakeFirstOrThrow();
    const institution = await db.selectFrom('institutions').select('id').executeTakeFirstOrThrow();
    const fgw = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'fgw')
      .executeTakeFirstOrThrow();
    const spare = await login(
      t.app,
      { username: 'xndb', password: DEMO_PASSWORD },
      { ip: '10.9.9.9', userAgent: 'spare' },
    );
    const [session] = await db
      .selectFrom('sessions')
      .select(['id', 'user_id'])
      .where('user_agent', '=', 'spare')
      .execute();
    fixture = {
      loans: lazyLoanFixture(
        t.app,
        actors.district_admin,
        actors.township_clerk,
        actors.bank_officer,
        household.id,
      ),
      precision: lazyPrecisionFixture(
        t.app,
        { admin: actors.district_admin, icbc: actors.bank_officer },
        () => fixture.loans(),
      ),
      events: lazyEventFixture(t.app, actors.bank_officer, () => fixture.loans(), household.id),
      settlement: lazySettlementFixture(t.app, {
        admin: actors.district_admin,
        icbc: actors.bank_officer,
        fpb: actors.poverty_office,
        czj: actors.finance_bureau,
      }),
      statistics: (() => {
        let reports: Promise<{ toApprove: string; toReject: string }> | undefined;
        const report = async (period: string) =>
          (
            await execute(t.app, actors.bank_officer, submitReport, {
              period,
              lines: linesOf(ZERO),
            })
          ).id;
        return () =>
          (reports ??= (async () => ({
            toApprove: await report('2015-03'),
            toReject: await report('2015-06'),
          }))());
      })(),
      records: lazyRecordsFixture(t.app, actors),
      servicePoint: (() => {
        let point: Promise<{ id: string }> | undefined;
        return () =>
          (point ??= execute(t.app, actors.bank_officer, createServicePoint, {
            kind: 'pos',
            name: '撤销测试POS',
            place: `${BAIMA}001`,
            openedOn: '2017-01-01',
          }));
      })(),
      icbcId: actors.bank_officer.institutionId!,
      guarantee: (() => {
        let made: Promise<{ id: string }> | undefined;
        return () =>
          (made ??= fixture.loans().then(() =>
            execute(t.app, actors.guarantor, createGuarantee, {
              contractNo: 'REG-GUAR-FIXTURE',
              lenderId: actors.bank_officer.institutionId,
              loanContractNo: 'REG-APPROVED',
              feeRate: '1',
              amount: '10000',
              startDate: '2017-03-12',
              endDate: '2019-03-12',
            }),
          ));
      })(),
      assetIncome: (() => {
        let made: Promise<{ householdId: string; freeHouseholdId: string; stakeId: string }>;
        return () =>
          (made ??= (async () => {
            const { disbursedLoanId } = await fixture.loans();
            const householdId = await poorHousehold(t.app, actors.district_admin, 731);
            const freeHouseholdId = await poorHousehold(t.app, actors.district_admin, 732);
            const stake = await execute(t.app, actors.poverty_office, recordAssetIncomeStake, {
              householdId,
              operatorId: operator.id,
              loanId: disbursedLoanId,
              amount: '1000',
              equityShare: '5',
              startDate: '2017-03-12',
            });
            return { householdId, freeHouseholdId, stakeId: stake.id };
          })());
      })(),
      credit: lazyCreditFixture(t.app, {
        admin: actors.district_admin,
        clerk: actors.township_clerk,
      }),
      losses: lazyLossFixture(t.app, {
        admin: actors.district_admin,
        icbc: actors.bank_officer,
        fpb: actors.poverty_office,
        czj: actors.finance_bureau,
        guarantor: actors.guarantor,
      }),
      policy: (() => {
        let made: Promise<{ id: string }> | undefined;
        return () =>
          (made ??= execute(t.app, actors.insurer, createPolicy, {
            ...POLICY,
            policyNo: 'REG-POL-FIXTURE',
            householdNo: household.household_no,
          }));
      })(),
      subsidyFactsVersion: async () =>
        (
          await db
            .selectFrom('loan_subsidy_facts')
            .select('version')
            .where('loan_id', '=', (await fixture.loans()).disbursedLoanId)
            .executeTakeFirst()
        )?.version ?? 0,
      householdId: household.id,
      householdNo: household.household_no,
      operatorId: operator.id,
      institutionId: institution.id,
      fgwUserId: fgw.id,
      spareSessionId: session!.id,
      spareUserId: session!.user_id,
      version: async () =>
        (
          await db
            .selectFrom('households')
            .select('version')
            .where('id', '=', household.id)
            .executeTakeFirstOrThrow()
        ).version,
      operatorVersion: async () =>
        (
          await db
            .selectFrom('operators')
            .select('version')
            .where('id', '=', operator.id)
            .executeTakeFirstOrThrow()
        ).version,
    };
    expect(spare.token).not.toBe(session!.id);
  });
  afterAll(() => t.close());

  describe('refuses every role outside its list, and changes nothing', () => {
    for (const uc of USE_CASES) {
      it(uc.name, async () => {
        const outside = ROLES.filter((r) => !uc.roles.includes(r));
        const input = await INPUTS[uc.name]!(fixture);
        const before = await dump(t.app, STATE);
        for (const role of outside) {
          const err = await caught(execute(t.app, actors[role], uc, input));
          expect(err, `${uc.name} as ${role}`).toBeInstanceOf(AppError);
          const e = err as AppError;
          expect(e.kind).toBe('forbidden');
          expect(e.status).toBe(403);
          expectBilingual(e.toJSON(), 'forbidden');
        }
        expect(await dump(t.app, STATE)).toEqual(before);
        if (outside.length === 0) expect([...uc.roles].sort()).toEqual([...ROLES].sort());
      });
    }
  });

  describe('answers input of the wrong type with a bilingual field error, and changes nothing', () => {
    const WRONG: [string, unknown][] = [
      ['an object of wrong types and unknown keys', { page: 'x', id: 123, unknownKey: 1 }],
      ['a string', 'x'],
      ['a number', 42],
      ['an array', []],
      ['a boolean', true],
    ];
    for (const uc of USE_CASES) {
      it(uc.name, async () => {
        const actor = actors[runnerOf(uc)];
        const shape = (uc.input as unknown as { shape?: Record<string, unknown> }).shape;
        expect(shape, `${uc.name} takes an object`).toBeDefined();
        const known = new Set(Object.keys(shape!));
        const before = await dump(t.app, STATE);
        for (const [what, raw] of WRONG) {
          const err = await caught(execute(t.app, actor, uc, raw));
          expect(err, `${uc.name} given ${what}`).toBeInstanceOf(AppError);
          const e = err as AppError;
          expect(e.kind, `${uc.name} given ${what}`).toBe('invalid');
          expect(e.status).toBe(400);
          expectBilingual(e.toJSON(), 'invalid_input');
          expect(typeof e.field).toBe('string');
          if (typeof raw === 'object' && !Array.isArray(raw)) {
            // a field of the schema, or one of the keys it was given
            const named = new Set([...known, ...Object.keys(raw as object)]);
            expect(named, `${uc.name}: field ${e.field}`).toContain(e.field);
          } else {
            expect(e.field).toBe('(input)');
          }
          // both messages say which field is at fault
          expect(e.message_zh).toContain(e.field!);
          expect(e.message_en).toContain(e.field!);
        }
        // the correct input passes validation: the refusals above were about the input
        const good = await INPUTS[uc.name]!(fixture);
        const parsed = uc.input.safeParse(good);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        expect(await dump(t.app, STATE)).toEqual(before);
      });
    }
  });

  describe('reads write no audit entry, except the audited view of full identifiers', () => {
    for (const uc of USE_CASES.filter((u) => !u.writes)) {
      it(uc.name, async () => {
        const input = await INPUTS[uc.name]!(fixture);
        for (const role of uc.roles) {
          const before = await dump(t.app, STATE);
          const audit = await auditRows(t.app);
          await execute(t.app, actors[role], uc, input);
          const written = await auditSince(t.app, audit);
          const piiView = uc.name === 'household.get' && PII_READERS.includes(role);
          expect(
            written.map((e) => e.action),
            `${uc.name} as ${role}`,
          ).toEqual(piiView ? ['household.view-pii'] : []);
          if (piiView) {
            expect(written[0]).toMatchObject({
              entity: 'household',
              entity_id: fixture.householdId,
              actor_username: ACCOUNT[role],
              actor_id: actors[role].userId,
              at: clock.current.toISOString(),
            });
          }
          // and nothing else changes
          const after = await dump(
            t.app,
            STATE.filter((s) => s !== 'audit_log'),
          );
          const { audit_log: _a, ...rest } = before;
          expect(after, `${uc.name} as ${role}`).toEqual(rest);
        }
      });
    }
  });

  describe('every write leaves exactly one audit entry naming it', () => {
    for (const uc of USE_CASES.filter((u) => u.writes)) {
      it(uc.name, async () => {
        const role = runnerOf(uc);
        const audit = await auditRows(t.app);
        const result = await execute(t.app, actors[role], uc, await INPUTS[uc.name]!(fixture));
        const written = await auditSince(t.app, audit);
        expect(written.map((e) => e.action)).toEqual([uc.name]);
        const expected = AUDIT_OF_WRITE[uc.name]!;
        const entityId = expected.entityId(fixture, result);
        expect(entityId).toBeTruthy();
        expect(written[0]).toMatchObject({
          entity: expected.entity,
          entity_id: entityId,
          actor_username: ACCOUNT[role],
          actor_id: actors[role].userId,
          region_code: actors[role].regionCode,
          at: clock.current.toISOString(),
        });
      });
    }
  });

  describe('execute() enforces the audit of writes', () => {
    const code = z.object({ code: z.string().min(1).max(20) }).strict();
    const unit = (c: string) => ({
      region_code: '500156',
      id: `test-${c}`,
      code: c,
      name_zh: '测试单位',
      name_en: 'Test unit',
    });
    const unitExists = async (c: string): Promise<boolean> =>
      (await t.app.store.db
        .selectFrom('gov_units')
        .select('id')
        .where('code', '=', c)
        .executeTakeFirst()) !== undefined;

    it('a write that forgets its audit entry throws MissingAuditError and is rolled back', async () => {
      const forgetful = defineUseCase({
        name: 'test.forgetful-write',
        roles: ['district_admin'],
        scope: 'district',
        writes: true,
        input: code,
        async run({ db }, input) {
          await db.insertInto('gov_units').values(unit(input.code)).execute();
          return { ok: true };
        },
      });
      const before = await dump(t.app, STATE);
      const err = await caught(
        execute(t.app, actors.district_admin, forgetful, { code: 'FORGOT' }),
      );
      expect(err).toBeInstanceOf(MissingAuditError);
      expect((err as Error).message).toContain('test.forgetful-write');
      expect(await unitExists('FORGOT')).toBe(false);
      expect(await dump(t.app, STATE)).toEqual(before);
    });

    it('the same write with its audit entry commits both', async () => {
      const honest = defineUseCase({
        name: 'test.honest-write',
        roles: ['district_admin'],
        scope: 'district',
        writes: true,
        input: code,
        async run({ db, audit }, input) {
          await db.insertInto('gov_units').values(unit(input.code)).execute();
          await audit({
            action: 'test.honest-write',
            entity: 'gov_unit',
            entityId: `test-${input.code}`,
          });
          return { ok: true };
        },
      });
      const audit = await auditRows(t.app);
      await execute(t.app, actors.district_admin, honest, { code: 'HONEST' });
      expect(await unitExists('HONEST')).toBe(true);
      expect((await auditSince(t.app, audit)).map((e) => e.action)).toEqual(['test.honest-write']);
    });

    it('a write that audits and then fails leaves neither the row nor the entry', async () => {
      const failing = defineUseCase({
        name: 'test.failing-write',
        roles: ['district_admin'],
        scope: 'district',
        writes: true,
        input: code,
        async run({ db, audit }, input) {
          await db.insertInto('gov_units').values(unit(input.code)).execute();
          await audit({ action: 'test.failing-write', entity: 'gov_unit', entityId: null });
          throw new Error('boom');
        },
      });
      const before = await dump(t.app, STATE);
      const err = await caught(execute(t.app, actors.district_admin, failing, { code: 'FAILS' }));
      expect((err as Error).message).toBe('boom');
      expect(await dump(t.app, STATE)).toEqual(before);
    });

    it('a read needs no audit entry, and the role check comes before input validation', async () => {
      const read = defineUseCase({
        name: 'test.read',
        roles: ['auditor'],
        scope: 'district',
        writes: false,
        input: code,
        async run() {
          return { ok: true };
        },
      });
      expect(await execute(t.app, actors.auditor, read, { code: 'X' })).toEqual({ ok: true });
      // a role outside the list learns nothing about the input's shape
      const err = await caught(execute(t.app, actors.pboc, read, 'not even an object'));
      expect((err as AppError).kind).toBe('forbidden');
    });
  });
});
