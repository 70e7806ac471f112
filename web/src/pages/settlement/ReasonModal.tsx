import { Button, Flex, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/context.ts';

/**
 * Asks why before an action that needs a reason (leaving a line out, sending a run
 * back); stays open with the server's error if the action fails.
 */
export function ReasonModal({
  open,
  title,
  okText,
  testId,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  okText: string;
  testId: string;
  onCancel: () => void;
  /** Resolves when done (the modal then closes through the caller). */
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancel = () => {
    setError(null);
    onCancel();
  };
  const onFinish = async (v: { reason: string }) => {
    setPending(true);
    setError(null);
    try {
      await onSubmit(v.reason.trim());
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal open={open} title={title} onCancel={cancel} footer={null} destroyOnHidden>
      <Form<{ reason: string }>
        layout="vertical"
        onFinish={(v) => void onFinish(v)}
        disabled={pending}
        data-testid={testId}
      >
        {error ? <ErrorAlert error={error} testId={`${testId}-error`} /> : null}
        <Form.Item
          label={t.settlement.reason}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: t.settlement.reasonRequired },
            { max: 200 },
          ]}
        >
          <Input.TextArea rows={3} data-testid={`${testId}-reason`} />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={cancel}>{t.common.cancel}</Button>
          <Button
            type="primary"
            danger
            htmlType="submit"
            loading={pending}
            data-testid={`${testId}-submit`}
          >
            {okText}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
