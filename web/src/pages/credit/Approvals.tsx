import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/context.ts';
import { APPROVERS, useCreditWrite, useProposals, type Proposal } from './creditApi.ts';

/** Proposals waiting for a second person's decision; approve or reject many at once. */
export function Approvals() {
  const { t } = useI18n();
  const c = t.creditSystem;
  const user = useCurrentUser();
  const proposals = useProposals();
  const decide = useCreditWrite<object>('/credit/proposals/decide');
  const [selected, setSelected] = useState<string[]>([]);
  const canDecide = APPROVERS.includes(user.role);
  const send = (decision: 'approve' | 'reject') =>
    decide.mutate({ ids: selected, decision }, { onSuccess: () => setSelected([]) });
  return (
    <div data-testid="credit-approvals">
      {decide.isError ? <ErrorAlert error={decide.error} /> : null}
      {canDecide ? (
        <Space style={{ marginBottom: 8 }}>
          <Button
            type="primary"
            disabled={!selected.length}
            onClick={() => send('approve')}
            data-testid="credit-approve"
          >
            {c.approve} ({selected.length})
          </Button>
          <Button danger disabled={!selected.length} onClick={() => send('reject')}>
            {c.reject}
          </Button>
        </Space>
      ) : null}
      <Table<Proposal>
        size="small"
        rowKey="id"
        locale={{ emptyText: c.nothingPending }}
        dataSource={proposals.data?.items ?? []}
        pagination={{ pageSize: 100 }}
        rowSelection={
          canDecide
            ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }
            : undefined
        }
        onRow={(p) => ({ 'data-testid': 'credit-proposal', 'data-level': p.level }) as object}
        columns={[
          { title: c.level, dataIndex: 'level', render: (l: string) => c.levels[l] },
          { title: c.subject, dataIndex: 'subjectCode' },
          {
            title: c.action,
            dataIndex: 'action',
            render: (a: string) => (
              <Tag color={a === 'grant' ? 'green' : 'red'}>{c.actions[a]}</Tag>
            ),
          },
          { title: c.asOf, dataIndex: 'asOf' },
          { title: c.proposedBy, dataIndex: 'proposedBy' },
        ]}
      />
    </div>
  );
}
