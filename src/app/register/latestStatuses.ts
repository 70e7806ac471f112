import type { PovertyStatusHistoryTable } from '../../store/schema.ts';

/**
 * Each household's status entry in force last, by the same order as statusOn: the later
 * effective date, then the later record, then the later id.
 */
export function latestStatuses(
  rows: readonly PovertyStatusHistoryTable[],
): Map<string, PovertyStatusHistoryTable> {
  const latest = new Map<string, PovertyStatusHistoryTable>();
  for (const s of rows) {
    const cur = latest.get(s.household_id);
    if (!cur || later(s, cur)) latest.set(s.household_id, s);
  }
  return latest;
}

function later(a: PovertyStatusHistoryTable, b: PovertyStatusHistoryTable): boolean {
  if (a.effective_from !== b.effective_from) return a.effective_from > b.effective_from;
  if (a.recorded_at !== b.recorded_at) return a.recorded_at > b.recorded_at;
  return a.id > b.id;
}
