import { Collapse, Empty, Flex, Tag, Typography } from 'antd';
import type { AuditEntry } from '../api/types.ts';
import { useI18n } from '../i18n/context.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { formatDateTime } from './format.ts';

/** A list of audit entries, newest first, each opening to its before/after diff. */
export function AuditEntries({ entries, emptyText }: { entries: AuditEntry[]; emptyText: string }) {
  const { t } = useI18n();
  if (!entries.length) return <Empty description={emptyText} />;
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <Collapse
      size="small"
      items={sorted.map((e) => ({
        key: e.id,
        label: (
          <Flex gap={8} wrap align="center" data-testid="audit-entry" data-audit-id={e.id}>
            <Typography.Text>{formatDateTime(e.at)}</Typography.Text>
            <Tag>{e.action}</Tag>
            <Typography.Text type="secondary">{e.actorUsername ?? t.audit.system}</Typography.Text>
          </Flex>
        ),
        children: <AuditDiff before={e.before} after={e.after} detail={e.detail} />,
      }))}
    />
  );
}
