import { Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useHousehold } from '../../api/households.ts';
import { useInstitutions } from '../../api/institutions.ts';
import { useLoanProducts } from '../../api/loans.ts';
import type { LoanClass, LoanStatus, NeedStatus } from '../../api/loanTypes.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';

const loanColor: Record<LoanStatus, string> = {
  applied: 'blue',
  refused: 'red',
  approved: 'cyan',
  disbursed: 'green',
  closed: 'default',
  written_off: 'volcano',
};

export function LoanStatusTag({ status }: { status: LoanStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={loanColor[status] ?? 'default'} data-status={status} data-testid="loan-status">
      {t.loans.loanStatus[status] ?? status}
    </Tag>
  );
}

const needColor: Record<NeedStatus, string> = {
  open: 'orange',
  responded: 'blue',
  loaned: 'green',
  withdrawn: 'default',
};

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={needColor[status] ?? 'default'} data-status={status} data-testid="need-status">
      {t.needs.needStatus[status] ?? status}
    </Tag>
  );
}

const classColor: Record<LoanClass, string> = {
  normal: 'green',
  'special-mention': 'gold',
  substandard: 'orange',
  doubtful: 'volcano',
  loss: 'red',
};

export function LoanClassTag({ cls }: { cls: LoanClass }) {
  const { t } = useI18n();
  return (
    <Tag color={classColor[cls] ?? 'default'} data-class={cls} data-testid="loan-class">
      {t.loans.loanClass[cls] ?? cls}
    </Tag>
  );
}

/** The household's head name linking to its page (fetched and cached per household). */
export function HouseholdLink({ id }: { id: string }) {
  const { t } = useI18n();
  const h = useHousehold(id);
  return (
    <Link to={paths.household(id)} data-testid="household-link">
      {h.data ? `${h.data.headName}（${h.data.householdNo}）` : h.isError ? id : t.common.loading}
    </Link>
  );
}

/** Institution id → display name. */
export function useInstitutionNames(): Map<string, string> {
  const { t } = useI18n();
  const list = useInstitutions();
  return useMemo(
    () => new Map((list.data ?? []).map((i) => [i.id, t.common.placeName(i.nameZh, i.nameEn)])),
    [list.data, t],
  );
}

/** Product id → display name in the UI language. */
export function useProductNames(): Map<string, string> {
  const { lang } = useI18n();
  const list = useLoanProducts();
  return useMemo(
    () => new Map((list.data ?? []).map((p) => [p.id, lang === 'zh' ? p.nameZh : p.nameEn])),
    [list.data, lang],
  );
}
