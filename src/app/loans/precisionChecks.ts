import { z } from 'zod';
import { maskResidentId } from '../../core/identity/mask.ts';
import type { FindingStatus, PrecisionCheck, PrecisionFindingTable } from '../../store/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual, paging, type Page } from '../validation.ts';
import { id, shortText } from './loanFields.ts';
import { loadLoanVisible } from './loanScope.ts';
import {
  contractChecks,
  duplicateContracts,
  enterpriseUse,
  overCap,
  type AgeRange,
  type Finding,
} from './precisionChecksFind.ts';

/**
 * Precision checks (精准, issue 4 item 7; docs/decisions/0009): a run computes every
 * check over the loans as they stand and writes findings keyed by (check, subject), so
 * running again updates rather than duplicates; the poverty office works through the
 * list and resolves each finding with a reason (audited).
 */

export const PRECISION_CHECKS = [
  'not_poor_on_contract',
  'over_cap',
  'age_out_of_range',
  'duplicate_contract',
  'enterprise_use',
] as const satisfies readonly PrecisionCheck[];

/**
 * The borrower age range when the run names none: 18 (full civil capacity) to 65, the
 * usual upper bound in banks' micro-credit rules. Not a figure of 53号, so not a policy
 * parameter; a run may pass its own.
 */
export const DEFAULT_AGES: AgeRange = { min: 18, max: 65 };

/** Who runs the checks and resolves findings; every district role reads them. */
const PRECISION_WRITERS: readonly Role[] = ['district_admin', 'poverty_office', 'financial_office'];

export interface PrecisionFinding {
  id: string;
  check: PrecisionCheck;
  status: FindingStatus;
  householdId: string;
  householdNo: string | null;
  headName: string | null;
  /** Masked: the worklist needs to tell people apart, not to identify them. */
  headIdNumber: string | null;
  townshipCode: string;
  loanId: string | null;
  contractNo: string | null;
  institutionId: string | null;
  detail: Record<string, unknown>;
  foundAt: string;
  lastSeenAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  version: number;
}

const age = z.coerce
  .number()
  .int(bilingual('应为整数岁', 'must be whole years'))
  .min(0, bilingual('不能为负数', 'must not be negative'))
  .max(120, bilingual('不能超过120岁', 'must be at most 120'));

export interface PrecisionRunResult {
  runId: string;
  ages: AgeRange;
  /** Findings of this run, by check. */
  found: Record<PrecisionCheck, number>;
  /** Not found before (or cleared before) and found now. */
  opened: number;
  /** Open before and not found any more. */
  cleared: number;
}

export const runPrecisionChecks = defineUseCase({
  name: 'loan.precision.run',
  roles: PRECISION_WRITERS,
  scope: 'district',
  writes: true,
  input: z
    .object({ minAge: age.default(DEFAULT_AGES.min), maxAge: age.default(DEFAULT_AGES.max) })
    .strict()
    .refine((v) => v.minAge <= v.maxAge, {
      message: bilingual('最小年龄不能大于最大年龄', 'minAge must not exceed maxAge'),
      path: ['minAge'],
    }),
  async run({ app, db, actor, now, audit }, input): Promise<PrecisionRunResult> {
    const region = actor.regionCode;
    const ages = { min: input.minAge, max: input.maxAge };
    // Read through the transaction: on SQLite another connection would wait for it.
    const params = await loadParameterSnapshot({ ...app, store: { ...app.store, db } }, region);
    const findings: Finding[] = [
      ...(await contractChecks(db, region, ages)),
      ...(await overCap(db, region, params)),
      ...(await duplicateContracts(db, region)),
      ...(await enterpriseUse(db, region)),
    ];
    const at = now.toISOString();
    const existing = new Map(
      (
        await db
          .selectFrom('precision_findings')
          .select(['id', 'check_code', 'subject_id', 'status', 'version', 'detail_json'])
          .where('region_code', '=', region)
          .execute()
      ).map((f) => [`${f.check_code}:${f.subject_id}`, f]),
    );
    const result: PrecisionRunResult = {
      runId: newId(now.getTime()),
      ages,
      found: Object.fromEntries(PRECISION_CHECKS.map((c) => [c, 0])) as Record<
        PrecisionCheck,
        number
      >,
      opened: 0,
      cleared: 0,
    };
    const fresh: PrecisionFindingTable[] = [];
    for (const f of findings) {
      result.found[f.check]++;
      const key = `${f.check}:${f.subjectId}`;
      const before = existing.get(key);
      existing.delete(key);
      if (!before) {
        result.opened++;
        fresh.push({
          region_code: region,
          id: newId(now.getTime()),
          check_code: f.check,
          subject_id: f.subjectId,
          household_id: f.householdId,
          loan_id: f.loanId,
          township_code: f.townshipCode,
          institution_id: f.institutionId,
          detail_json: JSON.stringify(f.detail),
          status: 'open',
          found_at: at,
          last_seen_at: at,
          resolved_by: null,
          resolved_at: null,
          resolution: null,
          version: 1,
        });
        continue;
      }
      // A resolved finding stays resolved: its reason covers the same subject.
      const reopens = before.status === 'cleared';
      if (reopens) result.opened++;
      const detail = JSON.stringify(f.detail);
      // The version moves only when what a reader sees changes, so a run does not
      // make someone's resolve of an unchanged finding stale.
      const changed = reopens || detail !== before.detail_json;
      await db
        .updateTable('precision_findings')
        .set({
          detail_json: detail,
          last_seen_at: at,
          ...(reopens ? { status: 'open' as const } : {}),
          ...(changed ? { version: before.version + 1 } : {}),
        })
        .where('region_code', '=', region)
        .where('id', '=', before.id)
        .execute();
    }
    for (let i = 0; i < fresh.length; i += 500) {
      await db
        .insertInto('precision_findings')
        .values(fresh.slice(i, i + 500))
        .execute();
    }
    const gone = [...existing.values()].filter((f) => f.status === 'open');
    for (const f of gone) {
      await db
        .updateTable('precision_findings')
        .set({ status: 'cleared', version: f.version + 1 })
        .where('region_code', '=', region)
        .where('id', '=', f.id)
        .execute();
    }
    result.cleared = gone.length;
    await audit({
      action: 'loan.precision.run',
      entity: 'precision_run',
      entityId: result.runId,
      detail: result,
    });
    return result;
  },
});

export const listPrecisionFindings = defineUseCase({
  name: 'loan.precision.list',
  roles: DISTRICT_ROLES,
  scope: 'district',
  writes: false,
  input: z
    .object({
      check: z.enum(PRECISION_CHECKS).optional(),
      township: z.string().trim().min(1).max(32).optional(),
      status: z.enum(['open', 'cleared', 'resolved']).optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<PrecisionFinding>> {
    let q = db
      .selectFrom('precision_findings as f')
      .leftJoin('households as h', (j) =>
        j.onRef('h.region_code', '=', 'f.region_code').onRef('h.id', '=', 'f.household_id'),
      )
      .leftJoin('loans as l', (j) =>
        j.onRef('l.region_code', '=', 'f.region_code').onRef('l.id', '=', 'f.loan_id'),
      )
      .where('f.region_code', '=', actor.regionCode);
    if (input.check) q = q.where('f.check_code', '=', input.check);
    if (input.township) q = q.where('f.township_code', '=', input.township);
    if (input.status) q = q.where('f.status', '=', input.status);
    const { n } = await q
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll('f')
      .select(['h.household_no', 'h.head_name', 'h.head_id_number', 'l.contract_no'])
      .orderBy('f.township_code')
      .orderBy('f.check_code')
      .orderBy('f.found_at')
      .orderBy('f.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        check: r.check_code,
        status: r.status,
        householdId: r.household_id,
        householdNo: r.household_no,
        headName: r.head_name,
        headIdNumber: r.head_id_number === null ? null : maskResidentId(r.head_id_number),
        townshipCode: r.township_code,
        loanId: r.loan_id,
        contractNo: r.contract_no,
        institutionId: r.institution_id,
        detail: JSON.parse(r.detail_json) as Record<string, unknown>,
        foundAt: r.found_at,
        lastSeenAt: r.last_seen_at,
        resolvedBy: r.resolved_by,
        resolvedAt: r.resolved_at,
        resolution: r.resolution,
        version: r.version,
      })),
      total: Number(n),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

export const resolvePrecisionFinding = defineUseCase({
  name: 'loan.precision.resolve',
  roles: PRECISION_WRITERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      id,
      reason: shortText,
      version: z.coerce.number().int().min(1),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const f = await db
      .selectFrom('precision_findings')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!f) throw notFound('finding');
    if (f.status === 'resolved') {
      throw conflict('already_resolved', '该问题已处理', 'This finding is already resolved', 'id');
    }
    const res = await db
      .updateTable('precision_findings')
      .set({
        status: 'resolved',
        resolved_by: actor.username,
        resolved_at: now.toISOString(),
        resolution: input.reason,
        version: f.version + 1,
      })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', f.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw conflict(
        'stale',
        '该问题已被他人修改，请刷新',
        'The finding changed meanwhile; reload',
        'version',
      );
    }
    const after = { id: f.id, status: 'resolved', reason: input.reason, version: f.version + 1 };
    await audit({
      action: 'loan.precision.resolve',
      entity: 'precision_finding',
      entityId: f.id,
      before: { status: f.status, version: f.version },
      after,
      detail: { check: f.check_code, subjectId: f.subject_id },
    });
    return after;
  },
});

/**
 * A bank flags one of its own loans whose money went to an enterprise (户贷企用); the
 * next run lists it as an enterprise_use finding.
 */
export const flagEnterpriseUse = defineUseCase({
  name: 'loan.precision.flag-enterprise-use',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      id,
      enterpriseName: shortText,
      note: shortText.optional(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const loan = await loadLoanVisible(db, actor, input.id);
    const row = {
      region_code: actor.regionCode,
      loan_id: loan.id,
      institution_id: loan.institution_id,
      enterprise_name: input.enterpriseName,
      note: input.note ?? null,
      flagged_by: actor.username,
      flagged_at: now.toISOString(),
    };
    const before = await db
      .selectFrom('loan_enterprise_use_flags')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('loan_id', '=', loan.id)
      .executeTakeFirst();
    if (before) {
      await db
        .updateTable('loan_enterprise_use_flags')
        .set(row)
        .where('region_code', '=', actor.regionCode)
        .where('loan_id', '=', loan.id)
        .execute();
    } else await db.insertInto('loan_enterprise_use_flags').values(row).execute();
    const after = {
      loanId: loan.id,
      enterpriseName: row.enterprise_name,
      note: row.note,
      flaggedBy: row.flagged_by,
      flaggedAt: row.flagged_at,
    };
    await audit({
      action: 'loan.precision.flag-enterprise-use',
      entity: 'loan',
      entityId: loan.id,
      ...(before ? { before: { enterpriseName: before.enterprise_name, note: before.note } } : {}),
      after,
    });
    return after;
  },
});
