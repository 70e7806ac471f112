import { parse } from 'yaml';
import { DomainError } from '../../core/errors.ts';
import { getParameter } from '../../core/policy/parameterSet.ts';
import type { PolicyData } from './loadPolicyData.ts';

/**
 * `--param id=value` options → a parameter override map. The value is read as YAML
 * scalar text (so `true`, `50`, `accrual-date` mean what they mean in a parameter
 * file); the id must exist. Values are checked against the unit when applied.
 */
export function parameterOverrides(
  options: readonly string[],
  data: PolicyData,
): Record<string, unknown> | undefined {
  if (options.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const opt of options) {
    const eq = opt.indexOf('=');
    if (eq <= 0) {
      throw new DomainError({
        code: 'PARAM_OPTION_INVALID',
        message_zh: `参数覆盖应写作 id=value，实际为“${opt}”`,
        message_en: `A parameter override is written id=value, got "${opt}"`,
        field: '--param',
      });
    }
    const id = opt.slice(0, eq);
    getParameter(data.parameters, id);
    out[id] = parse(opt.slice(eq + 1)) as unknown;
  }
  return out;
}
