import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `jinfu loan schedule`, end to end through bin/jinfu.mjs. The expected figures are
// the hand-worked ones of test/core/schedule.test.ts (working shown there), in fen.

const root = join(import.meta.dirname, '../..');

function jinfu(...args: string[]) {
  return spawnSync(process.execPath, ['bin/jinfu.mjs', 'loan', 'schedule', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

interface Json {
  terms: Record<string, unknown>;
  instalment?: number;
  maturityDate: string;
  rows: {
    n: number;
    periodStart: string;
    dueDate: string;
    principal: number;
    interest: number;
    total: number;
    balance: number;
  }[];
  totals: { principal: number; interest: number; total: number };
}

function json(...args: string[]): Json {
  const run = jinfu(...args, '--json');
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Json;
}

describe('jinfu loan schedule', () => {
  it('EXAMPLES.md 12 as JSON: 50,000 / 36 months / 4.75 % → 1,492.94, last row 1,492.92', () => {
    const out = json(
      '--principal',
      '50000',
      '--annual-rate',
      '4.75',
      '--months',
      '36',
      '--method',
      'equal-instalment',
      '--start',
      '2017-04-12',
    );
    expect(out.terms).toEqual({
      principal: 5_000_000,
      annualRate: '4.75',
      months: 36,
      method: 'equal-instalment',
      start: '2017-04-12',
      interestPeriod: 'monthly',
      dayCount: 'actual/360',
      rounding: 'half-up-fen',
    });
    expect(out.instalment).toBe(149_294);
    expect(out.rows).toHaveLength(36);
    expect(out.rows[0]).toEqual({
      n: 1,
      periodStart: '2017-04-12',
      dueDate: '2017-05-12',
      principal: 129_502,
      interest: 19_792,
      total: 149_294,
      balance: 4_870_498,
    });
    expect(out.rows[35]).toEqual({
      n: 36,
      periodStart: '2020-03-12',
      dueDate: '2020-04-12',
      principal: 148_703,
      interest: 589,
      total: 149_292,
      balance: 0,
    });
    expect(out.totals).toEqual({ principal: 5_000_000, interest: 374_582, total: 5_374_582 });
  });

  it('1,000,000 / 360 months / 4.9 % → 5,307.27, first row 4,083.33 + 1,223.94', () => {
    const out = json(
      ...['--principal', '1000000', '--annual-rate', '4.9', '--months', '360'],
      ...['--method', 'equal-instalment', '--start', '2017-01-15'],
    );
    expect(out.instalment).toBe(530_727);
    expect(out.rows[0]).toMatchObject({ principal: 122_394, interest: 408_333, total: 530_727 });
    expect(out.rows[359]).toMatchObject({ principal: 528_362, interest: 2_157, balance: 0 });
    expect(out.totals.interest).toBe(91_061_512);
  });

  it('interest-only quarterly across a leap February, actual/360', () => {
    const out = json(
      ...['--principal', '30000', '--annual-rate', '4.75%', '--months', '12'],
      ...['--method', 'interest-only', '--interest-period', 'quarterly'],
      ...['--start', '2016-01-31', '--day-count', 'actual/360'],
    );
    // 90, 92, 92, 92 days: 356.25, 364.17 × 3
    expect(out.rows.map((r) => [r.dueDate, r.principal, r.interest])).toEqual([
      ['2016-04-30', 0, 35_625],
      ['2016-07-31', 0, 36_417],
      ['2016-10-31', 0, 36_417],
      ['2017-01-31', 3_000_000, 36_417],
    ]);
    expect(out.totals.interest).toBe(144_876);
  });

  it('--grace-months: interest only, then equal instalments (test/core/scheduleGrace.test.ts)', () => {
    const out = json(
      ...['--principal', '12000', '--annual-rate', '6', '--months', '6'],
      ...['--method', 'equal-instalment', '--start', '2016-01-31', '--grace-months', '2'],
    );
    expect(out.terms).toMatchObject({ graceMonths: 2, interestPeriod: 'monthly' });
    // 29 and 31 days × 720 / 360; then A = 3,037.59 over 4 months at 0.5 %
    expect(out.rows.map((r) => [r.dueDate, r.principal, r.interest, r.balance])).toEqual([
      ['2016-02-29', 0, 5_800, 1_200_000],
      ['2016-03-31', 0, 6_200, 1_200_000],
      ['2016-04-30', 297_759, 6_000, 902_241],
      ['2016-05-31', 299_248, 4_511, 602_993],
      ['2016-06-30', 300_744, 3_015, 302_249],
      ['2016-07-31', 302_249, 1_511, 0],
    ]);
    expect(out.instalment).toBe(303_759);
    expect(out.totals.interest).toBe(27_037);
  });

  it('--grace-months is refused on a bullet loan and when it leaves no repayment month', () => {
    const base = ['--principal', '12000', '--annual-rate', '6', '--start', '2016-01-31'];
    for (const bad of [
      [...base, '--months', '6', '--method', 'bullet', '--grace-months', '2'],
      [...base, '--months', '6', '--method', 'equal-principal', '--grace-months', '6'],
      [...base, '--months', '6', '--method', 'equal-principal', '--grace-months', '-1'],
    ]) {
      const run = jinfu(...bad, '--json');
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('错误 [--grace-months]：');
      expect(run.stderr).toContain('Error [--grace-months]: ');
    }
  });

  it('prints a readable bilingual table in yuan', () => {
    const run = jinfu(
      ...['--principal', '120000', '--annual-rate', '6', '--months', '12'],
      ...['--method', 'equal-principal', '--start', '2017-01-15'],
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('等额本金 equal-principal');
    expect(run.stdout).toMatch(/本金 Principal.*利息 Interest.*剩余本金 Balance/);
    expect(run.stdout).toMatch(
      /1 +2017-01-15 +2017-02-15 +10,000\.00 +600\.00 +10,600\.00 +110,000\.00/,
    );
    expect(run.stdout).toMatch(/合计 Total +120,000\.00 +3,900\.00 +123,900\.00/);
  });

  it.each([
    ['--annual-rate', ['--annual-rate', '0'], '年利率必须大于 0% 且小于 100%'],
    ['--annual-rate', ['--annual-rate', '100'], 'less than 100%'],
    ['--principal', ['--principal', '-5'], '贷款本金必须大于 0 元'],
    ['--months', ['--months', '601'], '1 到 600'],
    ['--method', ['--method', 'balloon'], 'equal-instalment'],
    ['--start', ['--start', '2017-02-30'], '日期无效'],
  ])('refuses a bad %s (bilingual, exit 2, nothing on stdout)', (option, bad, text) => {
    const good: Record<string, string> = {
      '--principal': '50000',
      '--annual-rate': '4.75',
      '--months': '36',
      '--method': 'equal-instalment',
      '--start': '2017-04-12',
    };
    good[bad[0]!] = bad[1]!;
    const run = jinfu(...Object.entries(good).flat(), '--json');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`错误 [${option}]：`);
    expect(run.stderr).toContain(`Error [${option}]: `);
    expect(run.stderr).toContain(text);
  });

  it('names a missing option', () => {
    const run = jinfu('--annual-rate', '4.75', '--months', '36', '--method', 'bullet');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('错误 [--principal]：必须填写此项');
    expect(run.stderr).toContain('Error [--principal]: This field is required');
  });
});
