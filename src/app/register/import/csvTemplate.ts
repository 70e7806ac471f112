import type { PovertyStatus } from '../../../store/schema.ts';
import type { HouseholdRecord } from '../householdBatch.ts';

/** The import's own CSV layout, for templates, fixtures and the import benchmark. */
export const HOUSEHOLD_CSV_HEADER = [
  '户编号',
  '行政村代码',
  '社代码',
  '户主姓名',
  '户主身份证号',
  '联系电话',
  '住址',
  '一卡通账号',
  '贫困状态',
  '状态生效日期',
  '来源',
  '家庭成员',
] as const;

export const STATUS_LABEL: Record<PovertyStatus, string> = {
  registered_poor: '建档立卡贫困户',
  lifted: '已脱贫',
  not_poor: '非贫困户',
};

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One household as a CSV line (with its newline), carrying its latest status. */
export function householdCsvLine(h: HouseholdRecord): string {
  const s = h.statuses[h.statuses.length - 1]!;
  return (
    [
      h.householdNo,
      h.villageCode,
      h.groupCode ?? '',
      h.headName,
      h.headIdNumber,
      h.phone ?? '',
      h.address ?? '',
      h.subsidyAccount ?? '',
      STATUS_LABEL[s.status],
      s.effectiveFrom,
      s.source,
      h.members.map((m) => `${m.name}:${m.idNumber}:${m.relation}`).join(';'),
    ]
      .map(quote)
      .join(',') + '\n'
  );
}
