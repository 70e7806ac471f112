import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

type Patch = Record<string, string | number | null | undefined>;

/**
 * List state (filters, page) kept in the URL, so a list can be bookmarked, shared and
 * restored with the back button.
 */
export function useUrlParams() {
  const [sp, setSp] = useSearchParams();

  const get = useCallback((k: string): string | undefined => sp.get(k) || undefined, [sp]);

  const page = useMemo(() => {
    const n = Number(sp.get('page'));
    return Number.isInteger(n) && n >= 1 ? n : 1;
  }, [sp]);

  const pageSize = useMemo(() => {
    const n = Number(sp.get('pageSize'));
    return (PAGE_SIZES as readonly number[]).includes(n) ? n : DEFAULT_PAGE_SIZE;
  }, [sp]);

  /** Set some params; any change other than paging goes back to page 1. */
  const update = useCallback(
    (patch: Patch) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setSp],
  );

  const clear = useCallback(() => setSp(new URLSearchParams()), [setSp]);

  return { get, page, pageSize, update, clear, search: sp.toString() };
}

/** Narrow a string to one of the allowed values, or undefined. */
export function oneOf<T extends string>(
  allowed: readonly T[],
  v: string | undefined,
): T | undefined {
  return v !== undefined && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}
