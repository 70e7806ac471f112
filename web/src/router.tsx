import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageSpin, RequireAuth } from './auth/RequireAuth.tsx';
import { UserContext } from './auth/UserContext.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { paths } from './paths.ts';

// Every page is its own chunk.
function page<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = page(() => import('./pages/LoginPage.tsx'), 'LoginPage');
const HouseholdsPage = page(() => import('./pages/register/HouseholdsPage.tsx'), 'HouseholdsPage');
const HouseholdDetailPage = page(
  () => import('./pages/register/HouseholdDetailPage.tsx'),
  'HouseholdDetailPage',
);
const HouseholdEditPage = page(
  () => import('./pages/register/HouseholdEditPage.tsx'),
  'HouseholdEditPage',
);
const OperatorsPage = page(() => import('./pages/register/OperatorsPage.tsx'), 'OperatorsPage');
const OperatorDetailPage = page(
  () => import('./pages/register/OperatorDetailPage.tsx'),
  'OperatorDetailPage',
);
const OperatorEditPage = page(
  () => import('./pages/register/OperatorEditPage.tsx'),
  'OperatorEditPage',
);
const InstitutionsPage = page(
  () => import('./pages/register/InstitutionsPage.tsx'),
  'InstitutionsPage',
);
const InstitutionDetailPage = page(
  () => import('./pages/register/InstitutionDetailPage.tsx'),
  'InstitutionDetailPage',
);
const GovUnitsPage = page(() => import('./pages/register/GovUnitsPage.tsx'), 'GovUnitsPage');
const ImportPage = page(() => import('./pages/register/ImportPage.tsx'), 'ImportPage');
const AuditPage = page(() => import('./pages/AuditPage.tsx'), 'AuditPage');
const UsersPage = page(() => import('./pages/UsersPage.tsx'), 'UsersPage');
const NotFoundPage = page(() => import('./pages/NotFoundPage.tsx'), 'NotFoundPage');
const LoansPage = page(() => import('./pages/loans/LoansPage.tsx'), 'LoansPage');
const LoanDetailPage = page(() => import('./pages/loans/LoanDetailPage.tsx'), 'LoanDetailPage');
const NeedsPage = page(() => import('./pages/loans/NeedsPage.tsx'), 'NeedsPage');
const NeedBoardPage = page(() => import('./pages/loans/NeedBoardPage.tsx'), 'NeedBoardPage');
const RepaymentImportPage = page(
  () => import('./pages/loans/RepaymentImportPage.tsx'),
  'RepaymentImportPage',
);
const LoanProductsPage = page(
  () => import('./pages/loans/LoanProductsPage.tsx'),
  'LoanProductsPage',
);
const PrecisionChecksPage = page(
  () => import('./pages/loans/PrecisionChecksPage.tsx'),
  'PrecisionChecksPage',
);
const BankExchangePage = page(
  () => import('./pages/loans/BankExchangePage.tsx'),
  'BankExchangePage',
);
const SettlementRunsPage = page(
  () => import('./pages/settlement/SettlementRunsPage.tsx'),
  'SettlementRunsPage',
);
const RunDetailPage = page(() => import('./pages/settlement/RunDetailPage.tsx'), 'RunDetailPage');
const RunPrintPage = page(() => import('./pages/settlement/RunPrintPage.tsx'), 'RunPrintPage');
const FundsPage = page(() => import('./pages/settlement/FundsPage.tsx'), 'FundsPage');
const WhatIfPage = page(() => import('./pages/settlement/WhatIfPage.tsx'), 'WhatIfPage');
const GuaranteesPage = page(
  () => import('./pages/guarantees/GuaranteesPage.tsx'),
  'GuaranteesPage',
);
const InsurancePage = page(() => import('./pages/insurance/InsurancePage.tsx'), 'InsurancePage');
const LossClaimsPage = page(() => import('./pages/losses/LossClaimsPage.tsx'), 'LossClaimsPage');
const CreditPage = page(() => import('./pages/credit/CreditPage.tsx'), 'CreditPage');
const DashboardPage = page(() => import('./pages/targets/DashboardPage.tsx'), 'DashboardPage');
const NetworkPage = page(() => import('./pages/network/NetworkPage.tsx'), 'NetworkPage');
const RecordsPage = page(() => import('./pages/records/RecordsPage.tsx'), 'RecordsPage');
const SupervisionPage = page(
  () => import('./pages/supervision/SupervisionPage.tsx'),
  'SupervisionPage',
);
const PolicyPage = page(() => import('./pages/policy/PolicyPage.tsx'), 'PolicyPage');

function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

function Protected() {
  return (
    <RequireAuth>
      {(user) => (
        <UserContext.Provider value={user}>
          <AppLayout />
        </UserContext.Provider>
      )}
    </RequireAuth>
  );
}

const rel = (p: string) => p.replace(/^\//, '');

export const router = createBrowserRouter([
  {
    path: paths.login,
    element: (
      <Standalone>
        <LoginPage />
      </Standalone>
    ),
  },
  {
    path: paths.home,
    element: <Protected />,
    children: [
      { index: true, element: <Navigate to={paths.households} replace /> },
      { path: 'register', element: <Navigate to={paths.households} replace /> },
      { path: rel(paths.households), element: <HouseholdsPage /> },
      { path: `${rel(paths.households)}/:id`, element: <HouseholdDetailPage /> },
      { path: `${rel(paths.households)}/:id/edit`, element: <HouseholdEditPage /> },
      { path: rel(paths.operators), element: <OperatorsPage /> },
      { path: `${rel(paths.operators)}/:id`, element: <OperatorDetailPage /> },
      { path: `${rel(paths.operators)}/:id/edit`, element: <OperatorEditPage /> },
      { path: rel(paths.institutions), element: <InstitutionsPage /> },
      { path: `${rel(paths.institutions)}/:id`, element: <InstitutionDetailPage /> },
      { path: rel(paths.govUnits), element: <GovUnitsPage /> },
      { path: rel(paths.registerImport), element: <ImportPage /> },
      { path: rel(paths.loans), element: <LoansPage /> },
      { path: rel(paths.needs), element: <NeedsPage /> },
      { path: rel(paths.needBoard), element: <NeedBoardPage /> },
      { path: rel(paths.repaymentImport), element: <RepaymentImportPage /> },
      { path: rel(paths.loanProducts), element: <LoanProductsPage /> },
      { path: rel(paths.precisionChecks), element: <PrecisionChecksPage /> },
      { path: rel(paths.bankExchange), element: <BankExchangePage /> },
      { path: `${rel(paths.loans)}/:id`, element: <LoanDetailPage /> },
      { path: rel(paths.settlement), element: <SettlementRunsPage /> },
      { path: `${rel(paths.settlement)}/runs/:id`, element: <RunDetailPage /> },
      { path: `${rel(paths.settlement)}/runs/:id/print`, element: <RunPrintPage /> },
      { path: rel(paths.funds), element: <FundsPage /> },
      { path: rel(paths.whatIf), element: <WhatIfPage /> },
      { path: rel(paths.guarantees), element: <GuaranteesPage /> },
      { path: rel(paths.insurance), element: <InsurancePage /> },
      { path: rel(paths.lossClaims), element: <LossClaimsPage /> },
      { path: rel(paths.credit), element: <CreditPage /> },
      { path: rel(paths.targets), element: <DashboardPage /> },
      { path: rel(paths.network), element: <NetworkPage /> },
      { path: rel(paths.records), element: <RecordsPage /> },
      { path: rel(paths.supervision), element: <SupervisionPage /> },
      { path: rel(paths.policy), element: <PolicyPage /> },
      { path: rel(paths.audit), element: <AuditPage /> },
      { path: rel(paths.users), element: <UsersPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
