import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type {
  ApplyInput,
  DisburseInput,
  FinancingNeed,
  LoanDetail,
  LoanProduct,
  LoanQuery,
  LoanSummary,
  NeedBoard,
  NeedInput,
  NeedQuery,
  Page,
  RepayInput,
  Repayment,
} from './loanTypes.ts';

const enc = encodeURIComponent;

export function useLoanProducts() {
  return useQuery({
    queryKey: keys.loans.products,
    queryFn: ({ signal }) => api<LoanProduct[]>('/loan-products', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useLoans(q: LoanQuery, enabled = true) {
  return useQuery({
    queryKey: keys.loans.list(q),
    queryFn: ({ signal }) => api<Page<LoanSummary>>('/loans', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLoan(id: string, asOf: string) {
  return useQuery({
    queryKey: keys.loans.detail(id, asOf),
    queryFn: ({ signal }) => api<LoanDetail>(`/loans/${enc(id)}`, { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useNeeds(q: NeedQuery) {
  return useQuery({
    queryKey: keys.loans.needs(q),
    queryFn: ({ signal }) => api<Page<FinancingNeed>>('/needs', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useNeedBoard(asOf: string) {
  return useQuery({
    queryKey: keys.loans.board(asOf),
    queryFn: ({ signal }) => api<NeedBoard>('/needs/board', { query: { asOf }, signal }),
  });
}

function useLoanWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.loans.all });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useCreateNeed() {
  return useLoanWrite((v: NeedInput) => api<FinancingNeed>('/needs', { method: 'POST', body: v }));
}

export function useRespondNeed() {
  return useLoanWrite((v: { id: string; response: string }) =>
    api<FinancingNeed>(`/needs/${enc(v.id)}/respond`, {
      method: 'POST',
      body: { response: v.response },
    }),
  );
}

export function useApplyLoan() {
  return useLoanWrite((v: ApplyInput) => api<LoanSummary>('/loans', { method: 'POST', body: v }));
}

export function useApproveLoan(id: string) {
  return useLoanWrite(() => api<LoanSummary>(`/loans/${enc(id)}/approve`, { method: 'POST' }));
}

export function useDisburseLoan(id: string) {
  return useLoanWrite((v: DisburseInput) =>
    api<LoanSummary>(`/loans/${enc(id)}/disburse`, { method: 'POST', body: v }),
  );
}

export function useRecordRepayment(id: string) {
  return useLoanWrite((v: RepayInput) =>
    api<Repayment>(`/loans/${enc(id)}/repayments`, { method: 'POST', body: v }),
  );
}
