// Statistics by Excel, relending and the art. 23 pipeline (decision 0020). Types mirror
// src/app/statistics, src/app/relending and src/app/markets.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../api/client.ts';
import { XLSX_TYPE } from '../../api/imports.ts';
import type { Page } from '../../api/types.ts';

export interface StatisticsReport {
  id: string;
  institutionId: string;
  period: string;
  status: string;
  submittedAt: string;
}
export interface RelendingPosition {
  asOf: string;
  quota: string | null;
  drawn: string | null;
  outstanding: string | null;
  available: string | null;
  quotas: { id: string; reference: string; grantedOn: string; amount: string }[];
  uses: {
    id: string;
    institutionId: string;
    kind: string;
    reference: string;
    usedOn: string;
    amount: string;
  }[];
}
export interface Company {
  id: string;
  name: string;
  uscc: string;
  township: string;
  stage: string;
  stageSince: string;
  history: { stage: string; reachedOn: string }[];
  version: number;
}
export const STAGES = [
  'cultivating',
  'tutoring',
  'filing',
  'regional_quoted',
  'neeq_quoted',
  'listed',
] as const;

const KEY = ['records'] as const;

export const templateUrl = (period?: string) => buildUrl('/statistics/template.xlsx', { period });

export function useReports() {
  return useQuery({
    queryKey: [...KEY, 'reports'],
    queryFn: ({ signal }) =>
      api<Page<StatisticsReport>>('/statistics/reports', { query: { pageSize: 50 }, signal }),
  });
}

export function useUploadReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      api<StatisticsReport>('/statistics/reports/upload', {
        method: 'POST',
        raw: { data: file, contentType: XLSX_TYPE },
        headers: { 'X-File-Name': encodeURIComponent(file.name) },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRelending() {
  return useQuery({
    queryKey: [...KEY, 'relending'],
    queryFn: ({ signal }) => api<RelendingPosition>('/relending', { signal }),
  });
}

export function useCompanies() {
  return useQuery({
    queryKey: [...KEY, 'companies'],
    queryFn: ({ signal }) =>
      api<Page<Company>>('/markets/companies', { query: { pageSize: 100 }, signal }),
  });
}

/** A POST of a form to `path`; refreshes every list of this page. */
export function useRecord<T extends object>(path: (body: T) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api<unknown>(path(body), { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}
