import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/context.ts';
import { useNotices, type Notice } from './api.ts';

/** The in-app notices: the unit's overdue reports, and the district's for supervisors. */
export function NoticesTab() {
  const { t, lang } = useI18n();
  const s = t.supervision;
  const notices = useNotices();
  const columns: TableColumnsType<Notice> = [
    {
      title: '',
      dataIndex: 'toDistrict',
      width: 100,
      render: (d: boolean) => <Tag>{d ? s.toDistrict : s.toUnit}</Tag>,
    },
    {
      title: s.message,
      key: 'message',
      render: (_: unknown, n) => (lang === 'zh' ? n.messageZh : n.messageEn),
    },
    { title: s.reportedAt, dataIndex: 'createdAt', width: 200 },
  ];
  return (
    <div data-testid="supervision-notices">
      {notices.isError ? (
        <ErrorAlert error={notices.error} onRetry={() => void notices.refetch()} />
      ) : null}
      {notices.data ? (
        <Typography.Paragraph type="secondary">
          {s.noticesTotal(notices.data.total)}
        </Typography.Paragraph>
      ) : null}
      <Table<Notice>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={notices.data?.items ?? []}
        loading={notices.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </div>
  );
}
