import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { ListEnvelope, Region, RegionLevel } from './types.ts';

export function fetchRegions(
  level: RegionLevel,
  parent?: string,
  signal?: AbortSignal,
): Promise<ListEnvelope<Region>> {
  return api<ListEnvelope<Region>>('/regions', { query: { level, parent }, signal });
}

/** Regions change rarely: cache them for the whole visit. */
export function useRegions(level: RegionLevel, parent?: string, enabled = true) {
  return useQuery({
    queryKey: keys.regions(level, parent),
    queryFn: ({ signal }) => fetchRegions(level, parent, signal),
    select: (r) => r.items,
    staleTime: Infinity,
    gcTime: Infinity,
    enabled,
  });
}

export function useTownships() {
  return useRegions('township');
}

export function useVillages(township: string | undefined) {
  return useRegions('village', township, Boolean(township));
}

/** Township code → Chinese name (place names show in Chinese in every language). */
export function useTownshipNames(): Map<string, string> {
  const townships = useTownships();
  return useMemo(
    () => new Map((townships.data ?? []).map((r) => [r.code, r.nameZh] as const)),
    [townships.data],
  );
}
