import { parseIsoDate, type IsoDate } from '../../core/calendarDate.ts';
import { DomainError } from '../../core/errors.ts';
import { formatLookup, paramValue } from '../../core/policy/parameterSet.ts';
import { policyData } from './evaluate.ts';
import type { PolicyData } from './loadPolicyData.ts';

/** One parameter as in force on a date, for `jinfu policy params`. */
export interface ParameterRow {
  readonly id: string;
  readonly article: number | string;
  readonly title_zh: string;
  readonly title_en: string;
  readonly unit: string;
  /** The value as parameter files write it ('50000.00', '4.75', 'contract-date'); null before the first version. */
  readonly value: string | null;
  readonly version: number | null;
  readonly from: string | null;
  readonly document: string | null;
  readonly quote: string;
  readonly interpretation?: string;
}

/** Validates a user-supplied date (`--at`), naming the option in the error. */
export function parseDateOption(text: string, field: string): IsoDate {
  try {
    return parseIsoDate(text, field);
  } catch (e) {
    if (e instanceof DomainError) throw e.withField(field);
    throw e;
  }
}

/** Every parameter with the version in force on `at`, in id order. */
export function parametersAt(at: IsoDate, data: PolicyData = policyData()): ParameterRow[] {
  return [...data.parameters.parameters.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((def) => {
      const base = {
        id: def.id,
        article: def.article,
        title_zh: def.title_zh,
        title_en: def.title_en,
        unit: def.unit,
        quote: def.quote,
        ...(def.interpretation === undefined ? {} : { interpretation: def.interpretation }),
      };
      const first = def.versions[0];
      if (first === undefined || first.from > at) {
        return { ...base, value: null, version: null, from: null, document: null };
      }
      const l = paramValue(data.parameters, def.id, at);
      return {
        ...base,
        value: formatLookup(l),
        version: l.version,
        from: l.from,
        document: l.document,
      };
    });
}
