import { Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTownshipNames } from '../../api/regions.ts';
import { useRunDiff, type RunSummary } from '../../api/settlement.ts';
import { formatYuan } from '../../components/format.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { useArticleLabel } from './settlementBits.tsx';

interface Delta {
  key: string;
  delta: string;
}

/** What changed since the run this one replaced: line counts and money per article and township. */
export function RunDiffCard({ run }: { run: RunSummary }) {
  const { t } = useI18n();
  const articleLabel = useArticleLabel();
  const s = t.settlement;
  const diff = useRunDiff(run.id, run.previousRunId !== null);
  const townships = useTownshipNames();
  const table = (keyTitle: string, rows: Delta[], label: (k: string) => string, id: string) => {
    const columns: TableColumnsType<Delta> = [
      { title: keyTitle, dataIndex: 'key', render: label },
      {
        title: s.delta,
        dataIndex: 'delta',
        align: 'right',
        render: (v: string) => formatYuan(v),
      },
    ];
    return (
      <Table<Delta>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: s.noDelta }}
        data-testid={`run-diff-${id}`}
      />
    );
  };
  return (
    <Card title={s.diff} style={{ marginBottom: 16 }} data-testid="run-diff" data-print-hide>
      {run.previousRunId === null ? (
        <Typography.Text type="secondary">{s.noPrevious}</Typography.Text>
      ) : (
        <QueryState query={diff}>
          {(d) => (
            <>
              <Flex gap={32} wrap style={{ marginBottom: 16 }} align="center">
                <div>
                  <div style={{ marginBottom: 4 }}>{s.previousRun}</div>
                  <Link to={paths.settlementRun(d.previousRunId ?? '')}>{d.previousRunId}</Link>
                </div>
                <Statistic title={s.added} value={d.added} />
                <Statistic title={s.removed} value={d.removed} />
                <Statistic title={s.changed} value={d.changed} />
                <Statistic
                  title={s.totalDelta}
                  value={formatYuan(d.total)}
                  valueRender={(v) => <span data-testid="run-diff-total">{v}</span>}
                />
              </Flex>
              <Row gutter={16}>
                <Col xs={24} lg={12}>
                  {table(s.article, d.byArticle, articleLabel, 'article')}
                </Col>
                <Col xs={24} lg={12}>
                  {table(s.township, d.byTownship, (k) => townships.get(k) ?? k, 'township')}
                </Col>
              </Row>
            </>
          )}
        </QueryState>
      )}
    </Card>
  );
}
