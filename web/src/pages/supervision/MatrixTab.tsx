import { Card, DatePicker, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { useMatrix, type MatrixArticle, type MatrixMeasure } from './api.ts';
import { RiskTags, StatusTag } from './StatusTag.tsx';

/** The responsibility matrix by article: units as the text writes them, measures, status. */
export function MatrixTab() {
  const { t } = useI18n();
  const s = t.supervision;
  const url = useUrlParams();
  const matrix = useMatrix(url.get('asOf'));
  const columns: TableColumnsType<MatrixMeasure> = [
    { title: s.task, dataIndex: 'id', width: 90 },
    { title: s.measure, dataIndex: 'quote' },
    { title: s.owners, dataIndex: 'owners', width: 260, render: (o: string[]) => o.join('、') },
    {
      title: s.deadline,
      dataIndex: 'deadline',
      width: 130,
      render: (d: MatrixMeasure['deadline']) => (d ? `${d.date}（${d.quote}）` : ''),
    },
    {
      title: s.status,
      key: 'status',
      width: 200,
      render: (_: unknown, m) => (
        <>
          <StatusTag status={m.status} />
          <RiskTags risks={m.risks} />
        </>
      ),
    },
  ];
  const unitsText = (a: MatrixArticle) =>
    a.units.map((g) => g.names.join('、') + (g.etc ?? '')).join('，');
  return (
    <div data-testid="supervision-matrix">
      {matrix.isError ? (
        <ErrorAlert error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : null}
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <span>{s.asOf}</span>
        <DatePicker
          allowClear={false}
          value={matrix.data ? dayjs(matrix.data.asOf) : undefined}
          onChange={(v) => url.update({ asOf: v ? v.format('YYYY-MM-DD') : undefined })}
          data-testid="supervision-as-of"
        />
      </Flex>
      {(matrix.data?.articles ?? []).map((a) => (
        <Card
          key={a.article}
          size="small"
          style={{ marginBottom: 12 }}
          title={`${s.article(a.article)} ${a.title}`}
          data-testid="matrix-article"
          data-article={a.article}
        >
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {s.units}：<span data-testid="matrix-units">{unitsText(a)}</span>
            {a.labelled ? null : <Tag style={{ marginLeft: 8 }}>{s.unlabelled}</Tag>}
          </Typography.Paragraph>
          <Table<MatrixMeasure>
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={a.measures}
            onRow={(m) =>
              ({ 'data-testid': 'matrix-measure', 'data-id': m.id }) as HTMLAttributes<HTMLElement>
            }
          />
        </Card>
      ))}
    </div>
  );
}
