import type { IsoDate } from '../../calendarDate.ts';
import { DomainError } from '../../errors.ts';
import { fenToYuanString, type Fen } from '../../money.ts';
import {
  formatLookup,
  paramBoolean,
  paramDate,
  paramEnum,
  paramFen,
  paramInteger,
  paramRate,
  paramValue,
  type ParameterLookup,
  type ParameterSnapshot,
} from '../../policy/parameterSet.ts';
import type { ParameterValue } from '../../policy/parameter.ts';
import { rateToString, type Rate } from '../../rate.ts';
import {
  referenceRate,
  type BenchmarkBasis,
  type RateLookup,
  type RateTrace,
  type ReferenceRateKind,
} from '../../rateTable.ts';
import { ROUNDING_MODES, type RoundingMode } from '../../rounding.ts';
import type { ParameterUse, RuleContext, RuleRates, TraceStep } from '../rule.ts';

type Reader<T extends ParameterValue> = (
  s: ParameterSnapshot,
  id: string,
  on: IsoDate,
) => ParameterLookup<T>;

interface CachedLookup {
  /** The version's validity: [from, until). */
  readonly from: IsoDate;
  readonly until: IsoDate | undefined;
  readonly lookup: ParameterLookup;
}

/**
 * Parameter lookups, memoised per snapshot, reader and id together with the interval
 * in which the version found stays in force. Snapshots are immutable (a change makes
 * a new snapshot), so a cached version is valid for every date of its interval; a
 * bulk run over a million loans then reads each parameter once, not a million times.
 */
interface SnapshotCaches {
  readonly parameters: Map<Reader<ParameterValue>, Map<string, CachedLookup>>;
  readonly bundles: Map<object, CachedBundle>;
}
const snapshotCaches = new WeakMap<ParameterSnapshot, SnapshotCaches>();
// The snapshot of the last evaluation: a bulk run uses one, so a pointer comparison
// usually replaces the WeakMap lookup.
let lastSnapshot: ParameterSnapshot | undefined;
let lastCaches: SnapshotCaches | undefined;

function cachesOf(snapshot: ParameterSnapshot): SnapshotCaches {
  if (snapshot === lastSnapshot && lastCaches !== undefined) return lastCaches;
  let caches = snapshotCaches.get(snapshot);
  if (caches === undefined) {
    caches = { parameters: new Map(), bundles: new Map() };
    snapshotCaches.set(snapshot, caches);
  }
  lastSnapshot = snapshot;
  lastCaches = caches;
  return caches;
}

function cachedParameter<T extends ParameterValue>(
  snapshot: ParameterSnapshot,
  byReader: Map<Reader<ParameterValue>, Map<string, CachedLookup>>,
  reader: Reader<T>,
  id: string,
  on: IsoDate,
): CachedLookup {
  let byId = byReader.get(reader);
  if (byId === undefined) {
    byId = new Map();
    byReader.set(reader, byId);
  }
  const hit = byId.get(id);
  if (hit !== undefined && on >= hit.from && (hit.until === undefined || on < hit.until))
    return hit;
  const lookup = reader(snapshot, id, on);
  const next = snapshot.parameters.get(id)?.versions.find((v) => v.from > lookup.from);
  const entry: CachedLookup = { from: lookup.from, until: next?.from, lookup };
  byId.set(id, entry);
  return entry;
}

interface Window {
  from: IsoDate;
  until: IsoDate | undefined;
}

interface CachedBundle {
  readonly from: IsoDate;
  readonly until: IsoDate | undefined;
  readonly value: unknown;
}

/**
 * What one evaluation reads (parameters, reference rates) and, only when tracing, what
 * it records. With tracing off the recorders are undefined and every `?.push` is a
 * no-op, so a bulk run pays for nothing but the lookups themselves.
 */
export class Reads {
  readonly params: ParameterSnapshot;
  readonly rates: RuleRates;
  readonly parameterUses: ParameterLookup[] | undefined;
  readonly rateUses: RateTrace[] | undefined;
  readonly steps: TraceStep[] | undefined;
  /**
   * The input field the parameter date comes from: a date for which a parameter has
   * no value in force is a problem of that input, and the error names it.
   */
  private readonly dateField: string;
  private readonly caches: SnapshotCaches;
  /** While a bundle loads: the dates for which every parameter read so far is unchanged. */
  private window: Window | undefined;

  constructor(ctx: RuleContext, dateField: string) {
    this.dateField = dateField;
    this.caches = cachesOf(ctx.params);
    this.params = ctx.params;
    this.rates = ctx.rates;
    this.parameterUses = ctx.trace ? [] : undefined;
    this.rateUses = ctx.trace ? [] : undefined;
    this.steps = ctx.trace ? [] : undefined;
  }

  get tracing(): boolean {
    return this.steps !== undefined;
  }

  /**
   * One parameter read: memoised, recorded when tracing (with the date it was read
   * for), and a "not in force" error renamed to the input date field.
   */
  private read<T extends ParameterValue>(
    reader: Reader<T>,
    id: string,
    on: IsoDate,
  ): ParameterLookup<T> {
    let entry: CachedLookup;
    try {
      entry = cachedParameter(this.params, this.caches.parameters, reader, id, on);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'PARAMETER_NOT_IN_FORCE')
        throw e.withField(this.dateField);
      throw e;
    }
    const l = entry.lookup as ParameterLookup<T>;
    const w = this.window;
    if (w !== undefined) {
      if (entry.from > w.from) w.from = entry.from;
      if (entry.until !== undefined && (w.until === undefined || entry.until < w.until))
        w.until = entry.until;
    }
    if (this.parameterUses !== undefined) this.parameterUses.push(l.on === on ? l : { ...l, on });
    return l;
  }

  /**
   * Reads a rule's whole set of parameters for `on` at once and remembers it for every
   * date on which none of them changes version, so that a bulk run pays one date
   * comparison instead of one lookup per parameter. `load` (a module-level function,
   * so that no closure is made per evaluation) must read parameters for `on` only. When tracing, always loads afresh, so each use is recorded.
   */
  bundle<T>(key: object, on: IsoDate, load: (reads: Reads, on: IsoDate) => T): T {
    if (this.parameterUses !== undefined) return load(this, on);
    const cache = this.caches.bundles;
    const hit = cache.get(key);
    if (hit !== undefined && on >= hit.from && (hit.until === undefined || on < hit.until)) {
      return hit.value as T;
    }
    const window: Window = { from: '0001-01-01' as IsoDate, until: undefined };
    this.window = window;
    let value: T;
    try {
      value = load(this, on);
    } finally {
      this.window = undefined;
    }
    cache.set(key, { from: window.from, until: window.until, value });
    return value;
  }

  rate(id: string, on: IsoDate): Rate {
    return this.read(paramRate, id, on).value;
  }

  fen(id: string, on: IsoDate): Fen {
    return this.read(paramFen, id, on).value;
  }

  integer(id: string, on: IsoDate): number {
    return this.read(paramInteger, id, on).value;
  }

  boolean(id: string, on: IsoDate): boolean {
    return this.read(paramBoolean, id, on).value;
  }

  date(id: string, on: IsoDate): IsoDate {
    return this.read(paramDate, id, on).value;
  }

  /** An enum parameter, checked against the choices this rule understands. */
  choice<T extends string>(id: string, on: IsoDate, choices: readonly T[]): T {
    const value = this.read(paramEnumAny, id, on).value;
    if (!(choices as readonly string[]).includes(value)) {
      // The typed reader names the unsupported value in both languages.
      return paramEnum(this.params, id, on, choices).value;
    }
    return value as T;
  }

  /** conventions.subsidy-rounding: how every subsidy is rounded to the fen. */
  rounding(on: IsoDate): RoundingMode {
    return this.choice('conventions.subsidy-rounding', on, ROUNDING_MODES);
  }

  /** Records a line of working; `make` runs only when tracing. */
  step(make: () => TraceStep): void {
    if (this.steps !== undefined) this.steps.push(make());
  }

  parameterTrace(): ParameterUse[] {
    return (this.parameterUses ?? []).map((l) => ({
      id: l.id,
      version: l.version,
      from: l.from,
      value: formatLookup(l),
      on: l.on,
    }));
  }
}

/** An enum read without narrowing (narrowed by Reads.choice, per rule). */
function paramEnumAny(s: ParameterSnapshot, id: string, on: IsoDate): ParameterLookup<string> {
  const l = paramValue(s, id, on);
  if (l.unit !== 'enum') return paramEnum(s, id, on, []);
  return l as ParameterLookup<string>;
}

export interface ReferenceQuery {
  readonly termMonths: number;
  readonly contractDate: IsoDate;
  /** The day the rate is needed for (used with the 'accrual-date' basis). */
  readonly accrualDate: IsoDate;
  /** Input field that holds the contract date, for error messages ('loan.contractDate'). */
  readonly contractField: string;
  readonly accrualField: string;
  /** Parameter date. */
  readonly on: IsoDate;
}

/** Renames the generic field of a rate-table error to the rule's input field. */
function renameField(e: unknown, from: string, to: string): unknown {
  return e instanceof DomainError && e.field === from ? e.withField(to) : e;
}

/**
 * The "同期基准利率" for a loan: the benchmark tier of its contract term, on the
 * contract date or the accrual date (`basis`), or the LPR for pricing dates on or
 * after conventions.lpr-switch-date when `kind` is 'lpr'. Errors name the rule's
 * input field that held the offending date.
 */
export function referenceAt(
  reads: Reads,
  q: ReferenceQuery,
  basis: BenchmarkBasis,
  kind: ReferenceRateKind,
  accrualDate: IsoDate,
): RateLookup {
  const lprSwitchDate =
    kind === 'lpr' ? reads.date('conventions.lpr-switch-date', q.on) : undefined;
  const pricingDate = basis === 'contract-date' ? q.contractDate : accrualDate;
  const byDate = referenceCache(reads.rates, kind, q.termMonths, lprSwitchDate);
  let lookup = byDate.get(pricingDate);
  if (lookup === undefined) {
    try {
      lookup = referenceRate({
        benchmarkTable: reads.rates.benchmark,
        lprTable: reads.rates.lpr,
        termMonths: q.termMonths,
        contractDate: pricingDate,
        accrualDate: pricingDate,
        basis: 'contract-date',
        after20190820: kind,
        ...(lprSwitchDate === undefined ? {} : { lprSwitchDate }),
      });
    } catch (e) {
      throw renameField(
        e,
        'contractDate',
        basis === 'contract-date' ? q.contractField : q.accrualField,
      );
    }
    if (byDate.size >= REFERENCE_CACHE_LIMIT) byDate.clear();
    byDate.set(pricingDate, lookup);
  }
  reads.rateUses?.push(lookup.trace);
  return lookup;
}

/**
 * Reference-rate lookups, memoised per pair of (immutable) rate tables: a lookup
 * depends only on the reference kind, the term, the pricing date and the LPR switch
 * date, and a batch of loans shares few of those. Bounded so that a run over
 * arbitrary dates cannot grow it without limit.
 */
const REFERENCE_CACHE_LIMIT = 100_000;
type DateCache = Map<IsoDate, RateLookup>;
interface TableCaches {
  /** Benchmark: term → pricing date → lookup. */
  readonly benchmark: Map<number, DateCache>;
  /** LPR: switch date → term → pricing date → lookup. */
  readonly lpr: Map<string, Map<number, DateCache>>;
}
const referenceCaches = new WeakMap<object, WeakMap<object, TableCaches>>();

function byTerm(map: Map<number, DateCache>, termMonths: number): DateCache {
  let byDate = map.get(termMonths);
  if (byDate === undefined) {
    byDate = new Map();
    map.set(termMonths, byDate);
  }
  return byDate;
}

// The tables of the last call: a bulk run uses one pair, so two pointer comparisons
// usually replace two WeakMap lookups.
let lastBenchmark: object | undefined;
let lastLpr: object | undefined;
let lastTableCaches: TableCaches | undefined;

function tableCaches(rates: RuleRates): TableCaches {
  if (rates.benchmark === lastBenchmark && rates.lpr === lastLpr && lastTableCaches !== undefined) {
    return lastTableCaches;
  }
  let byLpr = referenceCaches.get(rates.benchmark);
  if (byLpr === undefined) {
    byLpr = new WeakMap();
    referenceCaches.set(rates.benchmark, byLpr);
  }
  let caches = byLpr.get(rates.lpr);
  if (caches === undefined) {
    caches = { benchmark: new Map(), lpr: new Map() };
    byLpr.set(rates.lpr, caches);
  }
  lastBenchmark = rates.benchmark;
  lastLpr = rates.lpr;
  lastTableCaches = caches;
  return caches;
}

/**
 * The cache for one (tables, kind, term, LPR switch date): pricing date → lookup.
 * Keyed by the term rather than its tier, because the tiers are data.
 */
function referenceCache(
  rates: RuleRates,
  kind: ReferenceRateKind,
  termMonths: number,
  lprSwitchDate: IsoDate | undefined,
): DateCache {
  const caches = tableCaches(rates);
  if (kind === 'benchmark') return byTerm(caches.benchmark, termMonths);
  const sw = lprSwitchDate ?? '';
  let terms = caches.lpr.get(sw);
  if (terms === undefined) {
    terms = new Map();
    caches.lpr.set(sw, terms);
  }
  return byTerm(terms, termMonths);
}

/** Text helpers for traces (never called with tracing off). */
export const yuan = (f: Fen): string => fenToYuanString(f);
export const pct = (r: Rate): string => `${rateToString(r)}%`;
