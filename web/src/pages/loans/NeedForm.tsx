import { App as AntApp, Button, DatePicker, Flex, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCreateNeed } from '../../api/loans.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';
import { HouseholdPicker } from './HouseholdPicker.tsx';

interface Values {
  householdId?: string;
  amount: string;
  purpose: string;
  industry: string;
  recordedOn?: Dayjs;
}
const FIELDS = ['householdId', 'amount', 'purpose', 'industry', 'recordedOn'] as const;
const YUAN = /^\d+(\.\d{1,2})?$/;

/** 登记融资需求 (art. 3): township clerks and the poverty office. */
export function NeedForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateNeed();
  const onFinish = (v: Values) =>
    create.mutate(
      {
        householdId: v.householdId ?? '',
        amount: v.amount.trim(),
        purpose: v.purpose.trim(),
        industry: v.industry.trim(),
        recordedOn: v.recordedOn ? v.recordedOn.format('YYYY-MM-DD') : '',
      },
      {
        onSuccess: () => {
          void message.success(t.needs.created);
          onDone();
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  const text = [{ required: true, whitespace: true, message: t.loans.textRequired }, { max: 200 }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      initialValues={{ recordedOn: dayjs() }}
      data-testid="need-form"
    >
      {create.isError && !errorField(create.error, FIELDS) ? (
        <ErrorAlert error={create.error} testId="need-form-error" />
      ) : null}
      <Form.Item
        label={t.needs.household}
        name="householdId"
        rules={[{ required: true, message: t.needs.householdRequired }]}
      >
        <HouseholdPicker testId="need-household" width="100%" />
      </Form.Item>
      <Form.Item
        label={t.needs.amount}
        name="amount"
        rules={[{ required: true, pattern: YUAN, message: t.loans.amountRequired }]}
      >
        <Input inputMode="decimal" autoComplete="off" data-testid="need-amount" />
      </Form.Item>
      <Form.Item label={t.needs.purpose} name="purpose" rules={text}>
        <Input data-testid="need-purpose" />
      </Form.Item>
      <Form.Item label={t.needs.industry} name="industry" rules={text}>
        <Input data-testid="need-industry" />
      </Form.Item>
      <Form.Item
        label={t.needs.recordedOn}
        name="recordedOn"
        rules={[{ required: true, message: t.loans.dateRequired }]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="need-recorded-on" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending}
          data-testid="need-submit"
        >
          {t.needs.create}
        </Button>
      </Flex>
    </Form>
  );
}
