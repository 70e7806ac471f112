import { useQuery } from '@tanstack/react-query';
import { useAuditedWrite } from './auditedWrite.ts';
import { api } from './client.ts';
import type { Role } from './types.ts';

// Insurance policies (issue 5 §1), as src/app/insurance/policies.ts answers them; money
// is yuan text ('1234.50').

export const INSURANCE_WRITERS: readonly Role[] = ['insurer'];
export const INSURANCE_READERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
  'insurer',
];
export const SCHEMES = ['central-subsidy', 'income', 'other'] as const;
export const PRODUCTS = [
  'rice',
  'hogs',
  'vegetables',
  'fishery',
  'other-local-specialty',
  'other',
] as const;

export interface InsuranceClaim {
  id: string;
  occurredOn: string;
  amount: string;
  note: string | null;
}

export interface InsurancePolicy {
  id: string;
  insurerId: string;
  policyNo: string;
  householdId: string;
  township: string;
  scheme: string;
  product: string;
  premium: string;
  centralShare: string;
  cityShare: string;
  districtShare: string;
  householdShare: string;
  premiumDate: string;
  startDate: string;
  endDate: string;
  claims: InsuranceClaim[];
}

export interface PolicyInput {
  policyNo: string;
  householdNo: string;
  scheme: string;
  product: string;
  premium: string;
  centralShare: string;
  cityShare: string;
  districtShare: string;
  premiumDate: string;
  startDate: string;
  endDate: string;
}

const all = ['insurance'] as const;

export function useInsurancePolicies(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...all, 'list', page, pageSize],
    queryFn: ({ signal }) =>
      api<{ items: InsurancePolicy[]; total: number }>('/insurance/policies', {
        query: { page, pageSize },
        signal,
      }),
  });
}

export function useCreatePolicy() {
  return useAuditedWrite(all, (v: PolicyInput) =>
    api<InsurancePolicy>('/insurance/policies', { method: 'POST', body: v }),
  );
}

export function useRecordClaim(id: string) {
  return useAuditedWrite(all, (v: { occurredOn: string; amount: string; note?: string }) =>
    api<InsurancePolicy>(`/insurance/policies/${encodeURIComponent(id)}/claims`, {
      method: 'POST',
      body: v,
    }),
  );
}
