import { Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../i18n/context.ts';
import { IMPORT_COLUMNS, type ImportColumn } from './importLayout.ts';

/** The file layout the import expects, on the page so clerks can prepare their files. */
export function ImportColumns({
  layout = IMPORT_COLUMNS,
  notes,
  hint,
}: {
  /** Columns of the file; the register's by default. */
  layout?: readonly ImportColumn[];
  /** Note per column key; the register's by default. */
  notes?: Record<string, string>;
  hint?: string;
}) {
  const { t } = useI18n();
  const noteOf: Record<string, string> = notes ?? t.imports.columnNotes;
  const columns: TableColumnsType<ImportColumn> = [
    {
      title: t.imports.column,
      dataIndex: 'header',
      width: 160,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t.imports.required,
      dataIndex: 'required',
      width: 100,
      render: (v: boolean) =>
        v ? <Tag color="red">{t.imports.required}</Tag> : <Tag>{t.imports.optional}</Tag>,
    },
    {
      title: t.imports.note,
      dataIndex: 'key',
      render: (k: string) => noteOf[k] ?? '',
    },
  ];
  return (
    <Card title={t.imports.columnsTitle} data-testid="import-columns">
      <Typography.Paragraph type="secondary">{hint ?? t.imports.columnsHint}</Typography.Paragraph>
      <Table<ImportColumn>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={[...layout]}
        pagination={false}
      />
    </Card>
  );
}
