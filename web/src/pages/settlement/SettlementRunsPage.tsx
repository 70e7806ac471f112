import { Button, Card, Flex, Modal, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import {
  SETTLEMENT_MAKERS,
  useRuns,
  type RunQuery,
  type RunStatus,
  type RunSummary,
} from '../../api/settlement.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatDateTime, formatYuan } from '../../components/format.ts';
import { ListPagination } from '../../components/ListPagination.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { PrepareRunForm } from './PrepareRunForm.tsx';
import { RunStatusTag } from './settlementBits.tsx';

export function SettlementRunsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const url = useUrlParams();
  const [preparing, setPreparing] = useState(false);
  const query: RunQuery = { period: url.get('period'), page: url.page, pageSize: url.pageSize };
  const list = useRuns(query);
  const s = t.settlement;

  const columns: TableColumnsType<RunSummary> = [
    {
      title: s.period,
      dataIndex: 'period',
      width: 200,
      render: (v: string, r) => (
        <Link to={paths.settlementRun(r.id)} state={{ from: url.search }} data-testid="run-link">
          {v}
        </Link>
      ),
    },
    {
      title: s.dates,
      key: 'range',
      width: 220,
      render: (_: unknown, r) => s.periodRange(formatDate(r.from), formatDate(r.to)),
    },
    {
      title: s.kind,
      dataIndex: 'kind',
      width: 100,
      render: (v: string) => s.kindNames[v] ?? v,
    },
    {
      title: s.status,
      dataIndex: 'status',
      width: 110,
      render: (v: RunStatus) => <RunStatusTag status={v} />,
    },
    { title: s.lineCount, dataIndex: 'lineCount', width: 100, align: 'right' },
    {
      title: s.total,
      dataIndex: 'total',
      width: 150,
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    { title: s.createdBy, dataIndex: 'createdBy', width: 110 },
    { title: s.createdAt, dataIndex: 'createdAt', width: 170, render: formatDateTime },
  ];

  return (
    <div data-testid="runs-page">
      <PageHeader
        title={s.title}
        subtitle={s.subtitle}
        extra={
          SETTLEMENT_MAKERS.includes(user.role) ? (
            <Button type="primary" onClick={() => setPreparing(true)} data-testid="run-prepare">
              {s.prepare}
            </Button>
          ) : undefined
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox
            testId="run-filter-period"
            placeholder={s.periodFilter}
            value={query.period}
            onSearch={(period) => url.update({ period })}
          />
          <Button onClick={url.clear}>{t.common.reset}</Button>
        </Flex>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <div data-testid="run-table" data-loading={list.isFetching}>
          <Table<RunSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 1160 }}
            locale={{ emptyText: s.noRuns }}
            onRow={(r) =>
              ({
                'data-testid': 'run-row',
                'data-run-id': r.id,
                'data-status': r.status,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
        <ListPagination
          testId="run-pagination"
          page={query.page}
          pageSize={query.pageSize}
          total={list.data?.total ?? 0}
          onChange={(page, pageSize) =>
            url.update(pageSize !== query.pageSize ? { pageSize, page: 1 } : { page })
          }
        />
      </Card>
      <Modal
        open={preparing}
        title={s.prepare}
        onCancel={() => setPreparing(false)}
        footer={null}
        destroyOnHidden
      >
        <PrepareRunForm onDone={() => setPreparing(false)} />
      </Modal>
    </div>
  );
}
