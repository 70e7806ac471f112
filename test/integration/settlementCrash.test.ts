import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/demo/seedDemo.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { dump, type Table } from './helpers.ts';

/**
 * Issue 5 §6: a run killed in the middle leaves no partial draft and no ledger entry,
 * and the next run starts clean. The run is made slow on purpose (one loan per batch)
 * and the process is killed with SIGKILL as soon as it reports its first stored lines.
 */

const root = new URL('../..', import.meta.url).pathname;
const SETTLEMENT: readonly Table[] = [
  'settlement_runs',
  'settlement_periods',
  'settlement_lines',
  'settlement_claims',
  'ledger_entries',
  'ledger_lines',
  'audit_log',
];

describeEachDialect('a settlement run killed half way', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'jinfu-crash-'));
  let t: TestApp;
  const args = ['bin/jinfu.mjs', 'settle', 'prepare', '--period', '2018', '--as', 'jrzx'];

  beforeAll(async () => {
    t = await openTestApp(dialect, undefined, dialect === 'sqlite' ? dir : undefined);
    await seedDemo(t.app, { households: 20_000, villages: 52, operators: 0 });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves nothing behind, and the next run completes', { timeout: 180_000 }, async () => {
    const before = await dump(t.app, SETTLEMENT);
    const killed = await new Promise<{ signal: NodeJS.Signals | null; progress: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [...args, '--chunk-size', '1'], {
          cwd: root,
          env: { ...process.env, ...t.env },
        });
        let progress = '';
        child.stderr.on('data', (chunk: Buffer) => {
          progress += chunk.toString();
          if (/lines \d+/.test(progress)) child.kill('SIGKILL');
        });
        child.on('error', reject);
        child.on('exit', (_code, signal) => resolve({ signal, progress }));
      },
    );
    // It was stopped in the middle of its work, not after it.
    expect(killed.signal, killed.progress).toBe('SIGKILL');
    expect(killed.progress).toMatch(/lines \d+/);
    expect(await dump(t.app, SETTLEMENT)).toEqual(before);

    const done = spawnSync(process.execPath, [...args, '--json'], {
      cwd: root,
      env: { ...process.env, ...t.env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(done.status, done.stderr).toBe(0);
    const run = JSON.parse(done.stdout) as { id: string; status: string; lineCount: number };
    expect(run.status).toBe('draft');
    expect(run.lineCount).toBeGreaterThan(0);
    const runs = await t.app.store.db.selectFrom('settlement_runs').selectAll().execute();
    expect(runs.map((r) => [r.id, r.previous_run_id])).toEqual([[run.id, null]]);
  });
});
