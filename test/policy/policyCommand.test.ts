import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerPolicyCommands } from '../../src/cli/policyCommand.ts';

/**
 * `jinfu policy …` in-process (bin/jinfu.mjs gets the commands once src/cli/main.ts
 * registers them): output, exit codes, and the bilingual errors that name the field.
 */

const dir = mkdtempSync(join(tmpdir(), 'jinfu-policy-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  process.exitCode = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function jinfu(...args: string[]): Promise<number> {
  const program = new Command('jinfu');
  registerPolicyCommands(program);
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`exit ${String(code)}`);
  });
  try {
    await program.parseAsync(['node', 'jinfu', ...args]);
  } catch (e) {
    const m = /^exit (\d+)$/.exec((e as Error).message);
    if (m !== null) return Number(m[1]);
    throw e;
  }
  return Number(process.exitCode ?? 0);
}

const EXAMPLE1 = `loan: { principal: '30000.00', contractDate: 2017-04-12, termMonths: 36, contractRate: '5.70' }
period: { from: 2017-06-21, to: 2017-09-20 }
dueDate: 2017-09-20
paidOn: 2017-09-20
`;

describe('jinfu policy test', () => {
  it('prints the count per rule and ends with "N passed, N failed"', async () => {
    expect(await jinfu('policy', 'test')).toBe(0);
    expect(out).toMatch(/art11\.interest-subsidy\s+\d+ scenarios/);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('exits 1 when a scenario fails', async () => {
    const bad = file(
      'bad.yaml',
      `rule: art20.land-income-guarantee-subsidy
cases:
  - name: wrong on purpose
    date: 2017-12-31
    input: { year: 2017, feeRate: '0.80', newGuaranteeAmount: '500000.00' }
    expect: { applies: true, amounts: { city: '5000.01', district: '5000.00' }, failed: [] }
`,
    );
    expect(await jinfu('policy', 'test', bad)).toBe(1);
    expect(out).toContain('amount city: expected 5000.01, got 5000.00');
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('exits 2 on a malformed scenario file', async () => {
    const bad = file('malformed.yaml', 'rule: art20.land-income-guarantee-subsidy\ncases: [\n');
    expect(await jinfu('policy', 'test', bad)).toBe(2);
    expect(err).toContain('错误');
    expect(err).toContain('Error');
  });
});

describe('jinfu policy eval', () => {
  it('prints the JSON contract', async () => {
    const input = file('ex1.yaml', EXAMPLE1);
    expect(
      await jinfu('policy', 'eval', '--rule', 'art11.interest-subsidy', '--input', input, '--json'),
    ).toBe(0);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(json).toMatchObject({
      ruleId: 'art11.interest-subsidy',
      article: 'art. 11',
      applies: true,
      amounts: [{ payer: 'district', payee: 'household', amount: '364.17', amount_fen: 36417 }],
      failed: [],
    });
    expect(json.trace).not.toBeNull();
  });

  it('accepts parameter overrides', async () => {
    const input = file('late.yaml', EXAMPLE1.replace('paidOn: 2017-09-20', 'paidOn: 2017-09-30'));
    await jinfu(
      'policy',
      'eval',
      '--rule',
      'art11.interest-subsidy',
      '--input',
      input,
      '--json',
      '--no-trace',
    );
    expect(JSON.parse(out)).toMatchObject({ applies: false, trace: null });
    out = '';
    await jinfu(
      'policy',
      'eval',
      '--rule',
      'art11.interest-subsidy',
      '--input',
      input,
      '--json',
      '--param',
      'art11.interest-subsidy.late-payment-subsidised=true',
    );
    expect(JSON.parse(out)).toMatchObject({ applies: true, amounts: [{ amount: '364.17' }] });
  });

  it.each([
    ['an unknown rule', ['--rule', 'art99.nothing'], EXAMPLE1, 'rule'],
    [
      'a wrong type',
      [],
      EXAMPLE1.replace("principal: '30000.00'", 'principal: 30000'),
      'loan.principal',
    ],
    ['negative money', [], EXAMPLE1.replace("'30000.00'", "'-30000.00'"), 'loan.principal'],
    [
      'a date out of range',
      [],
      EXAMPLE1.replace('contractDate: 2017-04-12', 'contractDate: 2217-04-12'),
      'loan.contractDate',
    ],
    ['a malformed file', [], 'loan: { principal: [\n', 'input'],
  ])(
    'refuses %s with exit 2 and a bilingual error naming the field',
    async (_what, extra, text, field) => {
      const input = file('in.yaml', text);
      const code = await jinfu(
        'policy',
        'eval',
        '--rule',
        'art11.interest-subsidy',
        ...extra,
        '--input',
        input,
        '--json',
      );
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(`错误 [${field}]：`);
      expect(err).toContain(`Error [${field}]: `);
    },
  );

  it('exits 2 on a usage error', async () => {
    expect(await jinfu('policy', 'eval', '--input', 'x.yaml')).toBe(2);
  });
});

describe('jinfu policy rules, explain, params', () => {
  it('lists every rule with its article and input schema', async () => {
    expect(await jinfu('policy', 'rules', '--json')).toBe(0);
    const rules = JSON.parse(out) as {
      id: string;
      article: string;
      inputSchema: { type: string };
    }[];
    expect(rules.map((r) => r.id)).toContain('art31.risk-compensation');
    for (const r of rules) expect(r.inputSchema.type).toBe('object');
  });

  it('explains in Chinese and English, quoting the article', async () => {
    const f = file(
      'explain.yaml',
      `rule: art11.interest-subsidy\ninput:\n${EXAMPLE1.replace(/^/gm, '  ')}`,
    );
    expect(await jinfu('policy', 'explain', f)).toBe(0);
    expect(out).toContain('由区财政按不高于同期基准利率给予贴息');
    expect(out).toContain('计算过程 Working');
    expect(out).toContain('364.17 元（叁佰陆拾肆元壹角柒分）');
  });

  it('lists the parameters in force on a date', async () => {
    expect(await jinfu('policy', 'params', '--at', '2017-06-30', '--json')).toBe(0);
    const json = JSON.parse(out) as { at: string; parameters: { id: string; value: string }[] };
    expect(json.at).toBe('2017-06-30');
    expect(json.parameters.find((p) => p.id === 'art11.micro-credit.max-amount')?.value).toBe(
      '50000.00',
    );
  });

  it('refuses an invalid --at date', async () => {
    expect(await jinfu('policy', 'params', '--at', '2017-13-01')).toBe(2);
    expect(err).toContain('[--at]');
  });
});
