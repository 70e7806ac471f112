import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { Comparison } from '../../api/settlement.ts';
import { formatYuan } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';

/** A difference in yuan, red when spending rises and green when it falls (the Chinese convention). */
export function Delta({ value, testId }: { value: string; testId?: string }) {
  const sign = value.startsWith('-') ? 'down' : /^[0.]+$/.test(value) ? 'none' : 'up';
  return (
    <Typography.Text
      type={sign === 'up' ? 'danger' : sign === 'down' ? 'success' : undefined}
      data-testid={testId}
      data-sign={sign}
      // The size of where it stands: a table cell or a Statistic's figure.
      style={{ fontSize: 'inherit' }}
    >
      {sign === 'up' ? '+' : ''}
      {formatYuan(value)}
    </Typography.Text>
  );
}

/** The what-if's baseline, scenario and difference by one key (article or township). */
export function ComparisonTable({
  title,
  keyTitle,
  rows,
  total,
  label,
  testId,
}: {
  title: string;
  keyTitle: string;
  rows: Comparison[];
  /** The whole period's figures, shown under the rows (the rows add up to them). */
  total: Comparison;
  label: (key: string) => string;
  testId: string;
}) {
  const { t } = useI18n();
  const w = t.whatIf;
  const money = (v: string) => formatYuan(v);
  const columns: TableColumnsType<Comparison> = [
    { title: keyTitle, dataIndex: 'key', render: (k: string) => label(k) },
    { title: w.baseline, dataIndex: 'baseline', align: 'right', width: 150, render: money },
    { title: w.scenario, dataIndex: 'scenario', align: 'right', width: 150, render: money },
    {
      title: w.delta,
      dataIndex: 'delta',
      align: 'right',
      width: 150,
      render: (v: string) => <Delta value={v} />,
    },
  ];
  return (
    <Card title={title} size="small">
      <Table<Comparison>
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
              {money(total.baseline)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {money(total.scenario)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <Delta value={total.delta} />
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
