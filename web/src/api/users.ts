import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuditedWrite } from './auditedWrite.ts';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { ListEnvelope, NewUser, PasswordReset, Session, UserSummary } from './types.ts';

export function fetchUsers(signal?: AbortSignal) {
  return api<ListEnvelope<UserSummary>>('/users', { signal });
}

export function fetchSessions(userId: string, signal?: AbortSignal) {
  return api<ListEnvelope<Session>>(`/users/${encodeURIComponent(userId)}/sessions`, { signal });
}

export function revokeSession(sessionId: string) {
  return api<undefined>(`/sessions/${encodeURIComponent(sessionId)}/revoke`, { method: 'POST' });
}

export function createUser(u: NewUser) {
  return api<UserSummary>('/users', { method: 'POST', body: u });
}

/** Also ends every session of the user. */
export function resetPassword(r: PasswordReset) {
  return api<UserSummary>('/users/reset-password', { method: 'POST', body: r });
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: keys.users.list,
    queryFn: ({ signal }) => fetchUsers(signal),
    select: (r) => r.items,
    enabled,
  });
}

export function useSessions(userId: string | undefined) {
  return useQuery({
    queryKey: keys.users.sessions(userId ?? ''),
    queryFn: ({ signal }) => fetchSessions(userId ?? '', signal),
    select: (r) => r.items,
    enabled: Boolean(userId),
  });
}

export function useRevokeSession(userId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSuccess: () => {
      if (userId) void qc.invalidateQueries({ queryKey: keys.users.sessions(userId) });
    },
  });
}

export function useCreateUser() {
  return useAuditedWrite(keys.users.list, createUser);
}

export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: (u) => {
      void qc.invalidateQueries({ queryKey: keys.users.sessions(u.id) });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
