import type { ImportProblem } from './problems.ts';

/** The register import's columns: Chinese headers as the township forms print them. */
export const IMPORT_COLUMNS = [
  {
    key: 'householdNo',
    zh: '户编号',
    aliases: ['household_no', 'householdnumber'],
    required: true,
  },
  { key: 'villageCode', zh: '行政村代码', aliases: ['village_code', 'village'], required: true },
  { key: 'groupCode', zh: '社代码', aliases: ['group_code', 'group'], required: false },
  { key: 'headName', zh: '户主姓名', aliases: ['head_name'], required: true },
  {
    key: 'headIdNumber',
    zh: '户主身份证号',
    aliases: ['head_id_number', 'headid'],
    required: true,
  },
  { key: 'phone', zh: '联系电话', aliases: ['telephone', 'mobile'], required: false },
  { key: 'address', zh: '住址', aliases: [], required: false },
  { key: 'subsidyAccount', zh: '一卡通账号', aliases: ['subsidy_account'], required: false },
  { key: 'status', zh: '贫困状态', aliases: ['povertystatus', 'poverty_status'], required: true },
  {
    key: 'effectiveFrom',
    zh: '状态生效日期',
    aliases: ['effective_from', 'statuseffectivefrom'],
    required: true,
  },
  { key: 'source', zh: '来源', aliases: ['statussource', 'status_source'], required: true },
  { key: 'memberCount', zh: '家庭人口', aliases: ['家庭人口数', 'member_count'], required: false },
  { key: 'members', zh: '家庭成员', aliases: [], required: false },
] as const;

export type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

export const COLUMN_ZH: Record<ColumnKey, string> = Object.fromEntries(
  IMPORT_COLUMNS.map((c) => [c.key, c.zh]),
) as Record<ColumnKey, string>;

// Headers are matched loosely: Excel templates add spaces, full-width spaces, a leading
// "*" for required columns, and people type the English names in any case.
const normalise = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000*＊]/g, '')
    .toLowerCase();

/** One column of an import template: English key, Chinese header, aliases. */
export interface ColumnSpec<K extends string = string> {
  readonly key: K;
  readonly zh: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

export interface HeaderMap<K extends string = ColumnKey> {
  row: number;
  /** Cell index of each column present. */
  index: Partial<Record<K, number>>;
  /** Headers the import does not use (e.g. 乡镇 in an exported register), left alone. */
  ignored: string[];
  problems: ImportProblem[];
}

/** A header reader for one template's columns (the register's, the repayment file's, …). */
export function headerMapper<K extends string>(
  columns: readonly ColumnSpec<K>[],
): (cells: readonly string[], row: number) => HeaderMap<K> {
  const byHeader = new Map<string, ColumnSpec<K>>();
  for (const c of columns) {
    for (const h of [c.zh, c.key, ...c.aliases]) byHeader.set(normalise(h), c);
  }
  return (cells, row) => {
    const index: Partial<Record<K, number>> = {};
    const ignored: string[] = [];
    const problems: ImportProblem[] = [];
    cells.forEach((raw, i) => {
      const col = byHeader.get(normalise(raw));
      if (!col) {
        if (raw.trim()) ignored.push(raw.trim());
        return;
      }
      if (index[col.key] !== undefined) {
        problems.push({
          row,
          field: col.key,
          code: 'duplicate_column',
          message_zh: `第 ${row} 行（表头）：列“${col.zh}”出现了两次`,
          message_en: `Row ${row} (header): column ${col.key} (${col.zh}) appears twice`,
        });
        return;
      }
      index[col.key] = i;
    });
    for (const c of columns) {
      if (c.required && index[c.key] === undefined) {
        problems.push({
          row,
          field: c.key,
          code: 'missing_column',
          message_zh: `第 ${row} 行（表头）：缺少必填列“${c.zh}”`,
          message_en: `Row ${row} (header): required column ${c.key} (${c.zh}) is missing`,
        });
      }
    }
    return { row, index, ignored, problems };
  };
}

/** The register import's header reader. */
export const mapHeader: (cells: readonly string[], row: number) => HeaderMap<ColumnKey> =
  headerMapper<ColumnKey>(IMPORT_COLUMNS);
