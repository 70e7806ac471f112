import { Card, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { SETTLEMENT_READERS, useLoanSubsidies, type LoanSubsidy } from '../../api/settlement.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { formatYuan } from '../../components/format.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { RunStatusTag, useAccrualLabel } from './settlementBits.tsx';

type Row = LoanSubsidy & { key: number };

/** 贴息记录: every settlement line of the loan in a run that still stands. */
export function LoanSubsidies({ loanId }: { loanId: string }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const subsidies = useLoanSubsidies(loanId);
  // A bank officer or township clerk sees the history but not the district's runs.
  const runLinks = SETTLEMENT_READERS.includes(user.role);
  const accrual = useAccrualLabel();
  const s = t.subsidies;
  const columns: TableColumnsType<Row> = [
    { title: s.accrualPeriod, dataIndex: 'accrualPeriod', width: 220, render: accrual },
    { title: s.article, dataIndex: 'article', width: 100, render: t.loans.article },
    {
      title: s.period,
      dataIndex: 'period',
      width: 130,
      render: (v: string, r) => (runLinks ? <Link to={paths.settlementRun(r.runId)}>{v}</Link> : v),
    },
    {
      title: s.runStatus,
      dataIndex: 'status',
      width: 110,
      render: (v: LoanSubsidy['status']) => <RunStatusTag status={v} />,
    },
    { title: s.payee, dataIndex: 'payeeName', width: 140 },
    {
      title: s.amount,
      dataIndex: 'amount',
      width: 130,
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    {
      title: s.note,
      dataIndex: 'excludedReason',
      render: (v: string | null) => v ?? t.common.empty,
    },
  ];
  return (
    <Card title={s.title} style={{ marginTop: 16 }}>
      <QueryState query={subsidies}>
        {(rows) => (
          <Table<Row>
            size="small"
            columns={columns}
            // The lines carry no id of their own here; their order is stable.
            dataSource={rows.map((r, i) => ({ ...r, key: i }))}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
            locale={{ emptyText: s.empty }}
            data-testid="loan-subsidies"
            onRow={() => ({ 'data-testid': 'loan-subsidy-row' }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </QueryState>
    </Card>
  );
}
