import type { IsoDate } from '../calendarDate.ts';
import { DomainError } from '../errors.ts';
import type { Fen } from '../money.ts';
import type { Rate } from '../rate.ts';
import {
  formatParameterValue,
  parseParameterValue,
  type ParameterDefinition,
  type ParameterUnit,
  type ParameterValue,
  type ParameterVersion,
} from './parameter.ts';

/**
 * Every parameter with every version, as loaded from policy/parameters (or from the
 * store, once administrators edit them). Immutable: a change produces a new snapshot,
 * so a calculation always reads one consistent set.
 */
export interface ParameterSnapshot {
  readonly parameters: ReadonlyMap<string, ParameterDefinition>;
}

/** A value read for a date, with what a trace needs to name the version used. */
export interface ParameterLookup<T extends ParameterValue = ParameterValue> {
  readonly id: string;
  readonly unit: ParameterUnit;
  readonly value: T;
  /** Version number within the parameter (1 = first listed). */
  readonly version: number;
  /** First day the version is in force. */
  readonly from: IsoDate;
  readonly document: string;
  /** The date the parameter was read for. */
  readonly on: IsoDate;
}

export function buildParameterSnapshot(
  definitions: Iterable<ParameterDefinition>,
): ParameterSnapshot {
  const parameters = new Map<string, ParameterDefinition>();
  for (const def of definitions) {
    if (parameters.has(def.id)) {
      throw new DomainError({
        code: 'PARAMETER_DUPLICATE',
        message_zh: `参数“${def.id}”重复定义`,
        message_en: `Parameter "${def.id}" is defined twice`,
        field: def.id,
      });
    }
    parameters.set(def.id, def);
  }
  return { parameters };
}

export function getParameter(snapshot: ParameterSnapshot, id: string): ParameterDefinition {
  const def = snapshot.parameters.get(id);
  if (def === undefined) {
    throw new DomainError({
      code: 'PARAMETER_UNKNOWN',
      message_zh: `未知参数：“${id}”`,
      message_en: `Unknown parameter "${id}"`,
      field: id,
    });
  }
  return def;
}

function versionOn(def: ParameterDefinition, date: IsoDate): ParameterVersion {
  let found: ParameterVersion | undefined;
  for (const v of def.versions) {
    if (v.from <= date) found = v;
    else break;
  }
  if (found === undefined) {
    const first = def.versions[0]?.from ?? '';
    throw new DomainError({
      code: 'PARAMETER_NOT_IN_FORCE',
      message_zh: `参数“${def.id}”在 ${date} 尚无有效值（最早自 ${first} 起）`,
      message_en: `Parameter "${def.id}" has no value in force on ${date} (the first is from ${first})`,
      field: def.id,
    });
  }
  return found;
}

/** The version of parameter `id` in force on `date`. Unknown id → DomainError. */
export function paramValue(
  snapshot: ParameterSnapshot,
  id: string,
  date: IsoDate,
): ParameterLookup {
  const def = getParameter(snapshot, id);
  const v = versionOn(def, date);
  return {
    id,
    unit: def.unit,
    value: v.value,
    version: v.version,
    from: v.from,
    document: v.document,
    on: date,
  };
}

function expectUnit(lookup: ParameterLookup, units: readonly ParameterUnit[]): void {
  if (!units.includes(lookup.unit)) {
    throw new DomainError({
      code: 'PARAMETER_UNIT_MISMATCH',
      message_zh: `参数“${lookup.id}”的单位是“${lookup.unit}”，不是“${units.join('/')}”`,
      message_en: `Parameter "${lookup.id}" has unit "${lookup.unit}", not "${units.join('/')}"`,
      field: lookup.id,
    });
  }
}

/** A CNY parameter as Fen. */
export function paramFen(s: ParameterSnapshot, id: string, date: IsoDate): ParameterLookup<Fen> {
  const l = paramValue(s, id, date);
  expectUnit(l, ['CNY']);
  return l as ParameterLookup<Fen>;
}

/** A percent or percentage-points parameter as a Rate (percent). */
export function paramRate(s: ParameterSnapshot, id: string, date: IsoDate): ParameterLookup<Rate> {
  const l = paramValue(s, id, date);
  expectUnit(l, ['percent', 'percentage-points']);
  return l as ParameterLookup<Rate>;
}

/** A count, months or years parameter. */
export function paramInteger(
  s: ParameterSnapshot,
  id: string,
  date: IsoDate,
): ParameterLookup<number> {
  const l = paramValue(s, id, date);
  expectUnit(l, ['count', 'months', 'years']);
  return l as ParameterLookup<number>;
}

export function paramDate(
  s: ParameterSnapshot,
  id: string,
  date: IsoDate,
): ParameterLookup<IsoDate> {
  const l = paramValue(s, id, date);
  expectUnit(l, ['date']);
  return l as ParameterLookup<IsoDate>;
}

export function paramBoolean(
  s: ParameterSnapshot,
  id: string,
  date: IsoDate,
): ParameterLookup<boolean> {
  const l = paramValue(s, id, date);
  expectUnit(l, ['boolean']);
  return l as ParameterLookup<boolean>;
}

/** A ratio parameter as its canonical decimal string ('0.9'). */
export function paramRatio(
  s: ParameterSnapshot,
  id: string,
  date: IsoDate,
): ParameterLookup<string> {
  const l = paramValue(s, id, date);
  expectUnit(l, ['ratio']);
  return l as ParameterLookup<string>;
}

/**
 * An enum parameter, narrowed to `choices` (the values the calling rule understands);
 * a shipped choice the rule does not handle is an error rather than a silent default.
 */
export function paramEnum<T extends string>(
  s: ParameterSnapshot,
  id: string,
  date: IsoDate,
  choices: readonly T[],
): ParameterLookup<T> {
  const l = paramValue(s, id, date);
  expectUnit(l, ['enum']);
  if (!(choices as readonly string[]).includes(l.value as string)) {
    throw new DomainError({
      code: 'PARAMETER_CHOICE_UNSUPPORTED',
      message_zh: `参数“${id}”的取值“${String(l.value)}”不受支持（支持：${choices.join('、')}）`,
      message_en: `Parameter "${id}" has value "${String(l.value)}", which is not supported here (supported: ${choices.join(', ')})`,
      field: id,
    });
  }
  return l as ParameterLookup<T>;
}

/** The value as text (yuan, percent, …) for traces and screens. */
export function formatLookup(lookup: ParameterLookup): string {
  return formatParameterValue(lookup.unit, lookup.value);
}

/**
 * A snapshot where each overridden parameter has a single value, in force from
 * 0001-01-01, replacing all its versions (what-if runs and scenario `params`). Values
 * are written as in the parameter files ('50', true, 'accrual-date', 50000).
 */
export function overrideParameters(
  snapshot: ParameterSnapshot,
  overrides: Readonly<Record<string, unknown>>,
  document = 'override',
): ParameterSnapshot {
  const entries = Object.entries(overrides);
  if (entries.length === 0) return snapshot;
  const parameters = new Map(snapshot.parameters);
  for (const [id, raw] of entries) {
    const def = getParameter(snapshot, id);
    const value = parseParameterValue(def.unit, raw, def.choices, id);
    parameters.set(id, {
      ...def,
      versions: [{ version: 1, from: '0001-01-01' as IsoDate, value, document }],
    });
  }
  return { parameters };
}
