import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAuditedWrite } from './auditedWrite.ts';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type {
  AddedParameterVersion,
  NewParameterVersion,
  ParameterQuery,
  PolicyParameterList,
} from './types.ts';

export function fetchParameters(q: ParameterQuery, signal?: AbortSignal) {
  return api<PolicyParameterList>('/policy/parameters', { query: { ...q }, signal });
}

export function addParameterVersion(id: string, v: NewParameterVersion) {
  return api<AddedParameterVersion>(`/policy/parameters/${encodeURIComponent(id)}/versions`, {
    method: 'POST',
    body: v,
  });
}

export function useParameters(q: ParameterQuery) {
  return useQuery({
    queryKey: keys.policy.parameters(q),
    queryFn: ({ signal }) => fetchParameters(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAddParameterVersion(id: string) {
  return useAuditedWrite(keys.policy.all, (v: NewParameterVersion) => addParameterVersion(id, v));
}
