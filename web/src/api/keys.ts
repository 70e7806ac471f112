import type { LoanQuery, NeedQuery } from './loanTypes.ts';
import type {
  AuditQuery,
  HouseholdQuery,
  OperatorQuery,
  ParameterQuery,
  RegionLevel,
} from './types.ts';

/** TanStack Query keys, in one place so invalidation stays consistent. */
export const keys = {
  me: ['auth', 'me'] as const,
  regions: (level: RegionLevel, parent?: string) => ['regions', level, parent ?? null] as const,
  households: {
    all: ['households'] as const,
    list: (q: HouseholdQuery) => ['households', 'list', q] as const,
    detail: (id: string) => ['households', 'detail', id] as const,
    history: (id: string) => ['households', 'history', id] as const,
  },
  operators: {
    list: (q: OperatorQuery) => ['operators', 'list', q] as const,
    detail: (id: string) => ['operators', 'detail', id] as const,
  },
  institutions: {
    list: ['institutions', 'list'] as const,
    detail: (id: string) => ['institutions', 'detail', id] as const,
  },
  govUnits: ['gov-units'] as const,
  loans: {
    all: ['loans'] as const,
    products: ['loans', 'products'] as const,
    list: (q: LoanQuery) => ['loans', 'list', q] as const,
    detail: (id: string, asOf: string) => ['loans', 'detail', id, asOf] as const,
    needs: (q: NeedQuery) => ['loans', 'needs', q] as const,
    board: (asOf: string) => ['loans', 'board', asOf] as const,
  },
  policy: {
    all: ['policy'] as const,
    parameters: (q: ParameterQuery) => ['policy', 'parameters', q] as const,
  },
  audit: (q: AuditQuery) => ['audit', q] as const,
  users: {
    list: ['users', 'list'] as const,
    sessions: (userId: string) => ['users', 'sessions', userId] as const,
  },
};
