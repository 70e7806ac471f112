import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  parseResponsibilityMatrix,
  type ResponsibilityMatrix,
} from '../../core/supervision/matrix.ts';
import {
  POLICY_TEXT_FILE,
  PolicyDataError,
  readYaml,
  type PolicyDataIssue,
} from '../policy/loadPolicyData.ts';
import { POLICY_ROOT } from '../policy/parameterVersions.ts';

/** The shipped responsibility matrix, policy/responsibilities.yaml (decision 0017). */
export const MATRIX_FILE = 'responsibilities.yaml';

/**
 * Reads and validates the matrix under `root` against the policy text beside it; every
 * problem is reported at once, each naming the file and field.
 */
export function loadResponsibilityMatrix(root = POLICY_ROOT): ResponsibilityMatrix {
  const file = join(root, MATRIX_FILE);
  const shown = relative(process.cwd(), file);
  const issues: PolicyDataIssue[] = [];
  const raw = readYaml(file, issues);
  if (raw !== undefined) {
    const result = parseResponsibilityMatrix(
      raw,
      readFileSync(join(root, POLICY_TEXT_FILE), 'utf8'),
    );
    if (result.ok) return result.value;
    for (const i of result.issues) issues.push({ file: shown, field: i.field, message: i.message });
  }
  throw new PolicyDataError(issues);
}

let shipped: ResponsibilityMatrix | undefined;
/** The shipped matrix, read once per process. */
export function shippedMatrix(): ResponsibilityMatrix {
  shipped ??= loadResponsibilityMatrix();
  return shipped;
}
