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

/** One column of an import file: its key (for notes), printed header and whether required. */
export interface ImportColumn {
  key: string;
  header: string;
  required: boolean;
}

/**
 * Columns of a bank's repayment file (headers Chinese in every UI language). Must match the
 * server's REPAYMENT_COLUMNS (src/app/loans/repaymentImport.ts).
 */
export const REPAYMENT_IMPORT_COLUMNS = [
  { key: 'contractNo', header: '合同编号', required: true },
  { key: 'bankTxnId', header: '交易流水号', required: true },
  { key: 'paidOn', header: '还款日期', required: true },
  { key: 'amount', header: '还款金额', required: true },
  { key: 'note', header: '备注', required: false },
] as const;
