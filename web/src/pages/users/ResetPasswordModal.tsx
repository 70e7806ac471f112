import { Alert, App as AntApp, Button, Flex, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { UserSummary } from '../../api/types.ts';
import { useResetPassword } from '../../api/users.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';
import { passwordRules } from './passwordRules.ts';

interface Values {
  password: string;
  confirm: string;
}

const FIELDS = ['password'] as const;

function ResetForm({ user, onDone }: { user: UserSummary; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useResetPassword();

  const onFinish = (v: Values) => {
    reset.mutate(
      { username: user.username, password: v.password },
      {
        onSuccess: () => {
          void message.success(t.users.resetOk(user.username));
          onDone();
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  };

  return (
    <>
      <Alert
        type="warning"
        showIcon
        title={t.users.resetWarning}
        style={{ marginBottom: 16 }}
        data-testid="user-reset-warning"
      />
      {reset.isError && !errorField(reset.error, FIELDS) ? (
        <ErrorAlert error={reset.error} testId="user-reset-error" />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={reset.isPending}
        autoComplete="off"
        data-testid="user-reset-form"
      >
        <Form.Item
          label={t.users.newPassword}
          name="password"
          extra={t.users.passwordRule}
          rules={passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" data-testid="user-reset-new-password" />
        </Form.Item>
        <Form.Item
          label={t.users.confirmPassword}
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: t.users.passwordMismatch },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.users.passwordMismatch)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-reset-confirm" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onDone}>{t.common.cancel}</Button>
          <Button
            type="primary"
            danger
            htmlType="submit"
            loading={reset.isPending}
            data-testid="user-reset-submit"
          >
            {t.users.resetPassword}
          </Button>
        </Flex>
      </Form>
    </>
  );
}

/** Reset one user's password; `user` null closes it. */
export function ResetPasswordModal({
  user,
  onClose,
}: {
  user: UserSummary | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  // Keep the last user while the modal animates closed.
  const [shown, setShown] = useState(user);
  if (user && user !== shown) setShown(user);
  return (
    <Modal
      open={Boolean(user)}
      onCancel={onClose}
      title={t.users.resetTitle(shown ? shown.displayName || shown.username : '')}
      footer={null}
      destroyOnHidden
      width={520}
    >
      {shown ? <ResetForm key={shown.id} user={shown} onDone={onClose} /> : null}
    </Modal>
  );
}
