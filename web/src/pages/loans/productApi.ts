import { useAuditedWrite } from '../../api/auditedWrite.ts';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { LoanProduct } from '../../api/loanTypes.ts';

/** Every setting of a loan product, as loan-product.create and .update take them. */
export interface ProductSettings {
  code: string;
  category: string;
  institutionId: string | null;
  nameZh: string;
  nameEn: string;
  minAmount: string;
  maxAmount: string;
  minTermMonths: number;
  maxTermMonths: number;
  method: string;
  interestPeriod: string | null;
  dayCount: string;
  rounding: string;
  graceMonths: number;
  collateral: string;
  rateRule: { kind: string; value: string } | null;
  policyRuleIds: string[];
  allocationOrder: string;
  penaltyFactor: string | null;
  classBounds: number[];
}

/** A product as loan-product.list returns it: its settings, `active` and the version. */
export type FullProduct = LoanProduct & ProductSettings & { version: number };

/** Creates a product, or edits one (the version read guards against a lost update). */
export function useSaveProduct() {
  return useAuditedWrite(
    keys.loans.products,
    (v: { settings: ProductSettings; edit?: { id: string; version: number; active: boolean } }) =>
      v.edit
        ? api<FullProduct>(`/loan-products/${encodeURIComponent(v.edit.id)}`, {
            method: 'PATCH',
            body: { ...v.settings, ...v.edit },
          })
        : api<FullProduct>('/loan-products', { method: 'POST', body: v.settings }),
  );
}
