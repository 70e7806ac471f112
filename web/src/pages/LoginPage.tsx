import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useMe } from '../api/auth.ts';
import { toApiError } from '../api/client.ts';
import { FullPageSpin, type LoginLocationState } from '../auth/RequireAuth.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useI18n } from '../i18n/context.ts';
import { safeNext } from '../paths.ts';

interface LoginForm {
  username: string;
  password: string;
}

/** Seconds left before a throttled login may be tried again (0 when not throttled). */
function useCountdown(): [number, (s: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return undefined;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [until, now]);
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  const start = (s: number) => {
    const n = Date.now();
    setNow(n);
    setUntil(n + s * 1000);
  };
  return [left, start];
}

export function LoginPage() {
  const { t } = useI18n();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const expired = (location.state as LoginLocationState | null)?.expired === true;
  const [waitLeft, startWait] = useCountdown();

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={next} replace />;

  const onFinish = (v: LoginForm) => {
    login.mutate(
      { username: v.username.trim(), password: v.password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (e) => {
          const err = toApiError(e);
          if (err.status === 429 && err.retryAfterSeconds) startWait(err.retryAfterSeconds);
        },
      },
    );
  };

  const err = login.error ? toApiError(login.error) : null;
  const throttled = err?.status === 429;

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }} data-testid="login-card">
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <LangSwitch />
        </Flex>
        <Typography.Title level={3} style={{ marginTop: 0, color: '#b71c1c' }}>
          {t.app.name}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t.app.policyRef}</Typography.Paragraph>
        <Typography.Title level={5}>{t.auth.title}</Typography.Title>
        {expired && !err ? (
          <Alert
            type="warning"
            showIcon
            title={t.auth.sessionExpired}
            style={{ marginBottom: 16 }}
            data-testid="login-expired"
          />
        ) : null}
        {err ? (
          <ErrorAlert
            error={err}
            testId="login-error"
            showRetryAfter={false}
            extra={
              throttled ? (
                <div data-testid="login-throttled">
                  {waitLeft > 0 ? t.auth.throttledWait(waitLeft) : t.auth.throttled}
                </div>
              ) : null
            }
          />
        ) : null}
        <Form<LoginForm>
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          data-testid="login-form"
          disabled={login.isPending}
        >
          <Form.Item
            label={t.auth.username}
            name="username"
            rules={[{ required: true, whitespace: true, message: t.auth.usernameRequired }]}
          >
            <Input autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            label={t.auth.password}
            name="password"
            rules={[{ required: true, message: t.auth.passwordRequired }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={login.isPending}
            disabled={waitLeft > 0}
            data-testid="login-submit"
          >
            {waitLeft > 0 ? t.auth.submitWait(waitLeft) : t.auth.submit}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t.auth.hint}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
