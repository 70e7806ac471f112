import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl, isApiError } from './client.ts';
import { keys } from './keys.ts';
import type { ImportMode, ImportReport } from './types.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the import expects for a file, from its name; null if not .csv/.xlsx. */
export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xlsx')) return XLSX_TYPE;
  return null;
}

function isReport(v: unknown): v is ImportReport {
  return Boolean(v) && typeof v === 'object' && Array.isArray((v as ImportReport).errors);
}

/**
 * Sends the file itself as the body. A refused commit (422) carries the same report as a
 * dry run, so it is returned, not thrown.
 */
async function postImport(path: string, file: File, mode: ImportMode): Promise<ImportReport> {
  try {
    return await api<ImportReport>(path, {
      method: 'POST',
      query: { mode },
      raw: { data: file, contentType: importContentType(file.name) ?? 'application/octet-stream' },
      headers: { 'X-File-Name': encodeURIComponent(file.name) },
    });
  } catch (e) {
    if (isApiError(e) && e.status === 422 && isReport(e.body)) return e.body;
    throw e;
  }
}

export function importHouseholds(file: File, mode: ImportMode): Promise<ImportReport> {
  return postImport('/imports/households', file, mode);
}

/** A bank's repayment file; idempotent by the bank's transaction id. */
export function importRepayments(file: File, mode: ImportMode): Promise<ImportReport> {
  return postImport('/imports/repayments', file, mode);
}

export interface ImportVars {
  file: File;
  mode: ImportMode;
}

export function useImportHouseholds() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: ImportVars) => importHouseholds(file, mode),
    onSuccess: (report) => {
      if (report.committed) void qc.invalidateQueries({ queryKey: keys.households.all });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useImportRepayments() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: ImportVars) => importRepayments(file, mode),
    onSuccess: (report) => {
      if (report.committed) void qc.invalidateQueries({ queryKey: keys.loans.all });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

/** Download address of the register as .xlsx (masked identifiers), within the user's scope. */
export function registerExportUrl(township?: string): string {
  return buildUrl('/exports/register', { township });
}
