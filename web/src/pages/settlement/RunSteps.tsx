import { Steps, Typography } from 'antd';
import type { StepsProps } from 'antd';
import type { RunSummary } from '../../api/settlement.ts';
import { formatDateTime } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';

/** Who did each step of the run's life and when; a rejection shows where it stopped. */
export function RunSteps({ run }: { run: RunSummary }) {
  const { t } = useI18n();
  const s = t.settlement.steps;
  const done: { title: string; by: string | null; at: string | null; extra?: string }[] = [
    { title: s.created, by: run.createdBy, at: run.createdAt },
    { title: s.submitted, by: run.submittedBy, at: run.submittedAt },
    { title: s.reviewed, by: run.reviewedBy, at: run.reviewedAt },
    { title: s.approved, by: run.approvedBy, at: run.approvedAt },
    {
      title: s.paid,
      by: run.paidBy,
      at: run.paidAt,
      ...(run.paymentReference ? { extra: t.settlement.paymentRef(run.paymentReference) } : {}),
    },
  ];
  const next = done.findIndex((d) => d.at === null);
  const rejected = run.status === 'rejected';
  // A rejection stops the run at the step it did not pass; otherwise the last step done.
  const current = rejected ? next : (next === -1 ? done.length : next) - 1;
  const items: StepsProps['items'] = done.map((d, i) => {
    const rejectedHere = rejected && i === current;
    const by = rejectedHere ? run.rejectedBy : d.by;
    const at = rejectedHere ? run.rejectedAt : d.at;
    const extra = rejectedHere ? t.settlement.rejectedBecause(run.rejectionReason ?? '') : d.extra;
    return {
      title: rejectedHere ? s.rejected : d.title,
      content: at ? (
        <div data-testid={`run-step-${i}`}>
          <div>{by}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(at)}
          </Typography.Text>
          {extra ? <div data-testid={`run-step-${i}-extra`}>{extra}</div> : null}
        </div>
      ) : undefined,
    };
  });
  return (
    <Steps
      items={items}
      current={current}
      status={rejected ? 'error' : 'finish'}
      size="small"
      data-testid="run-steps"
      data-status={run.status}
    />
  );
}
