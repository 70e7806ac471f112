import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type {
  AuditEntry,
  Household,
  HouseholdListItem,
  HouseholdPatch,
  HouseholdQuery,
  ListEnvelope,
  Page,
  PovertyStatusChange,
} from './types.ts';

const enc = encodeURIComponent;

export function fetchHouseholds(q: HouseholdQuery, signal?: AbortSignal) {
  return api<Page<HouseholdListItem>>('/households', { query: { ...q }, signal });
}

export function fetchHousehold(id: string, signal?: AbortSignal) {
  return api<Household>(`/households/${enc(id)}`, { signal });
}

export function fetchHouseholdHistory(id: string, signal?: AbortSignal) {
  return api<ListEnvelope<AuditEntry>>(`/households/${enc(id)}/history`, { signal });
}

export function patchHousehold(id: string, patch: HouseholdPatch) {
  return api<Household>(`/households/${enc(id)}`, { method: 'PATCH', body: patch });
}

export function addPovertyStatus(id: string, change: PovertyStatusChange) {
  return api<Household>(`/households/${enc(id)}/poverty-status`, {
    method: 'POST',
    body: change,
  });
}

export function useHouseholds(q: HouseholdQuery) {
  return useQuery({
    queryKey: keys.households.list(q),
    queryFn: ({ signal }) => fetchHouseholds(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHousehold(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.households.detail(id),
    queryFn: ({ signal }) => fetchHousehold(id, signal),
    enabled: enabled && Boolean(id),
  });
}

export function useHouseholdHistory(id: string) {
  return useQuery({
    queryKey: keys.households.history(id),
    queryFn: ({ signal }) => fetchHouseholdHistory(id, signal),
    select: (r) => r.items,
  });
}

function useHouseholdWrite<V>(id: string, fn: (id: string, v: V) => Promise<Household>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => fn(id, v),
    onSuccess: (h) => {
      qc.setQueryData(keys.households.detail(id), h);
      void qc.invalidateQueries({ queryKey: ['households', 'list'] });
      void qc.invalidateQueries({ queryKey: keys.households.history(id) });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function usePatchHousehold(id: string) {
  return useHouseholdWrite(id, patchHousehold);
}

export function useAddPovertyStatus(id: string) {
  return useHouseholdWrite(id, addPovertyStatus);
}
