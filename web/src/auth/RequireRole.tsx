import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Role, User } from '../api/types.ts';
import { useI18n } from '../i18n/context.ts';
import { paths } from '../paths.ts';

/** A 403 page in place of content the user's role may not see (the server enforces it too). */
export function RequireRole({
  user,
  roles,
  message,
  children,
}: {
  user: User;
  roles: readonly Role[];
  message: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (roles.includes(user.role)) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t.forbidden.title}
      subTitle={message}
      data-testid="forbidden"
      extra={
        <Button type="primary" onClick={() => void navigate(paths.home)}>
          {t.notFound.home}
        </Button>
      }
    />
  );
}
