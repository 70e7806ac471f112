import type { AuditEntry } from '../../audit.ts';

/** What every import job reports (the household and the repayment import alike). */
export interface ImportJobSummary {
  fileName: string;
  sha256: string;
  format: string | null;
  encoding: string | null;
  mode: string;
  rows: number;
  toInsert: number;
  inserted: number;
  unchanged: number;
  errorCount: number;
  committed: boolean;
}

/**
 * The one audit entry an import job leaves, whatever it imports: keyed by the file's
 * content, so "was this file imported before, and by whom?" is one lookup.
 */
export function importJobAudit(
  action: string,
  entity: string,
  report: ImportJobSummary,
  by: Record<string, unknown>,
): AuditEntry {
  return {
    action,
    entity,
    entityId: report.sha256,
    detail: {
      fileName: report.fileName,
      sha256: report.sha256,
      format: report.format,
      encoding: report.encoding,
      mode: report.mode,
      rows: report.rows,
      toInsert: report.toInsert,
      inserted: report.inserted,
      unchanged: report.unchanged,
      errorCount: report.errorCount,
      committed: report.committed,
      by,
    },
  };
}
