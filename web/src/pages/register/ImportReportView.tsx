import { Alert, Card, Col, Descriptions, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { ImportProblem, ImportReport } from '../../api/types.ts';
import { fillLast } from '../../components/format.ts';
import { useI18n, type Messages } from '../../i18n/context.ts';

type ImportMessages = Messages['imports'];

/** Wording that differs by what is imported (households by default). */
export type ImportTexts = Partial<
  Pick<ImportMessages, 'toInsert' | 'inserted' | 'ok' | 'nothingNew' | 'committed' | 'fieldNames'>
>;

function outcome(
  r: ImportReport,
  m: ImportMessages,
): { type: 'success' | 'info' | 'error'; text: string } {
  if (r.mode === 'commit') {
    if (r.committed) return { type: 'success', text: m.committed(r.inserted) };
    if (r.errorCount > 0) return { type: 'error', text: m.refused(r.errorCount) };
    return { type: 'info', text: m.nothingNew };
  }
  if (r.errorCount > 0) return { type: 'error', text: m.hasErrors(r.errorCount) };
  if (r.toInsert > 0) return { type: 'success', text: m.ok(r.toInsert) };
  return { type: 'info', text: m.nothingNew };
}

function ProblemTable({ r, m }: { r: ImportReport; m: ImportMessages }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<ImportProblem> = [
    { title: t.imports.row, dataIndex: 'row', width: 80, align: 'right' },
    {
      title: t.imports.field,
      dataIndex: 'field',
      width: 200,
      render: (v: string) => m.fieldNames[v] ?? v,
    },
    {
      title: t.imports.problem,
      key: 'message',
      render: (_: unknown, p) => (lang === 'zh' ? p.message_zh : p.message_en),
    },
  ];
  return (
    <div data-testid="import-errors" data-error-count={r.errorCount}>
      <Typography.Title level={5}>{t.imports.errorsTitle}</Typography.Title>
      {r.errorCount > r.errors.length ? (
        <Typography.Paragraph type="secondary">
          {t.imports.moreErrors(r.errors.length, r.errorCount)}
        </Typography.Paragraph>
      ) : null}
      <Table<ImportProblem>
        size="small"
        rowKey={(p) => `${p.row}:${p.field}:${p.code}:${p.message_en}`}
        columns={columns}
        dataSource={r.errors}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(p) =>
          ({
            'data-testid': 'import-error-row',
            'data-row': p.row,
            'data-field': p.field,
            'data-code': p.code,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </div>
  );
}

/** Counts, outcome and problems of a dry run or a commit. */
export function ImportReportView({ r, texts }: { r: ImportReport; texts?: ImportTexts }) {
  const { t } = useI18n();
  const m: ImportMessages = { ...t.imports, ...texts };
  const o = outcome(r, m);
  const stat = (testId: string, title: string, value: number) => (
    <Col xs={12} md={6}>
      <div data-testid={testId} data-value={value}>
        <Statistic title={title} value={value} />
      </div>
    </Col>
  );
  return (
    <Card
      title={r.mode === 'commit' ? t.imports.commitTitle : t.imports.dryRunTitle}
      style={{ marginBottom: 16 }}
      data-testid="import-report"
      data-mode={r.mode}
      data-committed={r.committed}
    >
      <Alert
        type={o.type}
        showIcon
        title={o.text}
        style={{ marginBottom: 16 }}
        data-testid="import-outcome"
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {stat('import-count-rows', t.imports.rows, r.rows)}
        {stat(
          'import-count-new',
          r.mode === 'commit' ? m.inserted : m.toInsert,
          r.mode === 'commit' ? r.inserted : r.toInsert,
        )}
        {stat('import-count-unchanged', t.imports.unchanged, r.unchanged)}
        {stat('import-count-errors', t.imports.errorCount, r.errorCount)}
      </Row>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: r.errors.length ? 16 : 0 }}
        items={fillLast([
          { key: 'file', label: t.imports.fileName, children: r.fileName },
          {
            key: 'format',
            label: t.imports.format,
            children: r.format ? r.format.toUpperCase() : t.common.empty,
          },
          {
            key: 'encoding',
            label: t.imports.encoding,
            children: (
              <span data-testid="import-encoding">
                {r.encoding ? r.encoding.toUpperCase() : t.common.empty}
              </span>
            ),
          },
          {
            key: 'ignored',
            label: t.imports.ignoredColumns,
            children: r.ignoredColumns.length
              ? r.ignoredColumns.join(t.common.separator)
              : t.imports.none,
          },
          {
            key: 'sha',
            label: t.imports.sha256,
            children: (
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {r.sha256}
              </Typography.Text>
            ),
          },
        ])}
      />
      {r.errors.length ? <ProblemTable r={r} m={m} /> : null}
    </Card>
  );
}
