import { describe, expect, it } from 'vitest';
import { policyData } from '../../src/app/policy/evaluate.ts';
import { checkCase, readScenarioFile, scenarioFiles } from '../../src/app/policy/scenarios.ts';
import { RULES } from '../../src/core/rules/registry.ts';

/**
 * The hand-worked scenarios of policy/tests run as vitest cases too (the same
 * comparison as `jinfu policy test`: zero tolerance).
 */

const data = policyData();
const files = scenarioFiles().map(readScenarioFile);

for (const file of files) {
  describe(file.file, () => {
    for (const c of file.cases) {
      it(c.name, () => {
        expect(checkCase(file.rule, c, data)).toEqual([]);
      });
    }
  });
}

describe('scenario coverage', () => {
  const count = new Map<string, number>();
  for (const f of files) count.set(f.rule, (count.get(f.rule) ?? 0) + f.cases.length);

  it('every rule has at least three hand-worked scenarios', () => {
    for (const id of RULES.keys()) expect(count.get(id) ?? 0, id).toBeGreaterThanOrEqual(3);
  });

  it('includes all twelve EXAMPLES.md cases', () => {
    const names = files.flatMap((f) => f.cases.map((c) => c.name));
    for (let i = 1; i <= 12; i++) {
      expect(
        names.some((n) => n.startsWith(`示例${String(i)} `)),
        `示例${String(i)}`,
      ).toBe(true);
    }
  });
});
