import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import type { PolicyParameter } from '../../api/types.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatParamValue } from '../policy/paramValue.ts';

/** Decimals a numeric unit accepts; the server checks the rest and explains in both languages. */
const PRECISION: Record<string, number | undefined> = {
  CNY: 2,
  count: 0,
  months: 0,
  years: 0,
  percent: undefined,
  'percentage-points': undefined,
  ratio: undefined,
};

/**
 * A parameter's value as the text the policy files write ('50000.00', '4.75', 'true',
 * 'lpr'), entered with the control its unit calls for; typedParamValue turns it into
 * what the API expects.
 */
export function ParamValueInput({
  param,
  value,
  onChange,
  testId,
}: {
  param: PolicyParameter | undefined;
  value?: string;
  onChange?: (v: string | undefined) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const set = (v: string | null | undefined) => onChange?.(v ?? undefined);
  const unit = param?.unit ?? '';
  const suffix = t.whatIf.unitSuffix[unit];
  const common = { style: { width: '100%' }, 'data-testid': testId, disabled: !param };
  if (unit === 'boolean') {
    return (
      <Select
        {...common}
        value={value}
        onChange={set}
        options={['true', 'false'].map((v) => ({ value: v, label: formatParamValue(unit, v, t) }))}
      />
    );
  }
  if (unit === 'enum') {
    return (
      <Select
        {...common}
        value={value}
        onChange={set}
        options={(param?.choices ?? []).map((v) => ({ value: v, label: v }))}
      />
    );
  }
  if (unit === 'date') {
    return (
      <DatePicker
        {...common}
        value={value ? dayjs(value) : null}
        onChange={(d) => set(d?.format('YYYY-MM-DD'))}
      />
    );
  }
  if (unit in PRECISION) {
    return (
      <InputNumber<string>
        {...common}
        stringMode
        precision={PRECISION[unit]}
        value={value}
        onChange={set}
        suffix={suffix}
      />
    );
  }
  return <Input {...common} value={value} onChange={(e) => set(e.target.value)} />;
}
