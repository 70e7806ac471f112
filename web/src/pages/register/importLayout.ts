/**
 * Columns of the register import, as the township forms print them (the headers are
 * Chinese in every UI language). Must match the server's import columns.
 */
export const IMPORT_COLUMNS = [
  { key: 'householdNo', header: '户编号', required: true },
  { key: 'villageCode', header: '行政村代码', required: true },
  { key: 'groupCode', header: '社代码', required: false },
  { key: 'headName', header: '户主姓名', required: true },
  { key: 'headIdNumber', header: '户主身份证号', required: true },
  { key: 'phone', header: '联系电话', required: false },
  { key: 'address', header: '住址', required: false },
  { key: 'subsidyAccount', header: '一卡通账号', required: false },
  { key: 'status', header: '贫困状态', required: true },
  { key: 'effectiveFrom', header: '状态生效日期', required: true },
  { key: 'source', header: '来源', required: true },
  { key: 'members', header: '家庭成员', required: false },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
