import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { Operator, OperatorQuery, Page } from './types.ts';

export function fetchOperators(q: OperatorQuery, signal?: AbortSignal) {
  return api<Page<Operator>>('/operators', { query: { ...q }, signal });
}

export function fetchOperator(id: string, signal?: AbortSignal) {
  return api<Operator>(`/operators/${encodeURIComponent(id)}`, { signal });
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
