import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { targetFileSchema, type TargetDefinition } from '../../core/targets/target.ts';
import {
  PolicyDataError,
  POLICY_TEXT_FILE,
  readYaml,
  type PolicyDataIssue,
} from '../policy/loadPolicyData.ts';
import { policyData } from '../policy/evaluate.ts';
import { POLICY_ROOT, shippedDefinitions } from '../policy/parameterVersions.ts';
import { INDICATORS } from './indicators.ts';

/**
 * The policy's targets, shipped as data in policy/targets/*.yaml. Each file is checked
 * when loaded: its shape, its quote (verbatim in the policy text), and that every
 * indicator and parameter it names exists, so a typo fails at start-up, not on screen.
 */
export function loadTargets(root = POLICY_ROOT): TargetDefinition[] {
  const dir = join(root, 'targets');
  const text = policyData(root).policyText;
  const indicators = new Set(INDICATORS.map((i) => i.id));
  const params = new Map(shippedDefinitions().map((p) => [p.id, p.unit]));
  const issues: PolicyDataIssue[] = [];
  const out: TargetDefinition[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const file = join(dir, name);
    const raw = readYaml(file, issues);
    if (raw === undefined) continue;
    const parsed = targetFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        issues.push({ file: `targets/${name}`, field: i.path.join('.'), message: i.message });
      }
      continue;
    }
    const def = parsed.data;
    const problem = (field: string, message: string) =>
      issues.push({ file: `targets/${name}`, field, message });
    if (name !== `${def.id}.yaml`) problem('id', `the file must be named ${def.id}.yaml`);
    if (!text.includes(def.quote)) problem('quote', `not in ${POLICY_TEXT_FILE} verbatim`);
    const metrics = [def.metric, ...('exceeds' in def.goal ? [def.goal.exceeds] : [])];
    for (const m of metrics) {
      for (const id of [m.numerator, m.denominator]) {
        if (id !== undefined && !indicators.has(id)) problem('metric', `unknown indicator ${id}`);
      }
    }
    if ('atLeast' in def.goal && 'param' in def.goal.atLeast) {
      const unit = params.get(def.goal.atLeast.param);
      const fits = def.unit === 'percent' ? unit === 'percent' : unit === def.unit;
      if (!fits)
        problem('goal', `parameter ${def.goal.atLeast.param} is missing or not in ${def.unit}`);
    }
    if (
      def.deadline !== null &&
      'param' in def.deadline &&
      params.get(def.deadline.param) !== 'date'
    ) {
      problem('deadline', `parameter ${def.deadline.param} is missing or not a date`);
    }
    out.push(def);
  }
  if (issues.length > 0) throw new PolicyDataError(issues);
  return out;
}

let cached: TargetDefinition[] | undefined;
/** The shipped targets, read once. */
export const shippedTargets = (): TargetDefinition[] => (cached ??= loadTargets());
