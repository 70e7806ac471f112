import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useAuditedWrite } from './auditedWrite.ts';
import { api, buildUrl } from './client.ts';
import type { Page, Role } from './types.ts';

// Settlement runs and funds (issue 5), as src/app/settlement/* answers them; money is
// yuan text ('1234.50').

// Who does what in a settlement run, as src/app/settlement/settlementRoles.ts decides
// (the server enforces it; the UI only hides what a role cannot do).

export const SETTLEMENT_MAKERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'finance_bureau',
];
export const SETTLEMENT_REVIEWERS: readonly Role[] = ['poverty_office'];
export const SETTLEMENT_APPROVERS: readonly Role[] = ['finance_bureau'];
export const SETTLEMENT_READERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
];
export const FUND_KEEPERS: readonly Role[] = ['finance_bureau', 'district_admin'];

export const RUN_STATUSES = [
  'draft',
  'submitted',
  'reviewed',
  'approved',
  'paid',
  'rejected',
  'superseded',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunKind = 'regular' | 'adjustment';

export interface RunSummary {
  id: string;
  period: string;
  from: string;
  to: string;
  kind: RunKind;
  status: RunStatus;
  parametersAt: string;
  previousRunId: string | null;
  lineCount: number;
  total: string;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  paidBy: string | null;
  paidAt: string | null;
  paymentReference: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  version: number;
}

export interface Breakdown {
  key: string;
  lines: number;
  total: string;
}

export interface RunDetail {
  run: RunSummary;
  byArticle: Breakdown[];
  byTownship: Breakdown[];
  byFund: Breakdown[];
  byPaymentBank: Breakdown[];
  excluded: { lines: number; total: string };
}

export interface RunLine {
  runId: string;
  n: number;
  ruleId: string;
  article: string;
  subjectId: string;
  accrualPeriod: string;
  payer: string;
  fund: string;
  payeeKind: string;
  payeeId: string;
  payeeName: string;
  viaInstitutionId: string | null;
  township: string;
  village: string;
  amount: string;
  excludedReason: string | null;
  /** 'system' when the policy rule itself priced the line at nothing. */
  excludedBy: string | null;
}

export interface RunDiff {
  runId: string;
  previousRunId: string | null;
  added: number;
  removed: number;
  changed: number;
  byArticle: { key: string; delta: string }[];
  byTownship: { key: string; delta: string }[];
  total: string;
}

export interface LoanSubsidy {
  runId: string;
  period: string;
  status: RunStatus;
  article: string;
  accrualPeriod: string;
  payeeName: string;
  amount: string;
  excludedReason: string | null;
}

export interface FundBalance {
  code: string;
  nameZh: string;
  nameEn: string;
  balance: string;
  available: string;
}

export interface LedgerAccount {
  code: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  balance: string;
}

export interface FundBalances {
  asOf: string;
  funds: FundBalance[];
  accounts: LedgerAccount[];
  trialBalance: string;
}

export interface RunQuery {
  period?: string | undefined;
  page: number;
  pageSize: number;
}

export interface LineQuery {
  township?: string | undefined;
  article?: string | undefined;
  excluded?: 'yes' | 'no' | undefined;
  page: number;
  pageSize: number;
}

export const SOURCE_CODES = ['source.district-budget', 'source.city', 'source.central'] as const;
export type SourceCode = (typeof SOURCE_CODES)[number];

export interface TopUpInput {
  fund: string;
  source: SourceCode;
  amount: string;
  postedOn: string;
  memo: string;
}

/** One key's subsidies as recorded and with the what-if's parameters. */
export interface Comparison {
  key: string;
  baseline: string;
  scenario: string;
  delta: string;
}

export interface WhatIfResult {
  period: string;
  overrides: Record<string, unknown>;
  total: Comparison;
  byArticle: Comparison[];
  byTownship: Comparison[];
}

export interface ForecastQuarter {
  period: string;
  total: string;
  byArticle: { key: string; total: string }[];
}

const enc = encodeURIComponent;

const settlementKeys = {
  all: ['settlement'] as const,
  runs: (q: RunQuery) => ['settlement', 'runs', q] as const,
  run: (id: string) => ['settlement', 'run', id] as const,
  lines: (id: string, q: LineQuery) => ['settlement', 'run', id, 'lines', q] as const,
  diff: (id: string) => ['settlement', 'run', id, 'diff'] as const,
  funds: (asOf: string | undefined) => ['settlement', 'funds', asOf ?? null] as const,
  loan: (loanId: string) => ['settlement', 'loan', loanId] as const,
  forecast: (from: string | undefined) => ['settlement', 'forecast', from ?? null] as const,
};

export function useRuns(q: RunQuery) {
  return useQuery({
    queryKey: settlementKeys.runs(q),
    queryFn: ({ signal }) => api<Page<RunSummary>>('/settlement/runs', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRun(id: string) {
  return useQuery({
    queryKey: settlementKeys.run(id),
    queryFn: ({ signal }) => api<RunDetail>(`/settlement/runs/${enc(id)}`, { signal }),
  });
}

export function useRunLines(id: string, q: LineQuery) {
  return useQuery({
    queryKey: settlementKeys.lines(id, q),
    queryFn: ({ signal }) =>
      api<Page<RunLine>>(`/settlement/runs/${enc(id)}/lines`, { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRunDiff(id: string, enabled: boolean) {
  return useQuery({
    queryKey: settlementKeys.diff(id),
    queryFn: ({ signal }) => api<RunDiff>(`/settlement/runs/${enc(id)}/diff`, { signal }),
    enabled,
  });
}

export function useLoanSubsidies(loanId: string) {
  return useQuery({
    queryKey: settlementKeys.loan(loanId),
    queryFn: ({ signal }) => api<LoanSubsidy[]>(`/loans/${enc(loanId)}/subsidies`, { signal }),
  });
}

/** Balances as of a date (today when undefined). */
export function useFunds(asOf?: string) {
  return useQuery({
    queryKey: settlementKeys.funds(asOf),
    queryFn: ({ signal }) => api<FundBalances>('/funds', { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Re-prices a period with changed parameters; the server stores nothing. */
export function useWhatIf() {
  return useMutation({
    mutationFn: (v: { period: string; params: Record<string, unknown> }) =>
      api<WhatIfResult>('/settlement/what-if', { method: 'POST', body: v }),
  });
}

/** The next four quarters' subsidies after `from`'s quarter (today's when undefined). */
export function useForecast(from?: string) {
  return useQuery({
    queryKey: settlementKeys.forecast(from),
    queryFn: ({ signal }) =>
      api<ForecastQuarter[]>('/settlement/forecast', { query: { from }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every settlement write can change runs, lines, funds and loans' histories alike. */
function useSettlementWrite<V, R>(fn: (v: V) => Promise<R>) {
  return useAuditedWrite(settlementKeys.all, fn);
}

export function usePrepareRun() {
  return useSettlementWrite((v: { period: string; kind: RunKind }) =>
    api<RunSummary>('/settlement/runs', { method: 'POST', body: v }),
  );
}

export type RunAction =
  | { action: 'submit' | 'review' | 'approve' }
  | { action: 'reject'; reason: string }
  | { action: 'pay'; paymentReference: string; paidOn: string };

export function useRunAction(id: string) {
  return useSettlementWrite(({ action, ...body }: RunAction) =>
    api<RunSummary>(`/settlement/runs/${enc(id)}/${action}`, { method: 'POST', body }),
  );
}

/** Leaves a draft's line out with a reason, or (reason null) puts it back. */
export function useLineExclusion(runId: string) {
  return useSettlementWrite((v: { n: number; reason: string | null }) =>
    api<RunLine>(
      `/settlement/runs/${enc(runId)}/lines/${v.n}/${v.reason === null ? 'include' : 'exclude'}`,
      { method: 'POST', body: v.reason === null ? {} : { reason: v.reason } },
    ),
  );
}

export function useTopUp() {
  return useSettlementWrite((v: TopUpInput) =>
    api<{ entryId: string }>('/funds/top-ups', { method: 'POST', body: v }),
  );
}

/** Download address of a run's payment list (.xlsx: a summary sheet, one per paying bank). */
export function paymentListUrl(runId: string): string {
  return buildUrl(`/settlement/runs/${enc(runId)}/payment-list.xlsx`);
}
