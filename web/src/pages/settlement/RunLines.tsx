import { App as AntApp, Button, Card, Flex, Select, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useTownshipNames } from '../../api/regions.ts';
import {
  SETTLEMENT_MAKERS,
  useLineExclusion,
  useRunLines,
  type LineQuery,
  type RunDetail,
  type RunLine,
} from '../../api/settlement.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { formatYuan } from '../../components/format.ts';
import { ListPagination } from '../../components/ListPagination.tsx';
import { TownshipSelect } from '../../components/RegionSelects.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { useInstitutionNames } from '../loans/loanBits.tsx';
import { ReasonModal } from './ReasonModal.tsx';
import { useAccrualLabel, useArticleLabel, useFundNames } from './settlementBits.tsx';

/** The run's lines, paged and filtered in the URL; the maker excludes or restores a draft's. */
export function RunLines({ d }: { d: RunDetail }) {
  const { t, lang } = useI18n();
  const articleLabel = useArticleLabel();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const url = useUrlParams();
  const query: LineQuery = {
    township: url.get('township'),
    article: url.get('article'),
    excluded: oneOf(['yes', 'no'] as const, url.get('excluded')),
    page: url.page,
    pageSize: url.pageSize,
  };
  const lines = useRunLines(d.run.id, query);
  const exclusion = useLineExclusion(d.run.id);
  const [excluding, setExcluding] = useState<number | null>(null);
  const townships = useTownshipNames();
  const banks = useInstitutionNames();
  const funds = useFundNames();
  const accrual = useAccrualLabel();
  const s = t.settlement;
  const editable = d.run.status === 'draft' && SETTLEMENT_MAKERS.includes(user.role);

  const restore = (n: number) =>
    exclusion.mutate(
      { n, reason: null },
      {
        onSuccess: () => void message.success(s.includeDone),
        onError: (e) => void message.error(errorText(e, lang)),
      },
    );

  const columns: TableColumnsType<RunLine> = [
    { title: s.lineNo, dataIndex: 'n', width: 70 },
    {
      title: s.loan,
      dataIndex: 'subjectId',
      width: 120,
      render: (v: string) => <Link to={paths.loan(v)}>{t.common.view}</Link>,
    },
    { title: s.accrualPeriod, dataIndex: 'accrualPeriod', width: 210, render: accrual },
    { title: s.payee, dataIndex: 'payeeName', width: 120 },
    {
      title: s.bank,
      dataIndex: 'viaInstitutionId',
      width: 170,
      render: (v: string | null) => (v ? (banks.get(v) ?? v) : t.common.empty),
    },
    {
      title: s.township,
      dataIndex: 'township',
      width: 110,
      render: (v: string) => townships.get(v) ?? v,
    },
    { title: s.article, dataIndex: 'article', width: 100, render: t.loans.article },
    {
      title: s.payer,
      dataIndex: 'payer',
      width: 90,
      render: (v: string) => s.payerNames[v] ?? v,
    },
    {
      title: s.fund,
      dataIndex: 'fund',
      width: 180,
      render: (v: string) => funds.get(v) ?? v,
    },
    {
      title: s.amount,
      dataIndex: 'amount',
      width: 120,
      align: 'right',
      render: (v: string, r) => (
        <span
          style={r.excludedReason ? { textDecoration: 'line-through', opacity: 0.6 } : {}}
          data-testid="line-amount"
        >
          {formatYuan(v)}
        </span>
      ),
    },
    {
      title: s.excludedReason,
      dataIndex: 'excludedReason',
      width: 240,
      render: (v: string | null, r) =>
        v ? (
          <Tooltip title={r.excludedBy === 'system' ? s.byRule : r.excludedBy}>{v}</Tooltip>
        ) : (
          t.common.empty
        ),
    },
  ];
  if (editable) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, r) =>
        r.excludedBy === 'system' ? null : r.excludedReason ? (
          <Button size="small" onClick={() => restore(r.n)} data-testid="line-include">
            {s.include}
          </Button>
        ) : (
          <Button size="small" danger onClick={() => setExcluding(r.n)} data-testid="line-exclude">
            {s.exclude}
          </Button>
        ),
    });
  }

  return (
    <Card title={s.lineTable} style={{ marginBottom: 16 }} data-print-hide>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="line-filters">
        <TownshipSelect
          testId="line-filter-township"
          value={query.township}
          onChange={(township) => url.update({ township })}
        />
        <Select<string | undefined>
          data-testid="line-filter-article"
          style={{ width: 160 }}
          allowClear
          placeholder={s.anyArticle}
          value={query.article}
          onChange={(article) => url.update({ article })}
          options={d.byArticle.map((a) => ({ value: a.key, label: articleLabel(a.key) }))}
        />
        <Select<'yes' | 'no' | undefined>
          data-testid="line-filter-excluded"
          style={{ width: 160 }}
          allowClear
          placeholder={s.anyLine}
          value={query.excluded}
          onChange={(excluded) => url.update({ excluded })}
          options={(['no', 'yes'] as const).map((v) => ({ value: v, label: s.lineFilter[v] }))}
        />
        <Button onClick={url.clear}>{t.common.reset}</Button>
      </Flex>
      {lines.isError ? (
        <ErrorAlert error={lines.error} onRetry={() => void lines.refetch()} />
      ) : null}
      <div data-testid="line-table" data-loading={lines.isFetching}>
        <Table<RunLine>
          rowKey="n"
          size="small"
          columns={columns}
          dataSource={lines.data?.items ?? []}
          loading={lines.isFetching}
          pagination={false}
          scroll={{ x: 1500 }}
          locale={{ emptyText: s.noLines }}
          onRow={(r) =>
            ({
              'data-testid': 'line-row',
              'data-n': r.n,
              'data-excluded': r.excludedReason ? 'yes' : 'no',
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </div>
      <ListPagination
        testId="line-pagination"
        page={query.page}
        pageSize={query.pageSize}
        total={lines.data?.total ?? 0}
        onChange={(page, pageSize) =>
          url.update(pageSize !== query.pageSize ? { pageSize, page: 1 } : { page })
        }
      />
      <ReasonModal
        open={excluding !== null}
        title={s.excludeTitle(excluding ?? 0)}
        okText={s.exclude}
        testId="line-exclude-form"
        onCancel={() => setExcluding(null)}
        onSubmit={async (reason) => {
          await exclusion.mutateAsync({ n: excluding ?? 0, reason });
          void message.success(s.excludeDone);
          setExcluding(null);
        }}
      />
    </Card>
  );
}
