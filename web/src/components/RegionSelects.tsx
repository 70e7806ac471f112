import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTownships, useVillages } from '../api/regions.ts';
import type { Region } from '../api/types.ts';
import { useI18n } from '../i18n/context.ts';

export function useRegionOptions(regions: Region[] | undefined) {
  const { t } = useI18n();
  return (regions ?? []).map((r) => ({
    value: r.code,
    label: t.common.placeName(r.nameZh, r.nameEn),
  }));
}

export function TownshipSelect({
  value,
  onChange,
  testId,
  allowClear = true,
  style,
}: {
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  testId: string;
  allowClear?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const townships = useTownships();
  const options = useRegionOptions(townships.data);
  return (
    <Select
      data-testid={testId}
      style={{ width: 200, ...style }}
      placeholder={t.regions.anyTownship}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      options={options}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      loading={townships.isLoading}
      status={townships.isError ? 'error' : undefined}
    />
  );
}

export function VillageSelect({
  township,
  value,
  onChange,
  testId,
  allowClear = true,
  style,
}: {
  township: string | undefined;
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  testId: string;
  allowClear?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const villages = useVillages(township);
  const options = useRegionOptions(villages.data);
  return (
    <Select
      data-testid={testId}
      style={{ width: 200, ...style }}
      placeholder={township ? t.regions.anyVillage : t.regions.chooseTownshipFirst}
      disabled={!township}
      value={township ? value : undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      options={options}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      loading={villages.isLoading}
      status={villages.isError ? 'error' : undefined}
    />
  );
}
