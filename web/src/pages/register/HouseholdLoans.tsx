import { Card, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useLoans } from '../../api/loans.ts';
import type { LoanStatus, LoanSummary } from '../../api/loanTypes.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatYuan } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { LoanStatusTag, useInstitutionNames } from '../loans/loanBits.tsx';

/** The household's loans at every lender the user may see. */
export function HouseholdLoans({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const loans = useLoans({ householdId, page: 1, pageSize: 100 });
  const inst = useInstitutionNames();
  const columns: TableColumnsType<LoanSummary> = [
    {
      title: t.loans.contractNo,
      dataIndex: 'contractNo',
      render: (v: string, r) => (
        <Link to={paths.loan(r.id)} data-testid="loan-link">
          {v}
        </Link>
      ),
    },
    { title: t.loans.lender, dataIndex: 'institutionId', render: (v: string) => inst.get(v) ?? v },
    {
      title: t.loans.amount,
      dataIndex: 'amount',
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    { title: t.loans.appliedOn, dataIndex: 'appliedOn', render: formatDate },
    { title: t.loans.disbursedOn, dataIndex: 'disbursedOn', render: formatDate },
    {
      title: t.loans.status,
      dataIndex: 'status',
      render: (v: LoanStatus) => <LoanStatusTag status={v} />,
    },
  ];
  return (
    <Card title={t.householdLoans.title} style={{ marginBottom: 16 }}>
      <div data-testid="household-loans">
        {loans.isError ? (
          <ErrorAlert error={loans.error} onRetry={() => void loans.refetch()} />
        ) : null}
        <Table<LoanSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={loans.data?.items ?? []}
          loading={loans.isFetching}
          pagination={false}
          locale={{ emptyText: t.householdLoans.empty }}
          scroll={{ x: 700 }}
        />
      </div>
    </Card>
  );
}
