// The service-network register's API (issue 7 §1). Types mirror src/app/network.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export interface ServicePoint {
  id: string;
  kind: string;
  name: string;
  institutionId: string | null;
  township: string | null;
  village: string | null;
  group: string | null;
  mutualAidTier: string | null;
  art6Site: string | null;
  openedOn: string;
  closedOn: string | null;
  version: number;
}

export const POINT_KINDS = [
  'bank_outlet',
  'atm',
  'pos',
  'self_service_point',
  'assisted_withdrawal_point',
  'mobile_payment_point',
  'village_service_station',
  'insurance_outlet',
  'mutual_aid_fund',
] as const;
/** Devices that art. 6 subsidises once: they say where they stand. */
export const ART6_KINDS: readonly string[] = [
  'atm',
  'self_service_point',
  'assisted_withdrawal_point',
  'mobile_payment_point',
];

export interface PointQuery {
  kind?: string | undefined;
  township?: string | undefined;
  asOf?: string | undefined;
  page: number;
  pageSize: number;
}

export function useServicePoints(q: PointQuery) {
  return useQuery({
    queryKey: ['network', 'points', q],
    queryFn: ({ signal }) =>
      api<Page<ServicePoint>>('/network/points', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });
}

function useNetworkWrite<V>(fn: (v: V) => Promise<ServicePoint>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['network'] });
      void client.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export const useCreatePoint = () =>
  useNetworkWrite((v: Record<string, unknown>) =>
    api<ServicePoint>('/network/points', { method: 'POST', body: v }),
  );

export const useClosePoint = () =>
  useNetworkWrite((v: { id: string; version: number; closedOn: string }) =>
    api<ServicePoint>(`/network/points/${encodeURIComponent(v.id)}/close`, {
      method: 'POST',
      body: { version: v.version, closedOn: v.closedOn },
    }),
  );
