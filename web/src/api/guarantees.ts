import { useQuery } from '@tanstack/react-query';
import { useAuditedWrite } from './auditedWrite.ts';
import { api } from './client.ts';
import type { Role } from './types.ts';

// Guarantee contracts (issue 5 §1), as src/app/guarantees/* answers them; money is yuan
// text ('1234.50'), rates percent text ('1.00').

export const GUARANTEE_WRITERS: readonly Role[] = ['guarantor'];
export const GUARANTEE_READERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
  'guarantor',
];
export const BORROWER_KINDS = ['enterprise', 'large-farmer', 'other'] as const;

export interface Guarantee {
  id: string;
  guarantorId: string;
  contractNo: string;
  loanId: string;
  loanContractNo: string;
  lenderId: string;
  householdId: string;
  township: string;
  village: string;
  feeRate: string;
  amount: string;
  startDate: string;
  endDate: string;
  borrowerKind: string | null;
  inPoorTownship: boolean | null;
  version: number;
}

export interface GuaranteeDetail extends Guarantee {
  years: { year: number; newAmount: string }[];
  events: { id: string; kind: string; occurredOn: string; amount: string; note: string | null }[];
}

export interface GuaranteeInput {
  contractNo: string;
  lenderId: string;
  loanContractNo: string;
  feeRate: string;
  amount: string;
  startDate: string;
  endDate: string;
  borrowerKind?: string;
  inPoorTownship?: boolean;
}

const all = ['guarantees'] as const;
const enc = encodeURIComponent;

export function useGuarantees(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...all, 'list', page, pageSize],
    queryFn: ({ signal }) =>
      api<{ items: Guarantee[]; total: number }>('/guarantees', {
        query: { page, pageSize },
        signal,
      }),
  });
}

export function useGuarantee(id: string | null) {
  return useQuery({
    queryKey: [...all, 'detail', id],
    queryFn: ({ signal }) => api<GuaranteeDetail>(`/guarantees/${enc(id ?? '')}`, { signal }),
    enabled: id !== null,
  });
}

export function useCreateGuarantee() {
  return useAuditedWrite(all, (v: GuaranteeInput) =>
    api<Guarantee>('/guarantees', { method: 'POST', body: v }),
  );
}

export function useRecordYear(id: string) {
  return useAuditedWrite(all, (v: { year: number; newAmount: string }) =>
    api<GuaranteeDetail>(`/guarantees/${enc(id)}/years`, { method: 'POST', body: v }),
  );
}

export function useRecordEvent(id: string) {
  return useAuditedWrite(
    all,
    (v: { kind: 'compensation' | 'recovery'; occurredOn: string; amount: string; note?: string }) =>
      api<GuaranteeDetail>(`/guarantees/${enc(id)}/events`, { method: 'POST', body: v }),
  );
}
