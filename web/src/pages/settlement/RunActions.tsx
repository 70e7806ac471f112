import { App as AntApp, Button, Popconfirm, Tooltip } from 'antd';
import { useState } from 'react';
import {
  SETTLEMENT_APPROVERS,
  SETTLEMENT_MAKERS,
  SETTLEMENT_REVIEWERS,
  useRunAction,
  type RunSummary,
} from '../../api/settlement.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { useI18n } from '../../i18n/context.ts';
import { PayModal } from './PayModal.tsx';
import { ReasonModal } from './ReasonModal.tsx';

type Step = 'submit' | 'review' | 'approve';

/**
 * The next step of a run for the signed-in role: the maker submits a draft, the poverty
 * office reviews (or sends back) what was submitted, the finance bureau approves (or
 * sends back) what was reviewed and records the payment. `step` is the page's mutation,
 * so the page shows its error (e.g. a fund that cannot cover the run) where it is seen.
 */
export function RunActions({
  run,
  step,
}: {
  run: RunSummary;
  step: ReturnType<typeof useRunAction>;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const reject = useRunAction(run.id);
  const [open, setOpen] = useState<'reject' | 'pay' | null>(null);
  const s = t.settlement;
  const role = user.role;
  const isMaker = run.createdBy === user.username || run.submittedBy === user.username;

  const confirmed = (action: Step, label: string, confirm: string, disabledWhy?: string) => {
    const button = (
      <Button
        type="primary"
        loading={step.isPending}
        disabled={disabledWhy !== undefined}
        data-testid={`run-${action}`}
      >
        {label}
      </Button>
    );
    if (disabledWhy !== undefined) return <Tooltip title={disabledWhy}>{button}</Tooltip>;
    return (
      <Popconfirm
        title={confirm}
        onConfirm={() =>
          step.mutate({ action }, { onSuccess: () => void message.success(s.done[action]) })
        }
      >
        {button}
      </Popconfirm>
    );
  };
  const rejectButton = (
    <Button danger onClick={() => setOpen('reject')} data-testid="run-reject">
      {s.reject}
    </Button>
  );

  return (
    <>
      {run.status === 'draft' && SETTLEMENT_MAKERS.includes(role)
        ? confirmed('submit', s.submit, s.submitConfirm)
        : null}
      {run.status === 'submitted' && SETTLEMENT_REVIEWERS.includes(role) ? (
        <>
          {rejectButton}
          {confirmed('review', s.review, s.reviewConfirm)}
        </>
      ) : null}
      {run.status === 'reviewed' && SETTLEMENT_APPROVERS.includes(role) ? (
        <>
          {rejectButton}
          {confirmed(
            'approve',
            s.approve,
            s.approveConfirm,
            isMaker ? s.makerCannotApprove : undefined,
          )}
        </>
      ) : null}
      {run.status === 'approved' && SETTLEMENT_APPROVERS.includes(role) ? (
        <Button type="primary" onClick={() => setOpen('pay')} data-testid="run-pay">
          {s.pay}
        </Button>
      ) : null}
      <ReasonModal
        open={open === 'reject'}
        title={s.reject}
        okText={s.reject}
        testId="run-reject-form"
        onCancel={() => setOpen(null)}
        onSubmit={async (reason) => {
          await reject.mutateAsync({ action: 'reject', reason });
          void message.success(s.done.reject);
          setOpen(null);
        }}
      />
      <PayModal run={run} open={open === 'pay'} onClose={() => setOpen(null)} />
    </>
  );
}
