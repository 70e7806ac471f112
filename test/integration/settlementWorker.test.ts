import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { listRunLines, type LineOut } from '../../src/app/settlement/runQueries.ts';
import { execute } from '../../src/app/useCase.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, refusedUnchanged, type Table } from './helpers.ts';
import { emptyDistrict, microLoan, quarterlyProduct, type LoanSpec } from './settlementSetup.ts';

/**
 * A run over a large portfolio reads and prices in a worker thread on a connection of
 * its own while this thread writes the lines (runLines). Here it is forced on a handful
 * of loans whose 2016-Q2 art. 11 subsidies are worked out by hand (the same terms as
 * settlement.test.ts; benchmark 4.75 %, actual/360, half-up to the fen):
 *
 * A1–A5: 30,000 at 4.75 %, contract 2016-01-10, 91 days to the Sunday due date
 *        2016-04-10, paid Monday 04-11 (on time): 30,000 × 4.75 % × 91 / 360 = 360.2083
 *        → 360.21 each, 1,801.05 for the five.
 * B:     20,000 at 5.75 %, contract 2016-02-15, 90 days, paid on time; subsidised at the
 *        benchmark: 20,000 × 4.75 % × 90 / 360 = 237.50.
 * C:     10,000 at 4.75 %, contract 2016-01-20, due Wednesday 04-20, paid Friday 04-22:
 *        late, a line of 0 that says why.
 * The quarter owes 1,801.05 + 237.50 = 2,038.55 over seven lines. One loan per chunk
 * makes more batches than the worker may post ahead of the writer.
 */

const STATE: readonly Table[] = ['settlement_runs', 'settlement_lines', 'settlement_periods'];

const dir = mkdtempSync(join(tmpdir(), 'jinfu-settlement-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = { amount: '30000', annualRate: '4.75', contractDate: '2016-01-10' };
const SPECS: readonly Omit<LoanSpec, 'termMonths'>[] = [
  ...[1, 2, 3, 4, 5].map((i) => ({
    seq: 910 + i,
    ...A,
    payments: [['2016-04-11', '360.21']] as const,
  })),
  {
    seq: 920,
    amount: '20000',
    annualRate: '5.75',
    contractDate: '2016-02-15',
    payments: [['2016-05-16', '287.50']] as const,
  },
  {
    seq: 930,
    amount: '10000',
    annualRate: '4.75',
    contractDate: '2016-01-20',
    payments: [['2016-04-22', '120.07']] as const,
  },
];

/** Everything a line says but the run it belongs to. */
const gist = ({ runId: _run, ...line }: LineOut) => line;

describeEachDialect('a settlement run priced in a worker thread', (dialect) => {
  const clock = new Clock('2017-06-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;

  beforeAll(async () => {
    // A SQLite file: a worker's connection cannot see an in-memory database.
    t = await openTestApp(dialect, clock.now, dialect === 'sqlite' ? dir : undefined);
    a = await emptyDistrict(t.app);
    const p = await quarterlyProduct(t.app, a.admin!);
    for (const spec of SPECS) await microLoan(t.app, a, p.id, { ...spec, termMonths: 36 });
  }, 120_000);
  afterAll(() => t?.close());

  const linesOf = async (id: string) =>
    (await execute(t.app, a.jrzx!, listRunLines, { id, pageSize: 200 })).items.map(gist);

  it('prices the hand-worked quarter as this thread does, line for line', async () => {
    const run = { period: '2016-Q2', chunkSize: 1 };
    const inWorker = await execute(t.app, a.jrzx!, prepareRun, { ...run, inWorker: true });
    expect(inWorker).toMatchObject({ lineCount: 7, total: '2038.55' });
    const worked = await linesOf(inWorker.id);
    expect(worked.filter((l) => l.amount === '360.21')).toHaveLength(5);
    expect(worked.find((l) => l.amount === '237.50')?.payeeName).toBe('贷款测试920');
    expect(worked.find((l) => l.amount === '0.00')?.excludedReason).toContain('未按时支付');

    const inThread = await execute(t.app, a.jrzx!, prepareRun, { ...run, inWorker: false });
    expect(inThread).toMatchObject({ lineCount: 7, total: '2038.55' });
    expect(await linesOf(inThread.id)).toEqual(worked);

    // The thread is kept between runs: the next run takes it up where it waited.
    const again = await execute(t.app, a.jrzx!, prepareRun, { ...run, inWorker: true });
    expect(again).toMatchObject({ lineCount: 7, total: '2038.55' });
    expect(await linesOf(again.id)).toEqual(worked);
  });
});

describe('a worker thread and an in-memory SQLite database', () => {
  let t: TestApp;
  let a: Record<string, Actor>;
  beforeAll(async () => {
    t = await openTestApp('sqlite', new Clock('2017-06-01T01:00:00.000Z').now);
    a = await emptyDistrict(t.app);
  }, 120_000);
  afterAll(() => t?.close());

  it('is refused, naming the field; nothing changes', async () => {
    const err = await refusedUnchanged(t.app, STATE, () =>
      execute(t.app, a.jrzx!, prepareRun, { period: '2016-Q2', inWorker: true }),
    );
    expect(err).toMatchObject({ code: 'invalid_input', field: 'inWorker' });
  });
});
