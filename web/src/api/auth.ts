import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client.ts';
import { keys } from './keys.ts';
import type { User, UserEnvelope } from './types.ts';

export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    const r = await api<UserEnvelope>('/auth/me', { signal });
    return r.user;
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export function login(username: string, password: string): Promise<UserEnvelope> {
  return api<UserEnvelope>('/auth/login', { method: 'POST', body: { username, password } });
}

export function logout(): Promise<void> {
  return api<undefined>('/auth/logout', { method: 'POST' });
}

/** The signed-in user; null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { username: string; password: string }) => login(v.username, v.password),
    onSuccess: (r) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      qc.setQueryData(keys.me, r.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Whatever the server said, this browser forgets the user and every cached record.
      qc.clear();
      qc.setQueryData(keys.me, null);
    },
  });
}
