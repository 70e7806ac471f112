import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FullPageSpin } from '../auth/RequireAuth.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Spinner while loading, a bilingual error with retry on failure, else the content. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <FullPageSpin />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
