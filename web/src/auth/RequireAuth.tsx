import { Flex, Spin } from 'antd';
import { useRef, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/auth.ts';
import type { User } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { paths } from '../paths.ts';

export interface LoginLocationState {
  expired?: boolean;
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders its children only for a signed-in user; otherwise goes to the login page. */
export function RequireAuth({ children }: { children: (user: User) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const wasSignedIn = useRef(false);

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <div style={{ padding: 24 }}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const state: LoginLocationState = { expired: wasSignedIn.current };
    return (
      <Navigate to={`${paths.login}?next=${encodeURIComponent(next)}`} replace state={state} />
    );
  }
  wasSignedIn.current = true;
  return <>{children(me.data)}</>;
}
