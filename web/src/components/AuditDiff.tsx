import { Flex, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import type { AuditValue } from '../api/types.ts';
import { useI18n } from '../i18n/context.ts';
import { displayValue } from './format.ts';

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field rows of an audit entry's before and after (either may be null). */
export function diffRows(before: AuditValue, after: AuditValue): DiffRow[] {
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: !same(b[field], a[field]),
  }));
}

const changedStyle = { background: '#fff1f0' };
const addedStyle = { background: '#f6ffed' };

export function AuditDiff({
  before,
  after,
  detail,
  defaultOnlyChanged = true,
}: {
  before: AuditValue;
  after: AuditValue;
  detail?: unknown;
  defaultOnlyChanged?: boolean;
}) {
  const { t } = useI18n();
  const [onlyChanged, setOnlyChanged] = useState(defaultOnlyChanged);
  const rows = useMemo(() => diffRows(before, after), [before, after]);
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;

  const columns: TableColumnsType<DiffRow> = [
    {
      title: t.audit.field,
      dataIndex: 'field',
      width: 180,
      render: (v: string) => <code>{v}</code>,
    },
    {
      title: t.audit.before,
      dataIndex: 'before',
      render: (v: unknown, r) => (
        <Typography.Text delete={r.changed && v !== undefined} style={{ wordBreak: 'break-all' }}>
          {displayValue(v)}
        </Typography.Text>
      ),
      onCell: (r) => ({ style: r.changed ? changedStyle : undefined }),
    },
    {
      title: t.audit.after,
      dataIndex: 'after',
      render: (v: unknown) => (
        <Typography.Text style={{ wordBreak: 'break-all' }}>{displayValue(v)}</Typography.Text>
      ),
      onCell: (r) => ({ style: r.changed ? addedStyle : undefined }),
    },
  ];

  const hasDetail = detail !== undefined && detail !== null;
  if (!before && !after) {
    return (
      <div data-testid="audit-diff">
        {hasDetail ? (
          <Typography.Text code data-testid="audit-detail">
            {displayValue(detail)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t.audit.noChanges}</Typography.Text>
        )}
      </div>
    );
  }

  return (
    <div data-testid="audit-diff">
      {hasDetail ? (
        <Typography.Paragraph>
          <Typography.Text code data-testid="audit-detail">
            {displayValue(detail)}
          </Typography.Text>
        </Typography.Paragraph>
      ) : null}
      <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
        <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
        <Typography.Text type="secondary">{t.audit.onlyChanged}</Typography.Text>
      </Flex>
      <Table<DiffRow>
        size="small"
        rowKey="field"
        columns={columns}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: t.audit.noChanges }}
        onRow={(r) => ({ 'data-changed': r.changed }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
