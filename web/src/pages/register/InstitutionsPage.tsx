import { Card, Flex, Select, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useInstitutions } from '../../api/institutions.ts';
import { useTownshipNames } from '../../api/regions.ts';
import { INSTITUTION_KINDS, type Institution, type InstitutionKind } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { InstitutionKindTag } from '../../components/StatusTags.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';

export function InstitutionsPage() {
  const { t, lang } = useI18n();
  const url = useUrlParams();
  const q = url.get('q') ?? '';
  const kind = oneOf(INSTITUTION_KINDS, url.get('kind'));
  const list = useInstitutions();
  const names = useTownshipNames();

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (list.data ?? []).filter(
      (i) =>
        (!kind || i.kind === kind) &&
        (!needle ||
          i.nameZh.toLowerCase().includes(needle) ||
          i.nameEn.toLowerCase().includes(needle) ||
          i.code.toLowerCase().includes(needle)),
    );
  }, [list.data, q, kind]);

  const columns: TableColumnsType<Institution> = [
    { title: t.institutions.code, dataIndex: 'code', width: 140 },
    {
      title: lang === 'zh' ? t.institutions.nameZh : t.institutions.nameEn,
      key: 'name',
      render: (_: unknown, r) => (
        <Link
          to={paths.institution(r.id)}
          state={{ from: url.search }}
          data-testid="institution-link"
        >
          {lang === 'zh' ? r.nameZh : r.nameEn || r.nameZh}
        </Link>
      ),
    },
    {
      title: lang === 'zh' ? t.institutions.nameEn : t.institutions.nameZh,
      key: 'otherName',
      render: (_: unknown, r) => (lang === 'zh' ? r.nameEn : r.nameZh),
    },
    {
      title: t.institutions.kind,
      dataIndex: 'kind',
      width: 170,
      render: (v: InstitutionKind) => <InstitutionKindTag kind={v} />,
    },
    {
      title: t.institutions.servedTownships,
      dataIndex: 'servedTownships',
      width: 140,
      render: (v: string[]) => (
        <Tooltip title={v.map((c) => names.get(c) ?? c).join(t.common.separator)}>
          <span>{t.institutions.servedCount(v.length)}</span>
        </Tooltip>
      ),
    },
  ];

  return (
    <div data-testid="institutions-page">
      <PageHeader title={t.institutions.title} subtitle={t.institutions.subtitle} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox
            testId="institution-search"
            placeholder={t.institutions.searchPlaceholder}
            value={q}
            onSearch={(v) => url.update({ q: v })}
          />
          <Select<InstitutionKind | undefined>
            data-testid="institution-filter-kind"
            style={{ width: 200 }}
            allowClear
            placeholder={t.institutions.anyKind}
            value={kind}
            onChange={(k) => url.update({ kind: k })}
            options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t.institutionKind[k] }))}
          />
        </Flex>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <div data-testid="institution-table">
          <Table<Institution>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isFetching}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: t.common.total }}
            scroll={{ x: 900 }}
            onRow={(r) =>
              ({
                'data-testid': 'institution-row',
                'data-institution-id': r.id,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
      </Card>
    </div>
  );
}
