import { App as AntApp, Button, Flex, Form, Input, Select, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';
import { REPORT_STATUSES, useFileReport, type MyTask, type ReportStatus } from './api.ts';

interface ReportValues {
  period: string;
  status: ReportStatus;
  text: string;
  attachments?: string;
  indicatorIds?: string;
}
const FIELDS = ['period', 'status', 'text', 'attachments', 'indicatorIds'] as const;

const lines = (v: string | undefined): string[] =>
  (v ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** A unit's quarterly progress report on one task. */
export function ReportForm({ task, onDone }: { task: MyTask; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const s = t.supervision;
  const [form] = Form.useForm<ReportValues>();
  const file = useFileReport();
  const onFinish = (v: ReportValues) =>
    file.mutate(
      {
        taskId: task.id,
        period: v.period.trim(),
        status: v.status,
        text: v.text.trim(),
        attachments: lines(v.attachments),
        indicatorIds: lines(v.indicatorIds),
      },
      {
        onSuccess: () => {
          void message.success(s.filed);
          onDone();
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  const required = { required: true, whitespace: true, message: s.required };
  return (
    <Form<ReportValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={file.isPending}
      initialValues={{ status: 'in_progress' }}
      data-testid="report-form"
    >
      <Typography.Paragraph type="secondary">{task.quote}</Typography.Paragraph>
      {file.isError && !errorField(file.error, FIELDS) ? (
        <ErrorAlert error={file.error} testId="report-error" />
      ) : null}
      <Form.Item
        label={s.period}
        name="period"
        rules={[required, { pattern: /^\s*\d{4}-Q[1-4]\s*$/, message: s.periodFormat }]}
      >
        <Input placeholder={s.periodHint} autoComplete="off" data-testid="report-period" />
      </Form.Item>
      <Form.Item label={s.status} name="status" rules={[required]}>
        <Select
          data-testid="report-status"
          options={REPORT_STATUSES.map((x) => ({ value: x, label: s.reportStatusNames[x] ?? x }))}
        />
      </Form.Item>
      <Form.Item label={s.text} name="text" rules={[required, { max: 5000 }]}>
        <Input.TextArea rows={4} data-testid="report-text" />
      </Form.Item>
      <Form.Item label={s.attachments} name="attachments">
        <Input.TextArea rows={2} data-testid="report-attachments" />
      </Form.Item>
      <Form.Item label={s.indicators} name="indicatorIds">
        <Input.TextArea rows={2} data-testid="report-indicators" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={file.isPending}
          data-testid="report-submit"
        >
          {s.submit}
        </Button>
      </Flex>
    </Form>
  );
}
