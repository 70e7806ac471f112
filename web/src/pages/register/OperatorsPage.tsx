import { Button, Card, Flex, Select, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useOperators } from '../../api/operators.ts';
import {
  OPERATOR_KINDS,
  type Operator,
  type OperatorKind,
  type OperatorQuery,
} from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListPagination } from '../../components/ListPagination.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { TownshipSelect } from '../../components/RegionSelects.tsx';
import { OperatorKindTag, PoorShareTag } from '../../components/StatusTags.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';

export function OperatorsPage() {
  const { t } = useI18n();
  const url = useUrlParams();
  const query: OperatorQuery = {
    q: url.get('q'),
    township: url.get('township'),
    kind: oneOf(OPERATOR_KINDS, url.get('kind')),
    page: url.page,
    pageSize: url.pageSize,
  };
  const list = useOperators(query);

  const columns: TableColumnsType<Operator> = [
    {
      title: t.operators.name,
      dataIndex: 'name',
      render: (v: string, r) => (
        <Link to={paths.operator(r.id)} state={{ from: url.search }} data-testid="operator-link">
          {v}
        </Link>
      ),
    },
    {
      title: t.operators.kind,
      dataIndex: 'kind',
      width: 170,
      render: (v: OperatorKind) => <OperatorKindTag kind={v} />,
    },
    { title: t.operators.uscc, dataIndex: 'uscc', width: 200 },
    { title: t.regions.township, dataIndex: 'townshipName', width: 110 },
    { title: t.regions.village, dataIndex: 'villageName', width: 110 },
    { title: t.operators.workforce, dataIndex: 'workforce', width: 100, align: 'right' },
    { title: t.operators.poorWorkforce, dataIndex: 'poorWorkforce', width: 110, align: 'right' },
    {
      title: <Tooltip title={t.operators.poorShareHint}>{t.operators.poorShare}</Tooltip>,
      key: 'share',
      width: 120,
      align: 'right',
      render: (_: unknown, r) => <PoorShareTag op={r} />,
    },
  ];

  return (
    <div data-testid="operators-page">
      <PageHeader title={t.operators.title} subtitle={t.operators.subtitle} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox
            testId="operator-search"
            placeholder={t.operators.searchPlaceholder}
            value={query.q}
            onSearch={(v) => url.update({ q: v })}
          />
          <TownshipSelect
            testId="operator-filter-township"
            value={query.township}
            onChange={(township) => url.update({ township })}
          />
          <Select<OperatorKind | undefined>
            data-testid="operator-filter-kind"
            style={{ width: 200 }}
            allowClear
            placeholder={t.operators.anyKind}
            value={query.kind}
            onChange={(kind) => url.update({ kind })}
            options={OPERATOR_KINDS.map((k) => ({ value: k, label: t.operatorKind[k] }))}
          />
          <Button onClick={url.clear}>{t.common.reset}</Button>
        </Flex>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <div data-testid="operator-table">
          <Table<Operator>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 1100 }}
            onRow={(r) =>
              ({
                'data-testid': 'operator-row',
                'data-operator-id': r.id,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
        <ListPagination
          testId="operator-pagination"
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
