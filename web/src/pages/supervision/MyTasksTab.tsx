import { Button, Empty, Modal, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/context.ts';
import { useMyTasks, type MyTask } from './api.ts';
import { ReportForm } from './ReportForm.tsx';
import { RiskTags, StatusTag } from './StatusTag.tsx';

/** The tasks the user's unit owns, the quarters it owes, and the report form. */
export function MyTasksTab() {
  const { t } = useI18n();
  const s = t.supervision;
  const tasks = useMyTasks(true);
  const [reporting, setReporting] = useState<MyTask | null>(null);
  const columns: TableColumnsType<MyTask> = [
    { title: s.task, dataIndex: 'id', width: 90 },
    { title: s.measure, dataIndex: 'quote' },
    { title: s.deadline, dataIndex: 'deadline', width: 110 },
    {
      title: s.status,
      key: 'status',
      width: 180,
      render: (_: unknown, r) => (
        <>
          <StatusTag status={r.progress.status} />
          <RiskTags risks={r.progress.risks} />
        </>
      ),
    },
    {
      title: s.overdue,
      key: 'overdue',
      width: 160,
      render: (_: unknown, r) => (
        <span data-testid="task-overdue">
          {r.overdue.map((o) => (
            <Tag key={`${o.owner}${o.period}`} color="red">
              {o.period}
            </Tag>
          ))}
        </span>
      ),
    },
    {
      title: s.reports,
      key: 'reports',
      width: 160,
      render: (_: unknown, r) => (
        <span data-testid="task-reports">
          {r.mine
            .flatMap((o) => o.reports)
            .map((x) => (
              <Tag key={x.id}>{`${x.period} ${s.reportStatusNames[x.status] ?? x.status}`}</Tag>
            ))}
        </span>
      ),
    },
    {
      title: '',
      key: 'act',
      width: 110,
      render: (_: unknown, r) => (
        <Button size="small" onClick={() => setReporting(r)} data-testid="task-report">
          {s.report}
        </Button>
      ),
    },
  ];
  if (tasks.data && tasks.data.items.length === 0) return <Empty description={s.noTasks} />;
  return (
    <div data-testid="supervision-mine">
      {tasks.isError ? (
        <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : null}
      <Table<MyTask>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tasks.data?.items ?? []}
        loading={tasks.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(r) =>
          ({ 'data-testid': 'my-task', 'data-id': r.id }) as HTMLAttributes<HTMLElement>
        }
      />
      <Modal
        open={reporting !== null}
        title={reporting ? s.reportTitle(reporting.id) : ''}
        footer={null}
        onCancel={() => setReporting(null)}
        destroyOnHidden
      >
        {reporting ? <ReportForm task={reporting} onDone={() => setReporting(null)} /> : null}
      </Modal>
    </div>
  );
}
