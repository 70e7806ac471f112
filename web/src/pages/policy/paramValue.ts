import type { ParameterUnit } from '../../api/types.ts';
import { PARAMETER_UNITS } from '../../api/types.ts';
import type { Messages } from '../../i18n/context.ts';

function knownUnit(unit: string): ParameterUnit | undefined {
  return (PARAMETER_UNITS as readonly string[]).includes(unit)
    ? (unit as ParameterUnit)
    : undefined;
}

/** A value as the server writes it, with its unit in the UI language. */
export function formatParamValue(unit: string, value: string, t: Messages): string {
  const u = knownUnit(unit);
  return u ? t.policy.unitValue[u](value) : `${value} ${unit}`;
}

/** What to type for a unit. */
export function unitHint(unit: string, t: Messages): string | undefined {
  const u = knownUnit(unit);
  return u ? t.policy.unitHint[u] : undefined;
}

const TRUE_WORDS = ['true', 'yes', '是'];
const FALSE_WORDS = ['false', 'no', '否'];

/**
 * The typed value the API expects for text typed into the form: whole numbers for
 * count/months/years, booleans for boolean, text otherwise (amounts lose their thousands
 * separators, percentages a trailing %). Text that does not fit is sent as typed, so the
 * server's bilingual message explains what is wrong.
 */
export function typedParamValue(unit: string, text: string): string | number | boolean {
  const v = text.trim();
  switch (unit) {
    case 'count':
    case 'months':
    case 'years':
      return /^\d+$/.test(v) ? Number(v) : v;
    case 'boolean': {
      const l = v.toLowerCase();
      if (TRUE_WORDS.includes(l)) return true;
      if (FALSE_WORDS.includes(l)) return false;
      return v;
    }
    case 'CNY':
      return v.replace(/[,，]/g, '');
    case 'percent':
    case 'percentage-points':
      return v.replace(/\s*[%％]$/, '');
    default:
      return v;
  }
}
