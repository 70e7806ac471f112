import { App as AntApp, Button, Flex, Form, Input } from 'antd';
import { useRespondNeed } from '../../api/loans.ts';
import type { FinancingNeed } from '../../api/loanTypes.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';

const FIELDS = ['response'] as const;

/** A bank officer answers a financing need (art. 3). */
export function RespondForm({ need, onDone }: { need: FinancingNeed; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ response: string }>();
  const respond = useRespondNeed();
  return (
    <Form<{ response: string }>
      form={form}
      layout="vertical"
      disabled={respond.isPending}
      data-testid="need-respond-form"
      onFinish={(v) =>
        respond.mutate(
          { id: need.id, response: v.response.trim() },
          {
            onSuccess: () => {
              void message.success(t.needs.responded);
              onDone();
            },
            onError: (e) => void showFieldError(form, e, FIELDS, lang),
          },
        )
      }
    >
      {respond.isError && !errorField(respond.error, FIELDS) ? (
        <ErrorAlert error={respond.error} testId="need-respond-error" />
      ) : null}
      <Form.Item
        label={t.needs.response}
        name="response"
        rules={[{ required: true, whitespace: true, message: t.loans.textRequired }, { max: 200 }]}
      >
        <Input.TextArea rows={3} data-testid="need-respond-text" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={respond.isPending}
          data-testid="need-respond-submit"
        >
          {t.needs.respond}
        </Button>
      </Flex>
    </Form>
  );
}
