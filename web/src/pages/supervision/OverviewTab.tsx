import { App as AntApp, Button, Card, DatePicker, Flex, List, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { SUPERVISION_ADMINS, useFlagOverdue, useOverview, type Overview } from './api.ts';
import { RiskTags, StatusTag } from './StatusTag.tsx';

type RecentReport = Overview['recentReports'][number];
type RiskRow = Overview['atRisk'][number];

/** The district's view: who is late with which report, what is at risk, the latest reports. */
export function OverviewTab() {
  const { t } = useI18n();
  const s = t.supervision;
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const url = useUrlParams();
  const overview = useOverview(url.get('asOf'), true);
  const flag = useFlagOverdue();
  const data = overview.data;

  const reportColumns: TableColumnsType<RecentReport> = [
    { title: s.task, dataIndex: 'taskId', width: 90 },
    { title: s.owner, dataIndex: 'owner', width: 160 },
    { title: s.period, dataIndex: 'period', width: 90 },
    {
      title: s.status,
      dataIndex: 'status',
      width: 90,
      render: (v: string) => <Tag>{s.reportStatusNames[v] ?? v}</Tag>,
    },
    { title: s.text, dataIndex: 'text' },
    { title: s.reportedBy, dataIndex: 'reportedBy', width: 100 },
  ];
  const riskColumns: TableColumnsType<RiskRow> = [
    { title: s.task, dataIndex: 'taskId', width: 90 },
    { title: s.measure, dataIndex: 'quote' },
    { title: s.deadline, dataIndex: 'deadline', width: 110 },
    {
      title: s.risks,
      key: 'risks',
      width: 260,
      render: (_: unknown, r) => (
        <>
          <StatusTag status={r.status} />
          <RiskTags risks={r.risks} />
        </>
      ),
    },
    {
      title: s.unassigned,
      dataIndex: 'unassigned',
      width: 140,
      render: (u: string[]) => u.join('、'),
    },
  ];

  return (
    <div data-testid="supervision-overview">
      {overview.isError ? (
        <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
      ) : null}
      {flag.isError ? <ErrorAlert error={flag.error} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={48} wrap align="center">
          <div>
            <div style={{ marginBottom: 4 }}>{s.asOf}</div>
            <DatePicker
              allowClear={false}
              value={data ? dayjs(data.asOf) : undefined}
              onChange={(v) => url.update({ asOf: v ? v.format('YYYY-MM-DD') : undefined })}
              data-testid="overview-as-of"
            />
          </div>
          {data
            ? (['not_started', 'in_progress', 'completed'] as const).map((k) => (
                <Statistic key={k} title={s.statusNames[k]} value={data.counts[k]} />
              ))
            : null}
          {SUPERVISION_ADMINS.includes(user.role) ? (
            <Button
              loading={flag.isPending}
              data-testid="flag-overdue"
              onClick={() =>
                flag.mutate(undefined, {
                  onSuccess: (r) => void message.success(s.flagged(r.created)),
                })
              }
            >
              {s.flagOverdue}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Card title={s.recent} style={{ marginBottom: 16 }}>
        <Table<RecentReport>
          rowKey="id"
          size="small"
          columns={reportColumns}
          dataSource={data?.recentReports ?? []}
          loading={overview.isFetching}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          onRow={(r) =>
            ({
              'data-testid': 'recent-report',
              'data-task': r.taskId,
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      <Card title={s.late} style={{ marginBottom: 16 }}>
        <List
          size="small"
          dataSource={data?.late ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          renderItem={(u) => (
            <List.Item data-testid="late-unit" data-name={u.name}>
              <List.Item.Meta title={u.name} description={s.lateCount(u.overdue.length)} />
              <span>
                {u.overdue.slice(0, 8).map((o) => (
                  <Tag key={`${o.taskId}${o.period}`} color="red">{`${o.taskId} ${o.period}`}</Tag>
                ))}
                {u.overdue.length > 8 ? '…' : null}
              </span>
            </List.Item>
          )}
        />
      </Card>
      <Card title={s.atRisk}>
        <Table<RiskRow>
          rowKey="taskId"
          size="small"
          columns={riskColumns}
          dataSource={data?.atRisk ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(r) =>
            ({ 'data-testid': 'risk-task', 'data-id': r.taskId }) as HTMLAttributes<HTMLElement>
          }
        />
      </Card>
    </div>
  );
}
