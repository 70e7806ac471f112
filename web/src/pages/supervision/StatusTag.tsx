import { Tag } from 'antd';
import { useI18n } from '../../i18n/context.ts';
import type { RiskReason, TaskStatus } from './api.ts';

const COLOR: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  completed: 'success',
};

export function StatusTag({ status }: { status: TaskStatus | null }) {
  const { t } = useI18n();
  if (status === null) return <Tag>{t.supervision.notCreated}</Tag>;
  return (
    <Tag color={COLOR[status]} data-testid="task-status" data-status={status}>
      {t.supervision.statusNames[status] ?? status}
    </Tag>
  );
}

export function RiskTags({ risks }: { risks: readonly RiskReason[] }) {
  const { t } = useI18n();
  return (
    <>
      {risks.map((r) => (
        <Tag key={r} color={r === 'deadline_near' ? 'orange' : 'red'} data-testid="task-risk">
          {t.supervision.riskNames[r] ?? r}
        </Tag>
      ))}
    </>
  );
}
