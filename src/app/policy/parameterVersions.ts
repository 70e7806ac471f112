import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  formatParameterValue,
  parseParameterValue,
  type ParameterDefinition,
  type ParameterUnit,
  type ParameterValue,
  type ParameterVersion,
} from '../../core/policy/parameter.ts';
import {
  buildParameterSnapshot,
  paramValue,
  type ParameterSnapshot,
} from '../../core/policy/parameterSet.ts';
import type { IsoDate } from '../../core/calendarDate.ts';
import { WULONG } from '../actor.ts';
import type { App } from '../app.ts';
import { appendAudit } from '../audit.ts';
import { systemActor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { isoDate } from '../register/fields.ts';
import { ROLES } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { loadParameterDefinitions, POLICY_TEXT_FILE } from './loadPolicyData.ts';

/**
 * Parameter versions at run time. The shipped YAML files seed the database; from then on
 * the database is the record: an authorised user adds a version with its effective date
 * and deciding document, old versions stay, and a snapshot can be rebuilt as it stood
 * at any instant, so a past computation is reproduced with the versions it used.
 */
export const POLICY_ROOT = fileURLToPath(new URL('../../../policy', import.meta.url));

let shipped: ParameterDefinition[] | undefined;
/** The shipped definitions (titles, units, quotes) — read once per process. */
export function shippedDefinitions(): ParameterDefinition[] {
  shipped ??= loadParameterDefinitions(
    join(POLICY_ROOT, 'parameters'),
    readFileSync(join(POLICY_ROOT, POLICY_TEXT_FILE), 'utf8'),
  );
  return shipped;
}

/** Values are stored as they are written in the parameter files. */
function toFileForm(unit: ParameterUnit, value: ParameterValue): unknown {
  if (unit === 'count' || unit === 'months' || unit === 'years' || unit === 'boolean') return value;
  return formatParameterValue(unit, value);
}

/** Inserts the shipped versions the database does not have yet. Idempotent. */
export async function syncShippedParameters(app: App, regionCode = WULONG): Promise<number> {
  const db = app.store.db;
  const existing = await db
    .selectFrom('parameter_versions')
    .select(['param_id', 'version'])
    .where('region_code', '=', regionCode)
    .execute();
  const have = new Set(existing.map((r) => `${r.param_id}#${r.version}`));
  const now = app.now().toISOString();
  const rows = shippedDefinitions().flatMap((def) =>
    def.versions
      .filter((v) => !have.has(`${def.id}#${v.version}`))
      .map((v) => ({
        region_code: regionCode,
        param_id: def.id,
        version: v.version,
        effective_from: v.from,
        value_json: JSON.stringify(toFileForm(def.unit, v.value)),
        document: v.document,
        created_by: 'policy-files',
        created_at: now,
      })),
  );
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('parameter_versions')
      .values(rows.slice(i, i + 200))
      .execute();
  }
  if (rows.length) {
    await appendAudit(db, systemActor(regionCode), app.now(), {
      action: 'policy.parameters.sync',
      entity: 'parameter',
      entityId: null,
      detail: { inserted: rows.length },
    });
  }
  return rows.length;
}

/**
 * The snapshot the engine evaluates against. `recordedAt` rebuilds it as it stood at
 * that instant (versions recorded later are left out).
 */
export async function loadParameterSnapshot(
  app: App,
  regionCode: string,
  recordedAt?: Date,
): Promise<ParameterSnapshot> {
  let q = app.store.db
    .selectFrom('parameter_versions')
    .selectAll()
    .where('region_code', '=', regionCode);
  if (recordedAt) q = q.where('created_at', '<=', recordedAt.toISOString());
  const rows = await q.orderBy('param_id').orderBy('effective_from').orderBy('version').execute();
  const byId = new Map<string, ParameterVersion[]>();
  const defs = new Map(shippedDefinitions().map((d) => [d.id, d]));
  for (const r of rows) {
    const def = defs.get(r.param_id);
    if (!def) continue; // a parameter no longer shipped is kept in history but not evaluated
    const list = byId.get(r.param_id) ?? [];
    list.push({
      version: r.version,
      from: r.effective_from as IsoDate,
      value: parseParameterValue(def.unit, JSON.parse(r.value_json), def.choices, r.param_id),
      document: r.document,
    });
    byId.set(r.param_id, list);
  }
  return buildParameterSnapshot(
    [...byId.entries()].map(([id, versions]) => ({ ...defs.get(id)!, versions })),
  );
}

const POLICY_EDITORS = ['district_admin', 'financial_office', 'finance_bureau'] as const;

export const listParameters = defineUseCase({
  name: 'policy.parameter.list',
  roles: ROLES,
  scope: 'district',
  writes: false,
  input: z
    .object({ at: isoDate.optional(), article: z.coerce.number().int().min(1).max(36).optional() })
    .strict(),
  async run({ app, actor, now }, input) {
    const snapshot = await loadParameterSnapshot(app, actor.regionCode);
    const at = (input.at ?? now.toISOString().slice(0, 10)) as IsoDate;
    const items = [...snapshot.parameters.values()]
      .filter((d) => input.article === undefined || d.article === input.article)
      .map((d) => {
        let current: { value: string; version: number; from: string } | null = null;
        try {
          const l = paramValue(snapshot, d.id, at);
          current = {
            value: formatParameterValue(d.unit, l.value),
            version: l.version,
            from: l.from,
          };
        } catch {
          current = null; // not in force on that date
        }
        return {
          id: d.id,
          article: d.article,
          titleZh: d.title_zh,
          titleEn: d.title_en,
          unit: d.unit,
          /** An enum's allowed values; null for other units. */
          choices: d.choices ?? null,
          quote: d.quote,
          interpretation: d.interpretation ?? null,
          current,
          versions: d.versions.map((v) => ({
            version: v.version,
            from: v.from,
            value: formatParameterValue(d.unit, v.value),
            document: v.document,
          })),
        };
      });
    return { at, items };
  },
});

export const addParameterVersion = defineUseCase({
  name: 'policy.parameter.add-version',
  roles: POLICY_EDITORS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      id: z.string().min(1).max(100),
      effectiveFrom: isoDate,
      value: z.union([z.string().max(100), z.number(), z.boolean()]),
      document: z.string().trim().min(1).max(200),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const def = shippedDefinitions().find((d) => d.id === input.id);
    if (!def) throw notFound('parameter');
    const value = parseParameterValue(def.unit, input.value, def.choices, 'value');
    const last = await db
      .selectFrom('parameter_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('region_code', '=', actor.regionCode)
      .where('param_id', '=', def.id)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = {
      region_code: actor.regionCode,
      param_id: def.id,
      version,
      effective_from: input.effectiveFrom,
      value_json: JSON.stringify(toFileForm(def.unit, value)),
      document: input.document,
      created_by: actor.username,
      created_at: now.toISOString(),
    };
    await db.insertInto('parameter_versions').values(row).execute();
    const result = {
      id: def.id,
      version,
      from: input.effectiveFrom,
      value: formatParameterValue(def.unit, value),
      document: input.document,
    };
    await audit({
      action: 'policy.parameter.add-version',
      entity: 'parameter',
      entityId: def.id,
      after: result,
    });
    return result;
  },
});
