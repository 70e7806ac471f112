import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Page, Role } from './types.ts';

/** District roles read the findings; these three also run the checks and resolve them. */
export const PRECISION_READERS: readonly Role[] = [
  'district_admin',
  'poverty_office',
  'financial_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
];
export const PRECISION_WRITERS: readonly Role[] = [
  'district_admin',
  'poverty_office',
  'financial_office',
];

/** Precision checks (精准核查): runs, the findings worklist, resolving with a reason. */

export type PrecisionCheck =
  | 'not_poor_on_contract'
  | 'over_cap'
  | 'age_out_of_range'
  | 'duplicate_contract'
  | 'enterprise_use';
export const PRECISION_CHECKS: readonly PrecisionCheck[] = [
  'not_poor_on_contract',
  'over_cap',
  'age_out_of_range',
  'duplicate_contract',
  'enterprise_use',
];
export type FindingStatus = 'open' | 'cleared' | 'resolved';

export interface PrecisionFinding {
  id: string;
  check: PrecisionCheck;
  status: FindingStatus;
  householdId: string;
  householdNo: string | null;
  headName: string | null;
  headIdNumber: string | null;
  townshipCode: string;
  loanId: string | null;
  contractNo: string | null;
  institutionId: string | null;
  detail: Record<string, unknown>;
  foundAt: string;
  lastSeenAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  version: number;
}

export interface FindingQuery {
  check?: PrecisionCheck | undefined;
  township?: string | undefined;
  status?: FindingStatus | undefined;
  page: number;
  pageSize: number;
}

export interface PrecisionRunResult {
  runId: string;
  ages: { min: number; max: number };
  found: Record<PrecisionCheck, number>;
  opened: number;
  cleared: number;
}

const KEY = ['precision'] as const;

export function useFindings(q: FindingQuery) {
  return useQuery({
    queryKey: [...KEY, 'findings', q],
    queryFn: () => api<Page<PrecisionFinding>>('/precision/findings', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}

export function useRunChecks() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ages: { minAge?: number; maxAge?: number }) =>
      api<PrecisionRunResult>('/precision/runs', { method: 'POST', body: ages }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useResolveFinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; version: number; reason: string }) =>
      api(`/precision/findings/${encodeURIComponent(v.id)}/resolve`, {
        method: 'POST',
        body: { version: v.version, reason: v.reason },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}
