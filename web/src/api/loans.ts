import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAuditedWrite } from './auditedWrite.ts';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type {
  ApplyInput,
  DisburseInput,
  FinancingNeed,
  LoanDetail,
  LoanEvent,
  LoanEventInput,
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

/** A loan as of a date; `scheduleVersion` shows an older schedule version instead. */
export function useLoan(id: string, asOf: string, scheduleVersion?: number) {
  return useQuery({
    queryKey: [...keys.loans.detail(id, asOf), scheduleVersion ?? null],
    queryFn: ({ signal }) =>
      api<LoanDetail>(`/loans/${enc(id)}`, {
        query: { asOf, ...(scheduleVersion === undefined ? {} : { scheduleVersion }) },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useLoanEvents(id: string) {
  return useQuery({
    queryKey: [...keys.loans.all, 'events', id],
    queryFn: ({ signal }) => api<LoanEvent[]>(`/loans/${enc(id)}/events`, { signal }),
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
  return useAuditedWrite(keys.loans.all, fn);
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

export function useRequestLoanEvent(id: string) {
  return useLoanWrite((v: LoanEventInput) =>
    api<LoanEvent>(`/loans/${enc(id)}/events`, { method: 'POST', body: v }),
  );
}

/** Approve or reject (with a note) a pending loan event. */
export function useDecideLoanEvent(id: string) {
  return useLoanWrite((v: { eventId: string; decision: 'approve' | 'reject'; note?: string }) =>
    api<LoanEvent>(`/loans/${enc(id)}/events/${enc(v.eventId)}/${v.decision}`, {
      method: 'POST',
      body: v.note === undefined ? {} : { note: v.note },
    }),
  );
}
