import { Flex, Pagination } from 'antd';
import { useI18n } from '../i18n/context.ts';
import { PAGE_SIZES } from './useUrlParams.ts';

/** Server-side paging under a list table. */
export function ListPagination({
  testId,
  page,
  pageSize,
  total,
  onChange,
}: {
  testId: string;
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}) {
  const { t } = useI18n();
  return (
    <Flex justify="flex-end" style={{ marginTop: 16 }} data-testid={testId} data-total={total}>
      <Pagination
        current={page}
        pageSize={pageSize}
        total={total}
        pageSizeOptions={PAGE_SIZES.map(String)}
        showSizeChanger
        showTotal={(n) => <span data-testid={`${testId}-total`}>{t.common.total(n)}</span>}
        onChange={onChange}
      />
    </Flex>
  );
}
