import {
  App as AntApp,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useDecideLoanEvent, useLoanEvents } from '../../api/loans.ts';
import type { LoanEvent, LoanSummary } from '../../api/loanTypes.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { errorText } from '../../components/ErrorAlert.tsx';
import { formatDate, formatYuan } from '../../components/format.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/context.ts';
import { LoanEventForm } from './LoanEventForm.tsx';

/**
 * A loan's events (ADR 0008): the lender's bank officer or a district office requests
 * one; the financial office or the poverty office decides it, never its requester.
 */
const OFFICES = ['financial_office', 'poverty_office'];
const statusColor: Record<LoanEvent['status'], string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'default',
};

/** What an approved event changed, in one line. */
function Change({ e }: { e: LoanEvent }) {
  const { t } = useI18n();
  if (e.status !== 'approved' || !e.after) return <>{t.common.empty}</>;
  const before = e.before ?? {};
  const after = e.after;
  const parts: string[] = [];
  if (typeof after.maturityDate === 'string' && after.maturityDate !== before.maturityDate) {
    parts.push(t.loanEvents.maturity(String(before.maturityDate ?? ''), after.maturityDate));
  }
  if (e.scheduleVersion !== null) parts.push(t.loanEvents.newVersion(e.scheduleVersion));
  if (typeof after.total === 'string') parts.push(t.loanEvents.amountOf(formatYuan(after.total)));
  if (e.amount !== null) parts.push(t.loanEvents.amountOf(formatYuan(e.amount)));
  return <span data-testid="loan-event-change">{parts.join('；')}</span>;
}

function RejectForm({
  loanId,
  eventId,
  onDone,
}: {
  loanId: string;
  eventId: string;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const decide = useDecideLoanEvent(loanId);
  const onFinish = (v: { note: string }) =>
    decide.mutate(
      { eventId, decision: 'reject', note: v.note.trim() },
      {
        onSuccess: () => {
          void message.success(t.loanEvents.rejected);
          onDone();
        },
        onError: (e) => void message.error(errorText(e, lang)),
      },
    );
  return (
    <Form<{ note: string }> layout="vertical" onFinish={onFinish} disabled={decide.isPending}>
      <Form.Item
        label={t.loanEvents.note}
        name="note"
        rules={[{ required: true, whitespace: true, message: t.loanEvents.noteRequired }]}
      >
        <Input.TextArea rows={2} data-testid="loan-event-note" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button danger htmlType="submit" loading={decide.isPending}>
          {t.loanEvents.reject}
        </Button>
      </Flex>
    </Form>
  );
}

export function LoanEventsCard({ loan, writtenOff }: { loan: LoanSummary; writtenOff: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const events = useLoanEvents(loan.id);
  const decide = useDecideLoanEvent(loan.id);
  const [requesting, setRequesting] = useState(false);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const lender = user.role === 'bank_officer' && user.institutionId === loan.institutionId;
  const pending = (events.data ?? []).some((e) => e.status === 'pending');
  const canRequest =
    (lender || OFFICES.includes(user.role)) &&
    (loan.status === 'disbursed' || writtenOff) &&
    !pending;
  const canDecide = OFFICES.includes(user.role);

  const columns: TableColumnsType<LoanEvent> = [
    {
      title: t.loanEvents.kind,
      dataIndex: 'kind',
      render: (k: string) => t.loanEvents.kindNames[k] ?? k,
    },
    { title: t.loanEvents.effectiveOn, dataIndex: 'effectiveOn', render: formatDate },
    { title: t.loanEvents.reason, dataIndex: 'reason' },
    {
      title: t.loanEvents.status,
      dataIndex: 'status',
      render: (s: LoanEvent['status']) => (
        <Tag color={statusColor[s]} data-testid="loan-event-status" data-status={s}>
          {t.loanEvents.statusNames[s] ?? s}
        </Tag>
      ),
    },
    { title: t.loanEvents.requestedBy, dataIndex: 'requestedBy' },
    {
      title: t.loanEvents.decidedBy,
      dataIndex: 'decidedBy',
      render: (v: string | null, e) =>
        v ? `${v}${e.decisionNote ? `：${e.decisionNote}` : ''}` : t.common.empty,
    },
    { title: t.loanEvents.change, key: 'change', render: (_: unknown, e) => <Change e={e} /> },
  ];
  if (canDecide) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      render: (_: unknown, e) =>
        e.status !== 'pending' ? null : e.requestedBy === user.username ? (
          <span>{t.loanEvents.ownRequest}</span>
        ) : (
          <Flex gap={8}>
            <Popconfirm
              title={t.loanEvents.approveConfirm}
              onConfirm={() =>
                decide.mutate(
                  { eventId: e.id, decision: 'approve' },
                  {
                    onSuccess: () => void message.success(t.loanEvents.approved),
                    onError: (err) => void message.error(errorText(err, lang)),
                  },
                )
              }
            >
              <Button type="primary" size="small" data-testid="loan-event-approve">
                {t.loanEvents.approve}
              </Button>
            </Popconfirm>
            <Button size="small" onClick={() => setRejecting(e.id)} data-testid="loan-event-reject">
              {t.loanEvents.reject}
            </Button>
          </Flex>
        ),
    });
  }

  return (
    <Card
      title={t.loanEvents.title}
      style={{ marginBottom: 16 }}
      extra={
        canRequest ? (
          <Button onClick={() => setRequesting(true)} data-testid="loan-event-request">
            {t.loanEvents.request}
          </Button>
        ) : null
      }
    >
      <QueryState query={events}>
        {(list) => (
          <Table<LoanEvent>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list}
            pagination={false}
            locale={{ emptyText: t.loanEvents.empty }}
            data-testid="loan-events"
          />
        )}
      </QueryState>
      <Modal
        open={requesting}
        title={t.loanEvents.request}
        onCancel={() => setRequesting(false)}
        footer={null}
        destroyOnHidden
      >
        <LoanEventForm loan={loan} writtenOff={writtenOff} onDone={() => setRequesting(false)} />
      </Modal>
      <Modal
        open={rejecting !== null}
        title={t.loanEvents.reject}
        onCancel={() => setRejecting(null)}
        footer={null}
        destroyOnHidden
      >
        {rejecting ? (
          <RejectForm loanId={loan.id} eventId={rejecting} onDone={() => setRejecting(null)} />
        ) : null}
      </Modal>
    </Card>
  );
}
