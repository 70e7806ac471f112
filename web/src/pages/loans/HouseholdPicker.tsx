import { Select } from 'antd';
import { useState } from 'react';
import { useHousehold, useHouseholds } from '../../api/households.ts';
import { useI18n } from '../../i18n/context.ts';

/** Picks a household by searching /households?q= (household no. or head name). */
export function HouseholdPicker({
  value,
  onChange,
  testId,
  placeholder,
  width = 280,
}: {
  value?: string | undefined;
  onChange?: (id: string | undefined) => void;
  testId: string;
  placeholder?: string;
  width?: number | string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useHouseholds({ q: q || undefined, page: 1, pageSize: 20 });
  const current = useHousehold(value ?? '');
  const options = (found.data?.items ?? []).map((h) => ({
    value: h.id,
    label: `${h.headName}（${h.householdNo}）${h.townshipName}${h.villageName}`,
  }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({
      value,
      label: current.data ? `${current.data.headName}（${current.data.householdNo}）` : value,
    });
  }
  return (
    <Select
      data-testid={testId}
      style={{ width }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={placeholder ?? t.needs.householdPick}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      options={options}
      loading={found.isFetching}
      notFoundContent={t.loans.householdNotFound}
    />
  );
}
