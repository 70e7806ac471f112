import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client.ts';
import { importContentType } from './imports.ts';
import type { ImportMode, ImportReport, Page, Role } from './types.ts';

/** Banks (their own reports) and district roles (all reports). */
export const EXCHANGE_READERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
  'bank_officer',
];

/** Bank data exchange (art. 32): the poor list download and the ledger reconciliation. */

export interface PoorListEntry {
  householdNo: string;
  townshipCode: string;
  villageCode: string;
  headName: string;
  headIdNumber: string;
  status: string;
  statusFrom: string;
}

export interface PoorList {
  institutionId: string | null;
  asOf: string;
  townships: string[];
  items: PoorListEntry[];
}

export type MismatchKind = 'only_in_ledger' | 'only_in_jinfu' | 'differs';

export interface Mismatch {
  seq: number;
  kind: MismatchKind;
  code: string;
  row: number | null;
  field: string | null;
  contractNo: string;
  loanId: string | null;
  townshipCode: string | null;
  ledgerValue: string | null;
  jinfuValue: string | null;
  message_zh: string;
  message_en: string;
}

export interface ExchangeReport {
  id: string;
  institutionId: string;
  asOf: string;
  fileName: string;
  sha256: string;
  rows: number;
  matched: number;
  onlyInLedger: number;
  onlyInJinfu: number;
  differing: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface LedgerReport extends ImportReport {
  reportId: string | null;
  asOf: string | null;
  matched: number;
  onlyInLedger: number;
  onlyInJinfu: number;
  differing: number;
  mismatches: Mismatch[];
}

const KEY = ['exchange'] as const;

/** Every call is audited on the server: the list carries full resident IDs. */
export function useDownloadPoorList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<PoorList>('/exchange/poor-list', { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['audit'] }),
  });
}

/** The list as a CSV Excel opens in Chinese (UTF-8 with a byte-order mark). */
export function poorListCsv(list: PoorList, header: readonly string[]): Blob {
  const lines = [
    header.join(','),
    ...list.items.map((i) =>
      [i.householdNo, i.townshipCode, i.villageCode, i.headName, i.headIdNumber, i.statusFrom]
        .map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
        .join(','),
    ),
  ];
  return new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
}

async function postLedger(file: File, mode: ImportMode): Promise<LedgerReport> {
  try {
    return await api<LedgerReport>('/imports/ledger', {
      method: 'POST',
      query: { mode },
      raw: { data: file, contentType: importContentType(file.name) ?? 'application/octet-stream' },
      headers: { 'X-File-Name': encodeURIComponent(file.name) },
    });
  } catch (e) {
    // a refused commit (422) carries the report
    if (isApiError(e) && e.status === 422 && e.body && typeof e.body === 'object') {
      return e.body as LedgerReport;
    }
    throw e;
  }
}

export function useUploadLedger() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) => postLedger(file, mode),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useExchangeReports() {
  return useQuery({
    queryKey: [...KEY, 'reports'],
    queryFn: () => api<Page<ExchangeReport>>('/exchange/reports', { query: { pageSize: 20 } }),
  });
}

export function useMismatches(
  reportId: string | null,
  kind: MismatchKind | undefined,
  page: number,
) {
  return useQuery({
    queryKey: [...KEY, 'mismatches', reportId, kind ?? null, page],
    queryFn: () =>
      api<Page<Mismatch> & { report: ExchangeReport }>(
        `/exchange/reports/${encodeURIComponent(reportId!)}/mismatches`,
        { query: { kind, page, pageSize: 50 } },
      ),
    enabled: reportId !== null,
    placeholderData: keepPreviousData,
  });
}
