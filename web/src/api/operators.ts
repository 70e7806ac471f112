import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { Operator, OperatorPatch, OperatorQuery, Page } from './types.ts';

export function fetchOperators(q: OperatorQuery, signal?: AbortSignal) {
  return api<Page<Operator>>('/operators', { query: { ...q }, signal });
}

export function fetchOperator(id: string, signal?: AbortSignal) {
  return api<Operator>(`/operators/${encodeURIComponent(id)}`, { signal });
}

export function patchOperator(id: string, patch: OperatorPatch) {
  return api<Operator>(`/operators/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

export function useOperators(q: OperatorQuery) {
  return useQuery({
    queryKey: keys.operators.list(q),
    queryFn: ({ signal }) => fetchOperators(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOperator(id: string) {
  return useQuery({
    queryKey: keys.operators.detail(id),
    queryFn: ({ signal }) => fetchOperator(id, signal),
  });
}

export function usePatchOperator(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: OperatorPatch) => patchOperator(id, patch),
    onSuccess: (op) => {
      qc.setQueryData(keys.operators.detail(id), op);
      void qc.invalidateQueries({ queryKey: ['operators', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
