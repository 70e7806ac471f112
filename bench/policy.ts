/**
 * `npm run bench:policy [-- --size N]`: evaluates the art. 11 interest subsidy on N
 * synthetic loan-quarters (default 1,000,000), first with traces off, then on, and
 * prints evaluations per second and the cost ratio of tracing. The target is
 * ≥ 500,000 evaluations/s with traces off.
 *
 * The loans are generated deterministically (a fixed-seed LCG), in chunks of 1,000
 * built outside the timed region: what is measured is the rule, not the generator
 * or the input parsing (inputs are built typed, the way a batch job hands rule inputs
 * over after validating them once at import).
 *
 * Timing: both wall-clock and CPU time are printed, because on a shared machine the
 * wall clock also counts the time other processes held the CPU.
 *
 * What keeps the traces-off path fast (see src/core/rules/art11.interest-subsidy.ts):
 * parameters are read as one memoised bundle per version interval, reference rates
 * and date steps are memoised, the named figures are computed only when read, and no
 * closure is created per evaluation — tsx compiles with esbuild's keepNames, which
 * wraps every named closure in a defineProperty call.
 */
import { performance } from 'node:perf_hooks';
import { policyData, ruleContext } from '../src/app/policy/evaluate.ts';
import { fromDayNumber, toDayNumber, type IsoDate } from '../src/core/calendarDate.ts';
import type { Fen } from '../src/core/money.ts';
import { RATE_UNITS_PER_PERCENT, type Rate } from '../src/core/rate.ts';
import {
  art11InterestSubsidy,
  type Art11InterestSubsidyInput,
} from '../src/core/rules/art11.interest-subsidy.ts';

function sizeArg(argv: readonly string[]): number {
  const i = argv.indexOf('--size');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--size='))?.slice(7);
  if (raw === undefined) return 1_000_000;
  const n = Number(raw.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isSafeInteger(n) || n <= 0) {
    process.stderr.write(
      `错误：--size 须为正整数 / Error: --size must be a positive integer, got "${raw}"\n`,
    );
    process.exit(2);
  }
  return n;
}

/** Deterministic 32-bit LCG (Numerical Recipes constants). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

const CHUNK = 1_000;

/**
 * The calendar of the synthetic district, built once: every day from 2016-01-01 and
 * the quarterly settlement days (按季结息: the 20th of March, June, September and
 * December). Inputs take their dates from it, as a batch read from the register
 * would share them.
 */
const FIRST_DAY = toDayNumber('2016-01-01' as IsoDate);
const DAYS: IsoDate[] = Array.from({ length: 4 * 366 + 400 * 3 }, (_, i) =>
  fromDayNumber(FIRST_DAY + i),
);
const SETTLEMENT_DAYS: IsoDate[] = DAYS.filter(
  (d) => d.endsWith('-20') && ['03', '06', '09', '12'].includes(d.slice(5, 7)),
);

function generate(next: () => number, count: number): Art11InterestSubsidyInput[] {
  const out: Art11InterestSubsidyInput[] = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    // Contract dates across 2016–2018, terms 12–36 months, 5,000–50,000 yuan,
    // contract rates 4.35–6.35 % (half of the loans above the benchmark), interest
    // settled quarterly by days; about 1 in 32 periods paid late.
    const c = r % 1096;
    const contractDate = DAYS[c] as IsoDate;
    const termMonths = 12 + ((r >>> 10) % 25);
    const principal = (500_000 + ((r >>> 3) % 4_500_001)) as Fen;
    const contractRate = ((435 + ((r >>> 7) % 201)) * (RATE_UNITS_PER_PERCENT / 100)) as Rate;
    // A settlement day inside the term (the maturity is at least 12 months on).
    const firstSettlement = SETTLEMENT_DAYS.findIndex((d) => d >= contractDate);
    const k = firstSettlement + ((r >>> 12) % Math.floor(termMonths / 3));
    const to = SETTLEMENT_DAYS[k] as IsoDate;
    const previous = SETTLEMENT_DAYS[k - 1];
    const from =
      previous === undefined || previous < contractDate
        ? contractDate
        : (DAYS[toDayNumber(previous) + 1 - FIRST_DAY] as IsoDate);
    const late = (r & 0x1f) === 0;
    out.push({
      loan: { principal, contractDate, termMonths, contractRate },
      period: { from, to },
      dueDate: to,
      paidOn: late ? (DAYS[toDayNumber(to) + 10 - FIRST_DAY] as IsoDate) : to,
    });
  }
  return out;
}

interface Timing {
  /** Wall-clock seconds spent evaluating. */
  readonly seconds: number;
  /** CPU seconds (user + system) of this process spent evaluating. */
  readonly cpu: number;
  /** Sum of all subsidies, so the work cannot be optimised away and runs can be compared. */
  readonly total: number;
}

function run(size: number, trace: boolean): Timing {
  const data = policyData();
  const ctx = ruleContext(data, { trace });
  const next = lcg(20170053);
  let seconds = 0;
  let cpu = 0;
  let total = 0;
  for (let done = 0; done < size; done += CHUNK) {
    const chunk = generate(next, Math.min(CHUNK, size - done));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const input of chunk) {
      const result = art11InterestSubsidy.evaluate(input, ctx);
      total += result.amounts.length === 0 ? 0 : (result.amounts[0]?.amount ?? 0);
    }
    seconds += (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1e6;
  }
  return { seconds, cpu, total };
}

const size = sizeArg(process.argv.slice(2));
// Warm-up so that both runs measure optimised code.
run(Math.min(size, 50_000), false);
run(Math.min(size, 50_000), true);

const off = run(size, false);
const on = run(size, true);
if (off.total !== on.total) {
  process.stderr.write('错误：开启追踪后结果不同 / Error: results differ with tracing on\n');
  process.exit(1);
}
const perSecond = (seconds: number): string => Math.round(size / seconds).toLocaleString('en-US');
// On a shared machine the wall clock also counts time other processes had the CPU;
// CPU time counts only this process, so both are printed.
process.stdout.write(
  [
    `art. 11 interest subsidy, ${size.toLocaleString('en-US')} loan-quarters (node ${process.version})`,
    `traces off: ${perSecond(off.seconds)} evaluations/s wall (${off.seconds.toFixed(2)} s), ${perSecond(off.cpu)} per CPU-second`,
    `traces on:  ${perSecond(on.seconds)} evaluations/s wall (${on.seconds.toFixed(2)} s), ${perSecond(on.cpu)} per CPU-second`,
    `ratio traces on/off: ${(on.seconds / off.seconds).toFixed(2)}× wall time, ${(on.cpu / off.cpu).toFixed(2)}× CPU time`,
    `total subsidy: ${(off.total / 100).toFixed(2)} yuan`,
    '',
  ].join('\n'),
);
