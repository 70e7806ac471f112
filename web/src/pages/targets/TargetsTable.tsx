import { Descriptions, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import type { MetricPart, TargetRow, TargetStatus } from './dashboardApi.ts';

const COLOR: Record<TargetStatus, string> = {
  met: 'green',
  'on-track': 'blue',
  'at-risk': 'orange',
  missed: 'red',
  'no-data': 'default',
};

/** The targets with their status; each row opens its definition, quote and article. */
export function TargetsTable({ rows }: { rows: TargetRow[] }) {
  const { t, lang } = useI18n();
  const d = t.dashboard;
  const part = (p: MetricPart | null) =>
    p === null
      ? '—'
      : `${lang === 'zh' ? p.zh : p.en}（${p.id}）= ${p.value ?? d.statuses['no-data']!}`;
  const articleOf = (a: string) => (a === 'general' ? 'general' : a.replace('art. ', ''));
  const columns: TableColumnsType<TargetRow> = [
    {
      title: d.article,
      dataIndex: 'article',
      width: 90,
      render: (a: string) => <Link to={`${paths.policy}?article=${articleOf(a)}`}>{a}</Link>,
    },
    {
      title: d.target,
      key: 'title',
      render: (_: unknown, r) => (lang === 'zh' ? r.titleZh : r.titleEn),
    },
    {
      title: d.actual,
      dataIndex: 'actual',
      align: 'right',
      width: 150,
      render: (v: string | null) => <span data-testid="target-actual">{v ?? '—'}</span>,
    },
    {
      title: d.goal,
      key: 'goal',
      align: 'right',
      width: 170,
      render: (_: unknown, r) =>
        r.goalKind === 'exceeds' ? `${d.exceeds} ${r.goal ?? '—'}` : (r.goal ?? '—'),
    },
    {
      title: d.deadline,
      dataIndex: 'deadline',
      width: 110,
      render: (v: string | null) => v ?? d.noDeadline,
    },
    {
      title: d.status,
      dataIndex: 'status',
      width: 100,
      render: (s: TargetStatus) => (
        <Tag color={COLOR[s]} data-testid="target-status" data-status={s}>
          {d.statuses[s]}
        </Tag>
      ),
    },
  ];
  return (
    <Table<TargetRow>
      rowKey="id"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      onRow={(r) => ({ 'data-testid': 'target-row', 'data-target': r.id }) as object}
      expandable={{
        expandedRowRender: (r) => (
          <Descriptions size="small" column={1} bordered data-testid="target-definition">
            <Descriptions.Item label={d.numerator}>{part(r.metric.numerator)}</Descriptions.Item>
            {r.metric.denominator ? (
              <Descriptions.Item label={d.denominator}>
                {part(r.metric.denominator)}
              </Descriptions.Item>
            ) : null}
            {r.compareTo ? (
              <Descriptions.Item label={d.compareTo}>
                {part(r.compareTo.numerator)} / {part(r.compareTo.denominator)}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={d.quote}>
              <Typography.Text italic>{r.quote}</Typography.Text>
            </Descriptions.Item>
            {r.interpretation ? (
              <Descriptions.Item label={d.interpretation}>{r.interpretation}</Descriptions.Item>
            ) : null}
            {r.goalParam ? (
              <Descriptions.Item label={d.parameter}>
                <Link to={`${paths.policy}?article=${articleOf(r.article)}`}>
                  {r.goalParam.id} v{r.goalParam.version}
                </Link>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        ),
      }}
    />
  );
}
