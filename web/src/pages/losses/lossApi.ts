import { useQuery } from '@tanstack/react-query';
import { useAuditedWrite } from '../../api/auditedWrite.ts';
import { api } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';

// Loss compensation claims (issue 5, decision 0023), as src/app/losses/* answers them;
// money is yuan text ('1234.50'), shares percent text ('60.00').

/** Yuan with at most two decimals, as the API accepts it. */
export const YUAN = /^\d+(\.\d{1,2})?$/;

export const LOSS_PARTIES = ['fund', 'bank', 'guarantor', 'insurer'] as const;
export type LossParty = (typeof LOSS_PARTIES)[number];
export type ClaimStatus = 'filed' | 'approved' | 'rejected';

export const LOSS_CHECKERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'finance_bureau',
];
export const LOSS_READERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
  'auditor',
  'bank_officer',
  'guarantor',
];

export interface LossClaim {
  id: string;
  claimant: 'bank' | 'guarantor';
  claimantId: string;
  claimantName: string;
  loanId: string;
  loanContractNo: string;
  guaranteeId: string | null;
  lossDate: string;
  principalLoss: string;
  interestLoss: string;
  loss: string;
  evidence: string;
  status: ClaimStatus;
  checkedBy: string | null;
  checkedOn: string | null;
  checkNote: string | null;
  shares: Record<LossParty, string>;
  sharesFrom: string | null;
  split: Record<LossParty, string>;
  collateral: Collateral;
  /** Once approved: the rule that pays the loss (art. 19 or the art. 31 fund). */
  compensation: { ruleId: string; article: string; payer: string; amount: string } | null;
  recovered: string;
}

/** Art. 19's rural property (src/core/rules/support/loss.ts), then none and other. */
export const COLLATERALS = [
  'land-contract-rights',
  'rural-house',
  'forest-rights',
  'farm-facilities',
  'livestock',
  'crops-and-trees',
  'herbs',
  'none',
  'other',
] as const;
export type Collateral = (typeof COLLATERALS)[number];

/** An art. 19 pilot institution's time in the pilot (decision 0024). */
export interface PropertyPilot {
  institutionId: string;
  institutionName: string;
  fromDate: string;
  toDate: string | null;
  document: string;
}

export interface BankClaimInput {
  loanContractNo: string;
  lossDate: string;
  principalLoss: string;
  interestLoss?: string;
  collateral?: Collateral;
  evidence: string;
}

export interface GuaranteeClaimInput {
  guaranteeId: string;
  lossDate: string;
  amount: string;
  collateral?: Collateral;
  evidence: string;
}

const all = ['loss-claims'] as const;
const enc = encodeURIComponent;

export function useLossClaims(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...all, page, pageSize],
    queryFn: ({ signal }) =>
      api<{ items: LossClaim[]; total: number }>('/losses/claims', {
        query: { page, pageSize },
        signal,
      }),
  });
}

export function useFileClaim() {
  return useAuditedWrite(all, (v: BankClaimInput | GuaranteeClaimInput) =>
    'loanContractNo' in v
      ? api<LossClaim>('/losses/claims', { method: 'POST', body: v })
      : api<LossClaim>('/losses/guarantee-claims', { method: 'POST', body: v }),
  );
}

export function useCheckClaim() {
  return useAuditedWrite(all, (v: { id: string; decision: 'approve' | 'reject'; note?: string }) =>
    api<LossClaim>(`/losses/claims/${enc(v.id)}/check`, {
      method: 'POST',
      body: { decision: v.decision, note: v.note },
    }),
  );
}

export function useRecordRecovery() {
  return useAuditedWrite(all, (v: { id: string; recoveredOn: string; amount: string }) =>
    api<LossClaim>(`/losses/claims/${enc(v.id)}/recoveries`, {
      method: 'POST',
      body: { recoveredOn: v.recoveredOn, amount: v.amount },
    }),
  );
}

const pilots = ['property-pilots'] as const;

export function usePropertyPilots() {
  return useQuery({
    queryKey: pilots,
    queryFn: ({ signal }) => api<{ items: PropertyPilot[] }>('/losses/pilots', { signal }),
  });
}

export function useAddPilot() {
  return useAuditedWrite(
    pilots,
    (v: { institutionId: string; fromDate: string; toDate?: string; document: string }) =>
      api<PropertyPilot>('/losses/pilots', { method: 'POST', body: v }),
  );
}

export function useEndPilot() {
  return useAuditedWrite(pilots, (v: { institutionId: string; fromDate: string; toDate: string }) =>
    api<PropertyPilot>('/losses/pilots/end', { method: 'POST', body: v }),
  );
}
