import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';

// Supervision (issue 8), as src/app/supervision/* answers it. Roles mirror
// src/app/supervision/supervisionRoles.ts (the server enforces them; the UI only hides).

export const SUPERVISORS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
];
export const SUPERVISION_ADMINS: readonly Role[] = ['district_admin', 'financial_office'];
export const REPORTERS: readonly Role[] = [
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'township_clerk',
  'bank_officer',
  'insurer',
  'guarantor',
  'gov_unit',
];

export type TaskStatus = 'not_started' | 'in_progress' | 'completed';
export type ReportStatus = 'in_progress' | 'completed' | 'blocked';
export const REPORT_STATUSES: readonly ReportStatus[] = ['in_progress', 'completed', 'blocked'];
export type RiskReason =
  'overdue_reports' | 'deadline_passed' | 'deadline_near' | 'blocked' | 'unassigned';

export interface MatrixMeasure {
  id: string;
  quote: string;
  owners: string[];
  deadline: { date: string; quote: string } | null;
  status: TaskStatus | null;
  risks: RiskReason[];
}
export interface MatrixArticle {
  article: number;
  title: string;
  labelled: boolean;
  units: { names: string[]; etc?: string }[];
  measures: MatrixMeasure[];
}

export interface Report {
  id: string;
  period: string;
  status: ReportStatus;
  text: string;
  attachments: string[];
  indicatorIds: string[];
  reportedBy: string;
  reportedAt: string;
}
export interface MyTask {
  id: string;
  article: number;
  quote: string;
  deadline: string | null;
  reportingFrom: string;
  progress: { status: TaskStatus; risks: RiskReason[] };
  mine: { n: number; name: string; unitName: string; reports: Report[] }[];
  overdue: { period: string; dueOn: string; owner: string }[];
}
export interface Overview {
  asOf: string;
  tasks: number;
  counts: Record<TaskStatus, number>;
  late: {
    key: string;
    name: string;
    overdue: { taskId: string; article: number; period: string; dueOn: string }[];
  }[];
  atRisk: {
    taskId: string;
    article: number;
    quote: string;
    deadline: string | null;
    status: TaskStatus;
    risks: RiskReason[];
    unassigned: string[];
  }[];
  recentReports: (Report & { taskId: string; article: number; owner: string })[];
}
export interface Notice {
  id: string;
  toDistrict: boolean;
  taskId: string;
  period: string;
  messageZh: string;
  messageEn: string;
  createdAt: string;
}

const keys = {
  all: ['supervision'] as const,
  matrix: (asOf: string | undefined) => ['supervision', 'matrix', asOf] as const,
  mine: ['supervision', 'mine'] as const,
  overview: (asOf: string | undefined) => ['supervision', 'overview', asOf] as const,
  notices: ['supervision', 'notices'] as const,
};

export const useMatrix = (asOf: string | undefined) =>
  useQuery({
    queryKey: keys.matrix(asOf),
    queryFn: ({ signal }) =>
      api<{ asOf: string; articles: MatrixArticle[] }>('/supervision/matrix', {
        query: { asOf },
        signal,
      }),
  });

export const useMyTasks = (enabled: boolean) =>
  useQuery({
    queryKey: keys.mine,
    queryFn: ({ signal }) =>
      api<{ asOf: string; items: MyTask[] }>('/supervision/my-tasks', { signal }),
    enabled,
  });

export const useOverview = (asOf: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: keys.overview(asOf),
    queryFn: ({ signal }) => api<Overview>('/supervision/overview', { query: { asOf }, signal }),
    enabled,
  });

export const useNotices = () =>
  useQuery({
    queryKey: keys.notices,
    queryFn: ({ signal }) =>
      api<{ total: number; items: Notice[] }>('/supervision/notifications', { signal }),
  });

export interface ReportInput {
  taskId: string;
  period: string;
  status: ReportStatus;
  text: string;
  attachments: string[];
  indicatorIds: string[];
}

export function useFileReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: ReportInput) =>
      api<{ id: string }>('/supervision/reports', { method: 'POST', body: v }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useFlagOverdue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ asOf: string; created: number }>('/supervision/flag-overdue', {
        method: 'POST',
        body: {},
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** The art. 36 quarterly report: its printable HTML, and whether the server can make a PDF. */
export type PdfSupport =
  { available: true } | { available: false; messageZh: string; messageEn: string };

export const useQuarterlyReportPrint = (quarter: string) =>
  useQuery({
    queryKey: ['supervision', 'quarterly-report', quarter] as const,
    queryFn: ({ signal }) =>
      api<{ quarter: string; html: string; pdf: PdfSupport }>(
        '/supervision/quarterly-report/print',
        { query: { quarter }, signal },
      ),
  });

export const quarterlyReportFileUrl = (quarter: string, kind: 'pdf' | 'xlsx'): string =>
  buildUrl(`/supervision/quarterly-report.${kind}`, { quarter });
