import { Select } from 'antd';
import { useMemo } from 'react';
import { useGovUnits, useInstitutions } from '../../api/institutions.ts';
import type { InstitutionKind, Role } from '../../api/types.ts';
import { useI18n } from '../../i18n/context.ts';

/** Institution kinds that suit each institution role (all kinds if none exist). */
const KINDS: Partial<Record<Role, readonly InstitutionKind[]>> = {
  bank_officer: ['bank', 'policy_bank', 'village_bank'],
  insurer: ['insurer'],
  guarantor: ['guarantor'],
};

interface SelectProps {
  value?: string | undefined;
  onChange?: (v: string | undefined) => void;
  testId: string;
}

/** An institution, by its `code` (what POST /users expects). */
export function InstitutionCodeSelect({ role, ...p }: SelectProps & { role: Role }) {
  const { t, lang } = useI18n();
  const list = useInstitutions();
  const options = useMemo(() => {
    const all = list.data ?? [];
    const kinds = KINDS[role];
    const suited = kinds ? all.filter((i) => kinds.includes(i.kind)) : all;
    return (suited.length ? suited : all).map((i) => ({
      value: i.code,
      label: `${lang === 'zh' ? i.nameZh : i.nameEn || i.nameZh}（${i.code}）`,
    }));
  }, [list.data, role, lang]);
  return (
    <Select
      data-testid={p.testId}
      value={p.value}
      onChange={(v: string | undefined) => p.onChange?.(v)}
      options={options}
      placeholder={t.users.choose}
      showSearch={{ optionFilterProp: 'label' }}
      loading={list.isLoading}
      status={list.isError ? 'error' : undefined}
    />
  );
}

/** A government unit, by its `code`. */
export function GovUnitCodeSelect(p: SelectProps) {
  const { t, lang } = useI18n();
  const list = useGovUnits();
  const options = (list.data ?? []).map((u) => ({
    value: u.code,
    label: lang === 'zh' ? u.nameZh : u.nameEn || u.nameZh,
  }));
  return (
    <Select
      data-testid={p.testId}
      value={p.value}
      onChange={(v: string | undefined) => p.onChange?.(v)}
      options={options}
      placeholder={t.users.choose}
      showSearch={{ optionFilterProp: 'label' }}
      loading={list.isLoading}
      status={list.isError ? 'error' : undefined}
    />
  );
}
