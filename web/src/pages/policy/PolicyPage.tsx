import { Alert, Button, Card, DatePicker, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useParameters } from '../../api/policy.ts';
import type { PolicyParameter } from '../../api/types.ts';
import { POLICY_EDITORS } from '../../auth/roles.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { AddVersionModal } from './AddVersionModal.tsx';
import { ARTICLES, articleLabel, articleOrder, parseArticleFilter } from './articles.ts';
import { formatParamValue } from './paramValue.ts';
import { ParamVersions } from './ParamVersions.tsx';
import { PolicyQuote } from './PolicyQuote.tsx';

const DAY = 'YYYY-MM-DD';
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function matches(p: PolicyParameter, needle: string): boolean {
  if (!needle) return true;
  return [p.id, p.titleZh, p.titleEn, p.quote, p.interpretation ?? '', p.current?.value ?? '']
    .concat(p.versions.map((v) => v.document))
    .some((s) => s.toLowerCase().includes(needle));
}

function byArticle(a: PolicyParameter, b: PolicyParameter): number {
  return articleOrder(a.article) - articleOrder(b.article) || a.id.localeCompare(b.id);
}

export function PolicyPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const url = useUrlParams();
  const atParam = url.get('at');
  const atDay =
    atParam && DATE_RE.test(atParam) && dayjs(atParam).isValid() ? dayjs(atParam) : dayjs();
  const at = atDay.format(DAY);
  const article = parseArticleFilter(url.get('article'));
  const q = url.get('q') ?? '';
  // The server filters numbered articles; 总体目标 and conventions are filtered here.
  const list = useParameters({ at, article: typeof article === 'number' ? article : undefined });
  const canEdit = POLICY_EDITORS.includes(me.role);
  const [editing, setEditing] = useState<PolicyParameter | null>(null);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (list.data?.items ?? [])
      .filter((p) => (article === undefined || p.article === article) && matches(p, needle))
      .sort(byArticle);
  }, [list.data, article, q]);

  const columns: TableColumnsType<PolicyParameter> = [
    {
      title: t.policy.articleCol,
      dataIndex: 'article',
      width: 100,
      sorter: byArticle,
      render: (_: unknown, p) => (
        <Tag color="geekblue" data-testid="param-article">
          {articleLabel(p.article, t)}
        </Tag>
      ),
    },
    {
      title: t.policy.param,
      key: 'title',
      width: 220,
      render: (_: unknown, p) => (
        <>
          <Typography.Text strong data-testid="param-title">
            {lang === 'zh' ? p.titleZh : p.titleEn}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {lang === 'zh' ? p.titleEn : p.titleZh}
          </Typography.Text>
          <br />
          <Typography.Text code style={{ fontSize: 11 }}>
            {p.id}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t.policy.current,
      key: 'current',
      width: 120,
      render: (_: unknown, p) =>
        p.current ? (
          <Typography.Text strong data-testid="param-current">
            {formatParamValue(p.unit, p.current.value, t)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="param-current">
            {t.policy.notInForce}
          </Typography.Text>
        ),
    },
    {
      title: t.policy.from,
      key: 'from',
      width: 105,
      render: (_: unknown, p) => <span data-testid="param-from">{p.current?.from ?? ''}</span>,
    },
    {
      title: t.policy.version,
      key: 'version',
      width: 75,
      render: (_: unknown, p) =>
        p.current ? (
          <span data-testid="param-version">{t.policy.versionNo(p.current.version)}</span>
        ) : (
          t.common.empty
        ),
    },
    {
      title: t.policy.basis,
      dataIndex: 'quote',
      render: (v: string) => <PolicyQuote text={v} />,
    },
  ];
  if (canEdit) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 100,
      render: (_: unknown, p) => (
        <Button size="small" onClick={() => setEditing(p)} data-testid="param-add-version">
          {t.policy.addVersion}
        </Button>
      ),
    });
  }

  return (
    <div data-testid="policy-page">
      <PageHeader title={t.policy.title} subtitle={t.policy.subtitle} />
      <Alert
        type="info"
        showIcon
        title={t.policy.explainTitle}
        description={t.policy.explain}
        style={{ marginBottom: 16 }}
        data-testid="policy-explain"
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Flex gap={8} align="center">
            <Typography.Text>{t.policy.asOf}</Typography.Text>
            <DatePicker
              allowClear={false}
              value={atDay}
              onChange={(d) => url.update({ at: d ? d.format(DAY) : undefined })}
              data-testid="policy-at"
            />
          </Flex>
          <Select<string | undefined>
            data-testid="policy-article"
            style={{ width: 200 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t.policy.anyArticle}
            value={article === undefined ? undefined : String(article)}
            onChange={(v) => url.update({ article: v })}
            options={ARTICLES.map((a) => ({ value: String(a), label: articleLabel(a, t) }))}
          />
          <SearchBox
            testId="policy-search"
            placeholder={t.policy.searchPlaceholder}
            value={q}
            onSearch={(v) => url.update({ q: v })}
          />
          <Button onClick={url.clear} data-testid="policy-filter-reset">
            {t.common.reset}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" data-testid="policy-as-of">
          {t.policy.asOfIs(list.data?.at ?? at)}
          {t.common.clauseSeparator}
          {t.policy.count(rows.length)}
        </Typography.Paragraph>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <div data-testid="param-table" data-loading={list.isFetching}>
          <Table<PolicyParameter>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 1000 }}
            expandable={{
              expandedRowRender: (p) => <ParamVersions param={p} at={list.data?.at ?? at} />,
            }}
            onRow={(p) =>
              ({
                'data-testid': 'param-row',
                'data-param-id': p.id,
                'data-article': String(p.article),
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
      </Card>
      <AddVersionModal param={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
