import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { HTMLAttributes } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';
import { ListPagination } from './ListPagination.tsx';

export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * A server-paged list of records whose rows open the record: the table, its paging and
 * the load error, with test ids `<testId>-table`, `-row` and `-pages`.
 */
export function PagedRecordTable<T extends { id: string }>({
  testId,
  list,
  columns,
  paging,
  onPaging,
  onOpen,
  rowData,
}: {
  testId: string;
  list: UseQueryResult<{ items: T[]; total: number }>;
  columns: TableColumnsType<T>;
  paging: Paging;
  onPaging: (paging: Paging) => void;
  onOpen: (row: T) => void;
  /** Extra data-* attributes of a row, for tests and styling. */
  rowData?: (row: T) => Record<`data-${string}`, string>;
}) {
  return (
    <>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<T>
        rowKey="id"
        size="small"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid={`${testId}-table`}
        onRow={(r) =>
          ({
            onClick: () => onOpen(r),
            style: { cursor: 'pointer' },
            'data-testid': `${testId}-row`,
            ...rowData?.(r),
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <ListPagination
        testId={`${testId}-pages`}
        page={paging.page}
        pageSize={paging.pageSize}
        total={list.data?.total ?? 0}
        onChange={(page, pageSize) => onPaging({ page, pageSize })}
      />
    </>
  );
}
