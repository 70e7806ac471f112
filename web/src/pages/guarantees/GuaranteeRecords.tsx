import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
} from 'antd';
import type { Dayjs } from 'dayjs';
import {
  useGuarantee,
  useRecordEvent,
  useRecordYear,
  type GuaranteeDetail,
} from '../../api/guarantees.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatYuan } from '../../components/format.ts';
import { showFieldError } from '../../components/fieldErrors.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/context.ts';

const YUAN = /^\d+(\.\d{1,2})?$/;

/** A guarantee's years and compensations, with forms for the guarantor to add to them. */
export function GuaranteeRecords({ id, canWrite }: { id: string; canWrite: boolean }) {
  const detail = useGuarantee(id);
  return (
    <QueryState query={detail}>
      {(d) => (
        <Flex vertical gap={12} data-testid="guarantee-records">
          <YearsCard d={d} canWrite={canWrite} />
          <EventsCard d={d} canWrite={canWrite} />
        </Flex>
      )}
    </QueryState>
  );
}

function YearsCard({ d, canWrite }: { d: GuaranteeDetail; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const g = t.guarantees;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ year?: number; newAmount: string }>();
  const record = useRecordYear(d.id);
  return (
    <Card size="small" title={g.years}>
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={d.years}
        data-testid="guarantee-years"
        columns={[
          { title: g.year, dataIndex: 'year', width: 100 },
          { title: g.newAmount, dataIndex: 'newAmount', align: 'right', render: formatYuan },
        ]}
      />
      {canWrite ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 8 }}
          onFinish={(v) =>
            record.mutate(
              { year: v.year ?? 0, newAmount: v.newAmount.trim() },
              {
                onSuccess: () => {
                  void message.success(g.saved);
                  form.resetFields();
                },
                onError: (e) => void showFieldError(form, e, ['year', 'newAmount'], lang),
              },
            )
          }
          data-testid="guarantee-year-form"
        >
          <Form.Item name="year" rules={[{ required: true, message: g.required }]}>
            <InputNumber placeholder={g.year} min={1990} max={2100} data-testid="guarantee-year" />
          </Form.Item>
          <Form.Item
            name="newAmount"
            rules={[{ required: true, pattern: YUAN, message: g.amountRequired }]}
          >
            <Input
              placeholder={g.newAmount}
              inputMode="decimal"
              data-testid="guarantee-new-amount"
            />
          </Form.Item>
          <Button htmlType="submit" loading={record.isPending} data-testid="guarantee-year-submit">
            {g.addYear}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

interface EventValues {
  kind: 'compensation' | 'recovery';
  occurredOn?: Dayjs;
  amount: string;
  note?: string;
}

function EventsCard({ d, canWrite }: { d: GuaranteeDetail; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const g = t.guarantees;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EventValues>();
  const record = useRecordEvent(d.id);
  return (
    <Card size="small" title={g.events}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={d.events}
        data-testid="guarantee-events"
        columns={[
          { title: g.occurredOn, dataIndex: 'occurredOn', width: 120, render: formatDate },
          {
            title: g.eventKind,
            dataIndex: 'kind',
            width: 100,
            render: (k: string) => g.eventKinds[k] ?? k,
          },
          { title: g.amount, dataIndex: 'amount', align: 'right', render: formatYuan },
          { title: g.note, dataIndex: 'note', render: (v: string | null) => v ?? t.common.empty },
        ]}
      />
      {record.isError ? <ErrorAlert error={record.error} testId="guarantee-event-error" /> : null}
      {canWrite ? (
        <Form<EventValues>
          form={form}
          layout="inline"
          style={{ marginTop: 8 }}
          initialValues={{ kind: 'compensation' }}
          onFinish={(v) =>
            record.mutate(
              {
                kind: v.kind,
                occurredOn: v.occurredOn ? v.occurredOn.format('YYYY-MM-DD') : '',
                amount: v.amount.trim(),
                ...(v.note?.trim() ? { note: v.note.trim() } : {}),
              },
              {
                onSuccess: () => {
                  void message.success(g.saved);
                  form.resetFields();
                },
                onError: (e) =>
                  void showFieldError(form, e, ['kind', 'occurredOn', 'amount', 'note'], lang),
              },
            )
          }
          data-testid="guarantee-event-form"
        >
          <Form.Item name="kind">
            <Select
              style={{ width: 110 }}
              data-testid="guarantee-event-kind"
              options={(['compensation', 'recovery'] as const).map((k) => ({
                value: k,
                label: g.eventKinds[k],
              }))}
            />
          </Form.Item>
          <Form.Item name="occurredOn" rules={[{ required: true, message: g.required }]}>
            <DatePicker data-testid="guarantee-event-date" />
          </Form.Item>
          <Form.Item
            name="amount"
            rules={[{ required: true, pattern: YUAN, message: g.amountRequired }]}
          >
            <Input
              placeholder={g.amount}
              inputMode="decimal"
              data-testid="guarantee-event-amount"
            />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={g.note} data-testid="guarantee-event-note" />
          </Form.Item>
          <Button htmlType="submit" loading={record.isPending} data-testid="guarantee-event-submit">
            {g.addEvent}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
