import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Table,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRecordClaim, type InsurancePolicy } from '../../api/insurance.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { formatDate, formatYuan } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';

const YUAN = /^\d+(\.\d{1,2})?$/;
const FIELDS = ['occurredOn', 'amount', 'note'] as const;

interface Values {
  occurredOn?: Dayjs;
  amount: string;
  note?: string;
}

/** A policy's premium split and its claims, with a form for the insurer to add one. */
export function PolicyClaims({ policy, canWrite }: { policy: InsurancePolicy; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const s = t.insurance;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordClaim(policy.id);
  const onFinish = (v: Values) =>
    record.mutate(
      {
        occurredOn: v.occurredOn ? v.occurredOn.format('YYYY-MM-DD') : '',
        amount: v.amount.trim(),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          void message.success(s.saved);
          form.resetFields();
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  return (
    <Flex vertical gap={12} data-testid="policy-claims">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={s.premium}>{formatYuan(policy.premium)}</Descriptions.Item>
        <Descriptions.Item label={s.householdShare}>
          {formatYuan(policy.householdShare)}
        </Descriptions.Item>
        <Descriptions.Item label={s.centralShare}>
          {formatYuan(policy.centralShare)}
        </Descriptions.Item>
        <Descriptions.Item label={s.cityShare}>{formatYuan(policy.cityShare)}</Descriptions.Item>
        <Descriptions.Item label={s.districtShare}>
          {formatYuan(policy.districtShare)}
        </Descriptions.Item>
        <Descriptions.Item label={s.term}>
          {`${formatDate(policy.startDate)} – ${formatDate(policy.endDate)}`}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={s.claims}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={policy.claims}
          data-testid="claim-table"
          columns={[
            { title: s.occurredOn, dataIndex: 'occurredOn', render: formatDate },
            {
              title: s.claimAmount,
              dataIndex: 'amount',
              align: 'right',
              render: (v: string) => formatYuan(v),
            },
            { title: s.note, dataIndex: 'note', render: (v: string | null) => v ?? t.common.empty },
          ]}
        />
        {canWrite ? (
          <Form<Values>
            form={form}
            layout="inline"
            onFinish={onFinish}
            disabled={record.isPending}
            style={{ marginTop: 12 }}
            data-testid="claim-form"
          >
            {record.isError && !errorField(record.error, FIELDS) ? (
              <ErrorAlert error={record.error} testId="claim-form-error" />
            ) : null}
            <Form.Item name="occurredOn" rules={[{ required: true, message: s.required }]}>
              <DatePicker placeholder={s.occurredOn} data-testid="claim-date" />
            </Form.Item>
            <Form.Item
              name="amount"
              rules={[{ required: true, pattern: YUAN, message: s.amountRequired }]}
            >
              <Input placeholder={s.claimAmount} inputMode="decimal" data-testid="claim-amount" />
            </Form.Item>
            <Form.Item name="note">
              <Input placeholder={s.note} data-testid="claim-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="claim-submit">
              {s.addClaim}
            </Button>
          </Form>
        ) : null}
      </Card>
    </Flex>
  );
}
