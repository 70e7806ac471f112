import { App as AntApp, Button, DatePicker, Flex, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';
import { useCheckClaim, useRecordRecovery, YUAN, type LossClaim } from './lossApi.ts';

/** The district's check of a filed claim: approve, or reject with a reason. */
export function CheckClaim({ claim }: { claim: LossClaim }) {
  const { t, lang } = useI18n();
  const l = t.losses;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const check = useCheckClaim();
  const decide = (decision: 'approve' | 'reject') => {
    const note = form.getFieldValue('note') as string | undefined;
    check.mutate(
      { id: claim.id, decision, ...(note?.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => void message.success(l.saved),
        onError: (e) => void showFieldError(form, e, ['note'], lang),
      },
    );
  };
  return (
    <Form form={form} layout="inline" data-testid="loss-claim-check">
      <Form.Item name="note">
        <Input placeholder={l.rejectReason} data-testid="loss-claim-note" />
      </Form.Item>
      <Flex gap={8}>
        <Button
          type="primary"
          loading={check.isPending}
          onClick={() => decide('approve')}
          data-testid="loss-claim-approve"
        >
          {l.approve}
        </Button>
        <Button danger onClick={() => decide('reject')} data-testid="loss-claim-reject">
          {l.reject}
        </Button>
      </Flex>
      {check.isError ? <ErrorAlert error={check.error} testId="loss-claim-check-error" /> : null}
    </Form>
  );
}

/** The claimant's recovery on a claim the fund paid: the fund gets back its share. */
export function RecordRecovery({ claim }: { claim: LossClaim }) {
  const { t, lang } = useI18n();
  const l = t.losses;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ recoveredOn?: Dayjs; amount: string }>();
  const record = useRecordRecovery();
  return (
    <Form
      form={form}
      layout="inline"
      data-testid="loss-recovery-form"
      onFinish={(v) =>
        record.mutate(
          {
            id: claim.id,
            recoveredOn: v.recoveredOn ? v.recoveredOn.format('YYYY-MM-DD') : '',
            amount: v.amount.trim(),
          },
          {
            onSuccess: () => {
              void message.success(l.saved);
              form.resetFields();
            },
            onError: (e) => void showFieldError(form, e, ['recoveredOn', 'amount'], lang),
          },
        )
      }
    >
      <Form.Item name="recoveredOn" rules={[{ required: true, message: l.required }]}>
        <DatePicker placeholder={l.recoveredOn} data-testid="loss-recovery-date" />
      </Form.Item>
      <Form.Item
        name="amount"
        rules={[{ required: true, pattern: YUAN, message: l.amountRequired }]}
      >
        <Input
          placeholder={l.recoveryAmount}
          inputMode="decimal"
          data-testid="loss-recovery-amount"
        />
      </Form.Item>
      <Button htmlType="submit" loading={record.isPending} data-testid="loss-recovery-submit">
        {l.recovery}
      </Button>
      {record.isError ? <ErrorAlert error={record.error} testId="loss-recovery-error" /> : null}
    </Form>
  );
}
