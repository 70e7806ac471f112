import {
  App as AntApp,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRequestLoanEvent } from '../../api/loans.ts';
import type { LoanEventInput, LoanEventKind, LoanSummary } from '../../api/loanTypes.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';

interface Values {
  kind: LoanEventKind;
  effectiveOn?: Dayjs;
  reason: string;
  termMonths?: number | null;
  annualRate?: string;
  amount?: string;
  nonMalicious?: boolean;
}
const FIELDS = [
  'kind',
  'effectiveOn',
  'reason',
  'termMonths',
  'annualRate',
  'amount',
  'nonMalicious',
] as const;
const YUAN = /^\d+(\.\d{1,2})?$/;

/** Which inputs each kind takes (the server checks the same, field by field). */
const TAKES: Record<LoanEventKind, readonly (typeof FIELDS)[number][]> = {
  extension: ['termMonths', 'nonMalicious'],
  renewal: ['termMonths', 'annualRate', 'nonMalicious'],
  'additional-loan': ['termMonths', 'annualRate', 'amount'],
  'write-off': [],
  recovery: ['amount'],
};

/** A loan event request: a written-off loan can only recover, a disbursed one the rest. */
export function LoanEventForm({
  loan,
  writtenOff,
  onDone,
}: {
  loan: LoanSummary;
  writtenOff: boolean;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const request = useRequestLoanEvent(loan.id);
  const kinds: LoanEventKind[] = writtenOff
    ? ['recovery']
    : ['extension', 'renewal', 'additional-loan', 'write-off'];
  const kind = Form.useWatch('kind', form) ?? kinds[0]!;
  const takes = (f: (typeof FIELDS)[number]) => TAKES[kind].includes(f);
  const onFinish = (v: Values) => {
    const body: LoanEventInput = {
      kind: v.kind,
      effectiveOn: v.effectiveOn ? v.effectiveOn.format('YYYY-MM-DD') : '',
      reason: v.reason.trim(),
      ...(takes('termMonths') && v.termMonths != null ? { termMonths: v.termMonths } : {}),
      ...(takes('annualRate') && v.annualRate?.trim() ? { annualRate: v.annualRate.trim() } : {}),
      ...(takes('amount') && v.amount ? { amount: v.amount.trim() } : {}),
      ...(takes('nonMalicious') ? { nonMalicious: v.nonMalicious === true } : {}),
    };
    request.mutate(body, {
      onSuccess: () => {
        void message.success(t.loanEvents.requested);
        onDone();
      },
      onError: (e) => void showFieldError(form, e, FIELDS, lang),
    });
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ kind: kinds[0] }}
      disabled={request.isPending}
      data-testid="loan-event-form"
    >
      {request.isError && !errorField(request.error, FIELDS) ? (
        <ErrorAlert error={request.error} testId="loan-event-error" />
      ) : null}
      <Form.Item label={t.loanEvents.kind} name="kind">
        <Select
          options={kinds.map((k) => ({ value: k, label: t.loanEvents.kindNames[k] ?? k }))}
          data-testid="loan-event-kind"
        />
      </Form.Item>
      <Form.Item
        label={t.loanEvents.effectiveOn}
        name="effectiveOn"
        rules={[{ required: true, message: t.loans.dateRequired }]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="loan-event-date" />
      </Form.Item>
      {takes('termMonths') ? (
        <Form.Item
          label={t.loanEvents.termMonths}
          name="termMonths"
          rules={[{ required: true, message: t.apply.termRequired }]}
        >
          <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {takes('annualRate') ? (
        <Form.Item label={t.loanEvents.annualRate} name="annualRate">
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
      ) : null}
      {takes('amount') ? (
        <Form.Item
          label={t.loanEvents.amount}
          name="amount"
          rules={[{ required: true, pattern: YUAN, message: t.loans.amountRequired }]}
        >
          <Input inputMode="decimal" autoComplete="off" data-testid="loan-event-amount" />
        </Form.Item>
      ) : null}
      {takes('nonMalicious') ? (
        <Form.Item
          name="nonMalicious"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v) =>
                v === true
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.loanEvents.nonMaliciousRequired)),
            },
          ]}
        >
          <Checkbox data-testid="loan-event-non-malicious">{t.loanEvents.nonMalicious}</Checkbox>
        </Form.Item>
      ) : null}
      <Form.Item
        label={t.loanEvents.reason}
        name="reason"
        rules={[
          { required: true, whitespace: true, message: t.loanEvents.reasonRequired },
          { max: 200 },
        ]}
      >
        <Input.TextArea rows={2} data-testid="loan-event-reason" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={request.isPending}
          data-testid="loan-event-submit"
        >
          {t.loanEvents.request}
        </Button>
      </Flex>
    </Form>
  );
}
