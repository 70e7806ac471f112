import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { SettlementRunTable } from '../../store/schema.ts';

/** A run as the API shows it; money in yuan text. */
export interface RunSummary {
  id: string;
  period: string;
  from: string;
  to: string;
  kind: SettlementRunTable['kind'];
  status: SettlementRunTable['status'];
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

export function runOut(r: SettlementRunTable): RunSummary {
  return {
    id: r.id,
    period: r.period_key,
    from: r.period_from,
    to: r.period_to,
    kind: r.kind,
    status: r.status,
    parametersAt: r.parameters_at,
    previousRunId: r.previous_run_id,
    lineCount: Number(r.line_count),
    total: fenToYuanString(Number(r.total_amount) as Fen),
    createdBy: r.created_by,
    createdAt: r.created_at,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    paidBy: r.paid_by,
    paidAt: r.paid_at,
    paymentReference: r.payment_reference,
    rejectedBy: r.rejected_by,
    rejectedAt: r.rejected_at,
    rejectionReason: r.rejection_reason,
    version: r.version,
  };
}
