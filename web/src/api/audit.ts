import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { AuditEntry, AuditQuery, Page } from './types.ts';

export function fetchAudit(q: AuditQuery, signal?: AbortSignal) {
  return api<Page<AuditEntry>>('/audit', { query: { ...q }, signal });
}

export function useAudit(q: AuditQuery) {
  return useQuery({
    queryKey: keys.audit(q),
    queryFn: ({ signal }) => fetchAudit(q, signal),
    placeholderData: keepPreviousData,
  });
}
