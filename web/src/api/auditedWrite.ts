import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * A write whose success makes the lists under `key` and the audit log stale: every
 * audited write changes both, so the screens showing them refetch.
 */
export function useAuditedWrite<V, R>(key: QueryKey, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
