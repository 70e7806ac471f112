import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatYuan } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';

interface Dividend {
  id: string;
  period: string;
  amount: string;
  paidOn: string;
  paymentRef: string;
}

interface Stake {
  id: string;
  operatorName: string;
  loanId: string;
  contractNo: string;
  amount: string;
  equityShare: string;
  startDate: string;
  dividends: Dividend[];
  dividendTotal: string;
}

/** The household's art. 13 asset-income stakes (资产收益扶贫) and the dividends paid on each. */
export function AssetIncomeCard({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const m = t.assetIncome;
  const q = useQuery({
    // Under 'loans' so whatever refreshes the loans refreshes this too.
    queryKey: ['loans', 'asset-income', householdId],
    queryFn: ({ signal }) =>
      api<{ stakes: Stake[] }>(`/households/${encodeURIComponent(householdId)}/asset-income`, {
        signal,
      }),
  });
  const columns: TableColumnsType<Stake> = [
    { title: m.enterprise, dataIndex: 'operatorName' },
    {
      title: m.loan,
      dataIndex: 'contractNo',
      render: (v: string, r) => <Link to={paths.loan(r.loanId)}>{v}</Link>,
    },
    { title: m.amount, dataIndex: 'amount', align: 'right', render: formatYuan },
    { title: m.share, dataIndex: 'equityShare', align: 'right', render: (v: string) => `${v}%` },
    { title: m.startDate, dataIndex: 'startDate', render: formatDate },
    { title: m.dividendTotal, dataIndex: 'dividendTotal', align: 'right', render: formatYuan },
  ];
  const dividendColumns: TableColumnsType<Dividend> = [
    { title: m.period, dataIndex: 'period' },
    { title: m.dividend, dataIndex: 'amount', align: 'right', render: formatYuan },
    { title: m.paidOn, dataIndex: 'paidOn', render: formatDate },
    { title: m.paymentRef, dataIndex: 'paymentRef' },
  ];
  return (
    <Card title={m.title} style={{ marginBottom: 16 }}>
      <div data-testid="household-asset-income">
        {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
        <Table<Stake>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={q.data?.stakes ?? []}
          loading={q.isFetching}
          pagination={false}
          locale={{ emptyText: m.empty }}
          scroll={{ x: 700 }}
          expandable={{
            rowExpandable: (r) => r.dividends.length > 0,
            expandedRowRender: (r) => (
              <Table<Dividend>
                rowKey="id"
                size="small"
                columns={dividendColumns}
                dataSource={r.dividends}
                pagination={false}
              />
            ),
          }}
        />
      </div>
    </Card>
  );
}
