import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { GovUnit, Institution, ListEnvelope } from './types.ts';

export function fetchInstitutions(signal?: AbortSignal) {
  return api<ListEnvelope<Institution>>('/institutions', { signal });
}

export function fetchInstitution(id: string, signal?: AbortSignal) {
  return api<Institution>(`/institutions/${encodeURIComponent(id)}`, { signal });
}

export function fetchGovUnits(signal?: AbortSignal) {
  return api<ListEnvelope<GovUnit>>('/gov-units', { signal });
}

export function useInstitutions() {
  return useQuery({
    queryKey: keys.institutions.list,
    queryFn: ({ signal }) => fetchInstitutions(signal),
    select: (r) => r.items,
    staleTime: 5 * 60_000,
  });
}

export function useInstitution(id: string) {
  return useQuery({
    queryKey: keys.institutions.detail(id),
    queryFn: ({ signal }) => fetchInstitution(id, signal),
  });
}

export function useGovUnits(enabled = true) {
  return useQuery({
    queryKey: keys.govUnits,
    queryFn: ({ signal }) => fetchGovUnits(signal),
    select: (r) => r.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}
