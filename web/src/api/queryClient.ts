import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, onUnauthorized } from './client.ts';
import { keys } from './keys.ts';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // Client errors (401, 403, 404, 409, 429…) do not get better by asking again.
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache(),
    mutationCache: new MutationCache(),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  // Any 401 outside /auth/* means the session ended: forget the user, and the route guard
  // sends the browser to the login page.
  onUnauthorized((path) => {
    if (path.startsWith('/auth/')) return;
    client.setQueryData(keys.me, null);
  });
  return client;
}
