import { Button, Card, Flex, Select, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useHouseholds } from '../../api/households.ts';
import { registerExportUrl } from '../../api/imports.ts';
import {
  POVERTY_STATUSES,
  type HouseholdListItem,
  type HouseholdQuery,
  type PovertyStatus,
} from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { maskIdNumber, maskPhone } from '../../components/format.ts';
import { ListPagination } from '../../components/ListPagination.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { TownshipSelect, VillageSelect } from '../../components/RegionSelects.tsx';
import { PovertyStatusTag } from '../../components/StatusTags.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';

export function HouseholdsPage() {
  const { t } = useI18n();
  const url = useUrlParams();
  const query: HouseholdQuery = {
    q: url.get('q'),
    township: url.get('township'),
    village: url.get('village'),
    status: oneOf(POVERTY_STATUSES, url.get('status')),
    page: url.page,
    pageSize: url.pageSize,
  };
  const list = useHouseholds(query);

  const columns: TableColumnsType<HouseholdListItem> = [
    {
      title: t.households.householdNo,
      dataIndex: 'householdNo',
      width: 170,
      render: (v: string, r) => (
        <Link to={paths.household(r.id)} state={{ from: url.search }} data-testid="household-link">
          {v}
        </Link>
      ),
    },
    {
      title: t.households.headName,
      dataIndex: 'headName',
      width: 110,
      render: (v: string) => <span data-testid="household-head-name">{v}</span>,
    },
    {
      title: t.households.headIdNumber,
      dataIndex: 'headIdNumber',
      width: 200,
      render: (v: string) => (
        <Typography.Text code data-testid="household-id-masked">
          {maskIdNumber(v)}
        </Typography.Text>
      ),
    },
    {
      title: t.households.phone,
      dataIndex: 'phone',
      width: 140,
      render: (v: string | null) => (
        <span data-testid="household-phone-masked">{maskPhone(v) || t.common.empty}</span>
      ),
    },
    {
      title: t.regions.township,
      dataIndex: 'townshipName',
      width: 120,
      render: (v: string) => <span data-testid="household-township">{v}</span>,
    },
    {
      title: t.regions.village,
      dataIndex: 'villageName',
      width: 120,
      render: (v: string) => <span data-testid="household-village">{v}</span>,
    },
    {
      title: t.households.memberCount,
      dataIndex: 'memberCount',
      width: 90,
      align: 'right',
    },
    {
      title: t.households.povertyStatus,
      dataIndex: 'povertyStatus',
      width: 150,
      render: (v: PovertyStatus) => <PovertyStatusTag status={v} />,
    },
  ];

  return (
    <div data-testid="households-page">
      <PageHeader
        title={t.households.title}
        subtitle={t.households.subtitle}
        extra={
          <Tooltip title={t.households.exportHint}>
            <Button href={registerExportUrl(query.township)} download data-testid="export-register">
              {t.households.exportRegister}
            </Button>
          </Tooltip>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="household-filters">
          <SearchBox
            testId="household-search"
            placeholder={t.households.searchPlaceholder}
            value={query.q}
            onSearch={(v) => url.update({ q: v })}
          />
          <TownshipSelect
            testId="household-filter-township"
            value={query.township}
            onChange={(township) => url.update({ township, village: undefined })}
          />
          <VillageSelect
            testId="household-filter-village"
            township={query.township}
            value={query.village}
            onChange={(village) => url.update({ village })}
          />
          <Select<PovertyStatus | undefined>
            data-testid="household-filter-status"
            style={{ width: 180 }}
            allowClear
            placeholder={t.households.anyStatus}
            value={query.status}
            onChange={(status) => url.update({ status })}
            options={POVERTY_STATUSES.map((s) => ({ value: s, label: t.povertyStatus[s] }))}
          />
          <Button onClick={url.clear} data-testid="household-filter-reset">
            {t.common.reset}
          </Button>
        </Flex>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <div data-testid="household-table" data-loading={list.isFetching}>
          <Table<HouseholdListItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 1100 }}
            onRow={(r) =>
              ({
                'data-testid': 'household-row',
                'data-household-id': r.id,
                'data-household-no': r.householdNo,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
        <ListPagination
          testId="household-pagination"
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
