// URL paths of the app, in one place.
export const paths = {
  login: '/login',
  home: '/',
  households: '/register/households',
  household: (id: string) => `/register/households/${encodeURIComponent(id)}`,
  householdEdit: (id: string) => `/register/households/${encodeURIComponent(id)}/edit`,
  operators: '/register/operators',
  operator: (id: string) => `/register/operators/${encodeURIComponent(id)}`,
  operatorEdit: (id: string) => `/register/operators/${encodeURIComponent(id)}/edit`,
  institutions: '/register/institutions',
  institution: (id: string) => `/register/institutions/${encodeURIComponent(id)}`,
  govUnits: '/register/gov-units',
  registerImport: '/register/import',
  loans: '/loans',
  loan: (id: string) => `/loans/${encodeURIComponent(id)}`,
  needs: '/loans/needs',
  needBoard: '/loans/board',
  repaymentImport: '/loans/repayments/import',
  loanProducts: '/loans/products',
  precisionChecks: '/loans/precision',
  bankExchange: '/loans/exchange',
  settlement: '/settlement',
  settlementRun: (id: string) => `/settlement/runs/${encodeURIComponent(id)}`,
  settlementRunPrint: (id: string) => `/settlement/runs/${encodeURIComponent(id)}/print`,
  funds: '/settlement/funds',
  whatIf: '/settlement/what-if',
  guarantees: '/settlement/guarantees',
  insurance: '/settlement/insurance',
  lossClaims: '/settlement/losses',
  credit: '/credit',
  targets: '/targets',
  network: '/network',
  records: '/records',
  supervision: '/supervision',
  policy: '/policy',
  audit: '/audit',
  users: '/users',
} as const;

/** Only same-app paths are accepted as a post-login destination. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return paths.home;
  }
  if (next === paths.login || next.startsWith(`${paths.login}?`)) return paths.home;
  return next;
}
