import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import type { Role } from '../api/types.ts';
import { ADMIN_ROLES, LOAN_OFFICERS, LOAN_READERS, REGISTER_WRITERS } from '../auth/roles.ts';
import type { Messages } from '../i18n/context.ts';
import { EXCHANGE_READERS } from '../api/exchange.ts';
import { PRECISION_READERS } from '../api/precision.ts';
import { SETTLEMENT_READERS } from '../api/settlement.ts';
import { GUARANTEE_READERS } from '../api/guarantees.ts';
import { INSURANCE_READERS } from '../api/insurance.ts';
import { LOSS_READERS } from '../pages/losses/lossApi.ts';
import { paths } from '../paths.ts';

interface NavLeaf {
  key: string;
  path: string;
  label: (t: Messages) => string;
  testId: string;
  roles?: readonly Role[];
}

interface NavGroup {
  key: string;
  label: (t: Messages) => string;
  testId: string;
  children: NavLeaf[];
}

type NavEntry = NavLeaf | NavGroup;

/** Side navigation: every module of the policy. */
export const NAV: NavEntry[] = [
  {
    key: 'register',
    label: (t) => t.nav.register,
    testId: 'nav-register',
    children: [
      {
        key: paths.households,
        path: paths.households,
        label: (t) => t.nav.households,
        testId: 'nav-households',
      },
      {
        key: paths.operators,
        path: paths.operators,
        label: (t) => t.nav.operators,
        testId: 'nav-operators',
      },
      {
        key: paths.institutions,
        path: paths.institutions,
        label: (t) => t.nav.institutions,
        testId: 'nav-institutions',
      },
      {
        key: paths.govUnits,
        path: paths.govUnits,
        label: (t) => t.nav.govUnits,
        testId: 'nav-gov-units',
      },
      {
        key: paths.registerImport,
        path: paths.registerImport,
        label: (t) => t.nav.registerImport,
        testId: 'nav-register-import',
        roles: REGISTER_WRITERS,
      },
    ],
  },
  {
    key: 'loans',
    label: (t) => t.nav.loans,
    testId: 'nav-loans',
    children: [
      {
        key: paths.loans,
        path: paths.loans,
        label: (t) => t.nav.loanList,
        testId: 'nav-loan-list',
        roles: LOAN_READERS,
      },
      {
        key: paths.needs,
        path: paths.needs,
        label: (t) => t.nav.loanNeeds,
        testId: 'nav-loan-needs',
        roles: LOAN_READERS,
      },
      {
        key: paths.needBoard,
        path: paths.needBoard,
        label: (t) => t.nav.needBoard,
        testId: 'nav-need-board',
        roles: LOAN_READERS,
      },
      {
        key: paths.loanProducts,
        path: paths.loanProducts,
        label: (t) => t.loanProducts.nav,
        testId: 'nav-loan-products',
        roles: LOAN_READERS,
      },
      {
        key: paths.repaymentImport,
        path: paths.repaymentImport,
        label: (t) => t.nav.repaymentImport,
        testId: 'nav-repayment-import',
        roles: LOAN_OFFICERS,
      },
      {
        key: paths.precisionChecks,
        path: paths.precisionChecks,
        label: (t) => t.nav.precisionChecks,
        testId: 'nav-precision-checks',
        roles: PRECISION_READERS,
      },
      {
        key: paths.bankExchange,
        path: paths.bankExchange,
        label: (t) => t.nav.bankExchange,
        testId: 'nav-bank-exchange',
        roles: EXCHANGE_READERS,
      },
    ],
  },
  {
    key: 'settlement',
    label: (t) => t.nav.settlement,
    testId: 'nav-settlement',
    children: [
      {
        key: paths.settlement,
        path: paths.settlement,
        label: (t) => t.nav.settlementRuns,
        testId: 'nav-settlement-runs',
        roles: SETTLEMENT_READERS,
      },
      {
        key: paths.funds,
        path: paths.funds,
        label: (t) => t.nav.funds,
        testId: 'nav-funds',
        roles: SETTLEMENT_READERS,
      },
      {
        key: paths.whatIf,
        path: paths.whatIf,
        label: (t) => t.nav.whatIf,
        testId: 'nav-what-if',
        roles: SETTLEMENT_READERS,
      },
      {
        key: paths.guarantees,
        path: paths.guarantees,
        label: (t) => t.nav.guarantees,
        testId: 'nav-guarantees',
        roles: GUARANTEE_READERS,
      },
      {
        key: paths.insurance,
        path: paths.insurance,
        label: (t) => t.nav.insurance,
        testId: 'nav-insurance',
        roles: INSURANCE_READERS,
      },
      {
        key: paths.lossClaims,
        path: paths.lossClaims,
        label: (t) => t.nav.lossClaims,
        testId: 'nav-loss-claims',
        roles: LOSS_READERS,
      },
    ],
  },
  { key: paths.credit, path: paths.credit, label: (t) => t.nav.credit, testId: 'nav-credit' },
  { key: paths.targets, path: paths.targets, label: (t) => t.nav.targets, testId: 'nav-targets' },
  { key: paths.network, path: paths.network, label: (t) => t.network.title, testId: 'nav-network' },
  { key: paths.records, path: paths.records, label: (t) => t.nav.records, testId: 'nav-records' },
  {
    key: paths.supervision,
    path: paths.supervision,
    label: (t) => t.nav.supervision,
    testId: 'nav-supervision',
  },
  { key: paths.policy, path: paths.policy, label: (t) => t.nav.policy, testId: 'nav-policy' },
  { key: paths.audit, path: paths.audit, label: (t) => t.nav.audit, testId: 'nav-audit' },
  {
    key: paths.users,
    path: paths.users,
    label: (t) => t.nav.users,
    testId: 'nav-users',
    roles: ADMIN_ROLES,
  },
];

function isGroup(e: NavEntry): e is NavGroup {
  return 'children' in e;
}

function leaves(entries: NavEntry[]): NavLeaf[] {
  return entries.flatMap((e) => (isGroup(e) ? e.children : [e]));
}

function visible(leaf: NavLeaf, role: Role): boolean {
  return !leaf.roles || leaf.roles.includes(role);
}

export function menuItems(t: Messages, role: Role): NonNullable<MenuProps['items']> {
  const leaf = (l: NavLeaf) => ({
    key: l.key,
    label: (
      <Link to={l.path} data-testid={l.testId}>
        {l.label(t)}
      </Link>
    ),
  });
  return NAV.flatMap((e) => {
    if (isGroup(e)) {
      const children = e.children.filter((c) => visible(c, role)).map(leaf);
      return children.length
        ? [{ key: e.key, label: <span data-testid={e.testId}>{e.label(t)}</span>, children }]
        : [];
    }
    return visible(e, role) ? [leaf(e)] : [];
  });
}

/** The menu key to highlight for a URL: the longest nav path that prefixes it. */
export function selectedKey(pathname: string): {
  key: string | undefined;
  group: string | undefined;
} {
  let best: NavLeaf | undefined;
  for (const l of leaves(NAV)) {
    if (pathname === l.path || pathname.startsWith(`${l.path}/`)) {
      if (!best || l.path.length > best.path.length) best = l;
    }
  }
  const group = best ? NAV.find((e) => isGroup(e) && e.children.includes(best))?.key : undefined;
  return { key: best?.key, group };
}
