import { Card, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { Breakdown } from '../../api/settlement.ts';
import { formatYuan } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';

/** A run's included lines summed by one key (article, township, fund or paying bank). */
export function BreakdownTable({
  title,
  keyTitle,
  rows,
  label,
  testId,
  total,
}: {
  title: string;
  keyTitle: string;
  rows: Breakdown[];
  label: (key: string) => string;
  testId: string;
  /** The run's total, shown under the rows (the rows add up to it). */
  total: string;
}) {
  const { t } = useI18n();
  const lines = rows.reduce((s, r) => s + r.lines, 0);
  const columns: TableColumnsType<Breakdown> = [
    { title: keyTitle, dataIndex: 'key', render: (k: string) => label(k) },
    { title: t.settlement.lines, dataIndex: 'lines', align: 'right', width: 90 },
    {
      title: t.settlement.amount,
      dataIndex: 'total',
      align: 'right',
      width: 150,
      render: (v: string) => <span data-testid="breakdown-total">{formatYuan(v)}</span>,
    },
  ];
  return (
    <Card title={title} size="small">
      <Table<Breakdown>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        data-testid={testId}
        onRow={(r) =>
          ({ 'data-testid': `${testId}-row`, 'data-key': r.key }) as HTMLAttributes<HTMLElement>
        }
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t.settlement.grandTotal}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {lines}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <strong>{formatYuan(total)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
