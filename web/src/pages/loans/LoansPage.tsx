import { Button, Card, Flex, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useInstitutions } from '../../api/institutions.ts';
import { useLoans } from '../../api/loans.ts';
import {
  LOAN_STATUSES,
  type LoanQuery,
  type LoanStatus,
  type LoanSummary,
} from '../../api/loanTypes.ts';
import { useTownshipNames } from '../../api/regions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatYuan } from '../../components/format.ts';
import { ListPagination } from '../../components/ListPagination.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TownshipSelect } from '../../components/RegionSelects.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { HouseholdPicker } from './HouseholdPicker.tsx';
import { HouseholdLink, LoanStatusTag, useInstitutionNames, useProductNames } from './loanBits.tsx';

export function LoansPage() {
  const { t } = useI18n();
  const url = useUrlParams();
  const query: LoanQuery = {
    householdId: url.get('household'),
    institutionId: url.get('institution'),
    township: url.get('township'),
    status: oneOf(LOAN_STATUSES, url.get('status')),
    page: url.page,
    pageSize: url.pageSize,
  };
  const list = useLoans(query);
  const institutions = useInstitutions();
  const instNames = useInstitutionNames();
  const productNames = useProductNames();
  const townshipNames = useTownshipNames();

  const columns: TableColumnsType<LoanSummary> = [
    {
      title: t.loans.contractNo,
      dataIndex: 'contractNo',
      width: 170,
      render: (v: string, r) => (
        <Link to={paths.loan(r.id)} state={{ from: url.search }} data-testid="loan-link">
          {v}
        </Link>
      ),
    },
    {
      title: t.loans.borrower,
      dataIndex: 'householdId',
      width: 200,
      render: (v: string) => <HouseholdLink id={v} />,
    },
    {
      title: t.regions.township,
      dataIndex: 'townshipCode',
      width: 110,
      render: (v: string) => townshipNames.get(v) ?? v,
    },
    {
      title: t.loans.lender,
      dataIndex: 'institutionId',
      width: 160,
      render: (v: string) => instNames.get(v) ?? v,
    },
    {
      title: t.loans.product,
      dataIndex: 'productId',
      width: 160,
      render: (v: string) => productNames.get(v) ?? v,
    },
    {
      title: t.loans.amount,
      dataIndex: 'amount',
      width: 130,
      align: 'right',
      render: (v: string) => <span data-testid="loan-amount">{formatYuan(v)}</span>,
    },
    {
      title: t.loans.rate,
      dataIndex: 'annualRate',
      width: 90,
      align: 'right',
      render: (v: string) => t.loans.ratePercent(v),
    },
    {
      title: t.loans.term,
      dataIndex: 'termMonths',
      width: 90,
      render: (v: number) => t.loans.termMonths(v),
    },
    {
      title: t.loans.appliedOn,
      dataIndex: 'appliedOn',
      width: 110,
      render: (v: string) => formatDate(v),
    },
    {
      title: t.loans.status,
      dataIndex: 'status',
      width: 100,
      render: (v: LoanStatus) => <LoanStatusTag status={v} />,
    },
  ];

  return (
    <div data-testid="loans-page">
      <PageHeader title={t.loans.title} subtitle={t.loans.subtitle} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="loan-filters">
          <HouseholdPicker
            testId="loan-filter-household"
            placeholder={t.loans.householdSearch}
            value={query.householdId}
            onChange={(household) => url.update({ household })}
          />
          <TownshipSelect
            testId="loan-filter-township"
            value={query.township}
            onChange={(township) => url.update({ township })}
          />
          <Select<string | undefined>
            data-testid="loan-filter-institution"
            style={{ width: 200 }}
            allowClear
            placeholder={t.loans.anyInstitution}
            value={query.institutionId}
            onChange={(institution) => url.update({ institution })}
            options={(institutions.data ?? []).map((i) => ({
              value: i.id,
              label: t.common.placeName(i.nameZh, i.nameEn),
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Select<LoanStatus | undefined>
            data-testid="loan-filter-status"
            style={{ width: 140 }}
            allowClear
            placeholder={t.loans.anyStatus}
            value={query.status}
            onChange={(status) => url.update({ status })}
            options={LOAN_STATUSES.map((s) => ({ value: s, label: t.loans.loanStatus[s] ?? s }))}
          />
          <Button onClick={url.clear} data-testid="loan-filter-reset">
            {t.common.reset}
          </Button>
        </Flex>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <div data-testid="loan-table" data-loading={list.isFetching}>
          <Table<LoanSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 1300 }}
            locale={{ emptyText: t.loans.noLoans }}
            onRow={(r) =>
              ({
                'data-testid': 'loan-row',
                'data-loan-id': r.id,
                'data-status': r.status,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
        <ListPagination
          testId="loan-pagination"
          page={query.page}
          pageSize={query.pageSize}
          total={list.data?.total ?? 0}
          onChange={(page, pageSize) =>
            url.update(pageSize !== query.pageSize ? { pageSize, page: 1 } : { page })
          }
        />
      </Card>
    </div>
  );
}
