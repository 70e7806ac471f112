import { App as AntApp, Button, DatePicker, Flex, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRunAction, type RunSummary } from '../../api/settlement.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';

interface PayValues {
  paymentReference: string;
  paidOn?: Dayjs;
}
const PAY_FIELDS = ['paymentReference', 'paidOn'] as const;

/** Records that an approved run was paid: the bank's reference and the day. */
export function PayModal({
  run,
  open,
  onClose,
}: {
  run: RunSummary;
  open: boolean;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PayValues>();
  const pay = useRunAction(run.id);
  const close = () => {
    pay.reset();
    onClose();
  };
  const onFinish = (v: PayValues) =>
    pay.mutate(
      {
        action: 'pay',
        paymentReference: v.paymentReference.trim(),
        paidOn: v.paidOn ? v.paidOn.format('YYYY-MM-DD') : '',
      },
      {
        onSuccess: () => {
          void message.success(t.settlement.done.pay);
          close();
        },
        onError: (e) => void showFieldError(form, e, PAY_FIELDS, lang),
      },
    );
  return (
    <Modal open={open} title={t.settlement.pay} onCancel={close} footer={null} destroyOnHidden>
      <Form<PayValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={pay.isPending}
        data-testid="run-pay-form"
      >
        {pay.isError && !errorField(pay.error, PAY_FIELDS) ? (
          <ErrorAlert error={pay.error} testId="run-pay-error" />
        ) : null}
        <Form.Item
          label={t.settlement.paymentReference}
          name="paymentReference"
          rules={[
            { required: true, whitespace: true, message: t.settlement.textRequired },
            { max: 200 },
          ]}
        >
          <Input autoComplete="off" data-testid="run-pay-reference" />
        </Form.Item>
        <Form.Item
          label={t.settlement.paidOn}
          name="paidOn"
          rules={[{ required: true, message: t.settlement.dateRequired }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="run-pay-date" />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t.common.cancel}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={pay.isPending}
            data-testid="run-pay-submit"
          >
            {t.settlement.pay}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
