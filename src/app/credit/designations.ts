import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notAfterToday } from '../businessDay.ts';
import type { IsoDate } from '../../core/calendarDate.ts';
import { judgeArea, type AreaVerdict } from '../../core/credit/designation.ts';
import type { CreditLevel, CreditProposalTable, Database } from '../../store/schema.ts';
import { canSeeTownship, type Actor } from '../actor.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id, shortText } from '../loans/loanFields.ts';
import { townshipLimit } from '../scope.ts';
import { defineUseCase, type UseCaseContext } from '../useCase.ts';
import { areaState, designatedOn } from './areaFacts.ts';
import { CREDIT_READERS, DESIGNATION_APPROVERS, DESIGNATION_PROPOSERS } from './creditFields.ts';
import { householdVerdicts, type HouseholdVerdict } from './householdVerdicts.ts';
import { creditParameters, scorecardFor } from './scorecardOf.ts';

/**
 * Designation of credit households, villages and townships (art. 10, 3): a proposal
 * carries the evaluation it rests on; another person approves it (never the proposer);
 * an approval appends to the designation history, in force from the proposal's date.
 */

const level = z.enum(['household', 'village', 'township']);

interface Target {
  level: CreditLevel;
  code: string;
  townshipCode: string;
  villageCode: string | null;
}

async function regionTarget(
  db: Kysely<Database>,
  actor: Actor,
  lvl: 'village' | 'township',
  code: string,
): Promise<Target> {
  const r = await db
    .selectFrom('regions')
    .select(['code', 'township_code'])
    .where('region_code', '=', actor.regionCode)
    .where('code', '=', code)
    .where('level', '=', lvl)
    .executeTakeFirst();
  const town = lvl === 'township' ? r?.code : r?.township_code;
  if (!r || !town || !canSeeTownship(actor, town)) throw notFound(lvl);
  return { level: lvl, code, townshipCode: town, villageCode: lvl === 'village' ? code : null };
}

type Evaluation =
  | { level: 'household'; verdict: HouseholdVerdict }
  | { level: 'village' | 'township'; verdict: AreaVerdict };

const qualifies = (e: Evaluation): boolean => e.verdict.qualifies;

async function evaluate(ctx: UseCaseContext, target: Target, asOf: IsoDate): Promise<Evaluation> {
  const { app, db, actor } = ctx;
  const params = await creditParameters(app, db, actor.regionCode);
  if (target.level === 'household') {
    const card = scorecardFor(params, asOf);
    const [verdict] = await householdVerdicts(db, actor.regionCode, card, asOf, {
      householdId: target.code,
    });
    if (!verdict || !canSeeTownship(actor, verdict.townshipCode)) throw notFound('household');
    return { level: 'household', verdict };
  }
  const state = await areaState(db, actor.regionCode, asOf, target.townshipCode);
  const facts = (target.level === 'village' ? state.village : state.township).get(target.code);
  if (!facts) throw notFound(target.level);
  return { level: target.level, verdict: judgeArea(params, target.level, facts, asOf) };
}

async function targetOf(
  db: Kysely<Database>,
  actor: Actor,
  lvl: CreditLevel,
  code: string,
): Promise<Target> {
  if (lvl !== 'household') return regionTarget(db, actor, lvl, code);
  const h = await db
    .selectFrom('households')
    .select(['id', 'township_code', 'village_code'])
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', code)
    .executeTakeFirst();
  if (!h || !canSeeTownship(actor, h.township_code)) throw notFound('household');
  return {
    level: 'household',
    code: h.id,
    townshipCode: h.township_code,
    villageCode: h.village_code,
  };
}

async function pendingFor(
  db: Kysely<Database>,
  regionCode: string,
  lvl: CreditLevel,
  codes: readonly string[],
) {
  if (codes.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('credit_proposals')
    .select('subject_code')
    .where('region_code', '=', regionCode)
    .where('level', '=', lvl)
    .where('status', '=', 'proposed')
    .where('subject_code', 'in', [...codes])
    .execute();
  return new Set(rows.map((r) => r.subject_code));
}

function proposalRow(
  ctx: UseCaseContext,
  target: Target,
  asOf: IsoDate,
  action: 'grant' | 'revoke',
  evidence: unknown,
): CreditProposalTable {
  return {
    region_code: ctx.actor.regionCode,
    id: newId(ctx.now.getTime()),
    level: target.level,
    subject_code: target.code,
    township_code: target.townshipCode,
    village_code: target.villageCode,
    as_of: asOf,
    action,
    evidence_json: JSON.stringify(evidence),
    status: 'proposed',
    proposed_by: ctx.actor.username,
    proposed_at: ctx.now.toISOString(),
    decided_by: null,
    decided_at: null,
    decision_note: null,
    version: 1,
  };
}

export interface ProposalOut {
  id: string;
  level: CreditLevel;
  subjectCode: string;
  townshipCode: string;
  villageCode: string | null;
  asOf: string;
  action: 'grant' | 'revoke';
  evidence: unknown;
  status: string;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

const proposalOut = (p: CreditProposalTable): ProposalOut => ({
  id: p.id,
  level: p.level,
  subjectCode: p.subject_code,
  townshipCode: p.township_code,
  villageCode: p.village_code,
  asOf: p.as_of,
  action: p.action,
  evidence: JSON.parse(p.evidence_json) as unknown,
  status: p.status,
  proposedBy: p.proposed_by,
  proposedAt: p.proposed_at,
  decidedBy: p.decided_by,
  decidedAt: p.decided_at,
  decisionNote: p.decision_note,
});

export const proposeDesignation = defineUseCase({
  name: 'credit.designation.propose',
  roles: DESIGNATION_PROPOSERS,
  scope: 'township',
  writes: true,
  input: z.object({ level, code: id, asOf: businessDate }).strict(),
  async run(ctx, input): Promise<ProposalOut> {
    const { db, actor, now, audit } = ctx;
    notAfterToday('asOf', input.asOf, now);
    const target = await targetOf(db, actor, input.level, input.code);
    if ((await pendingFor(db, actor.regionCode, target.level, [target.code])).size > 0) {
      throw conflict(
        'proposal_pending',
        '该对象已有待审批的提名',
        'A proposal for this is already waiting for approval',
        'code',
      );
    }
    const evaluation = await evaluate(ctx, target, input.asOf);
    const current = (
      await designatedOn(db, actor.regionCode, [target.level], input.asOf, {
        townshipCode: target.townshipCode,
      })
    ).has(target.code);
    const ok = qualifies(evaluation);
    if (ok === current) {
      throw conflict(
        ok ? 'already_designated' : 'not_qualified',
        ok ? '已获认定且仍符合条件，无需提名' : '不符合认定条件，不能提名',
        ok
          ? 'Already designated and still qualifies: nothing to propose'
          : 'Does not meet the criteria: cannot be proposed',
        'code',
      );
    }
    const row = proposalRow(ctx, target, input.asOf, ok ? 'grant' : 'revoke', evaluation.verdict);
    await db.insertInto('credit_proposals').values(row).execute();
    const out = proposalOut(row);
    await audit({
      action: 'credit.designation.propose',
      entity: 'credit_proposal',
      entityId: row.id,
      after: out,
    });
    return out;
  },
});

export const proposeHouseholds = defineUseCase({
  name: 'credit.designation.propose-households',
  roles: DESIGNATION_PROPOSERS,
  scope: 'township',
  writes: true,
  input: z.object({ villageCode: id, asOf: businessDate }).strict(),
  async run(ctx, input): Promise<{ proposed: number; grants: number; revocations: number }> {
    const { app, db, actor, now, audit } = ctx;
    notAfterToday('asOf', input.asOf, now);
    const village = await regionTarget(db, actor, 'village', input.villageCode);
    const card = scorecardFor(await creditParameters(app, db, actor.regionCode), input.asOf);
    const verdicts = await householdVerdicts(db, actor.regionCode, card, input.asOf, {
      townshipCode: village.townshipCode,
      villageCode: village.code,
    });
    const designated = await designatedOn(db, actor.regionCode, ['household'], input.asOf, {
      townshipCode: village.townshipCode,
    });
    const pending = await pendingFor(
      db,
      actor.regionCode,
      'household',
      verdicts.map((v) => v.householdId),
    );
    const rows = verdicts
      .filter((v) => v.qualifies !== designated.has(v.householdId) && !pending.has(v.householdId))
      .map((v) =>
        proposalRow(
          ctx,
          {
            level: 'household',
            code: v.householdId,
            townshipCode: v.townshipCode,
            villageCode: v.villageCode,
          },
          input.asOf,
          v.qualifies ? 'grant' : 'revoke',
          v,
        ),
      );
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto('credit_proposals')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const grants = rows.filter((r) => r.action === 'grant').length;
    const result = { proposed: rows.length, grants, revocations: rows.length - grants };
    await audit({
      action: 'credit.designation.propose-households',
      entity: 'village',
      entityId: village.code,
      detail: { asOf: input.asOf, ...result },
    });
    return result;
  },
});

export const decideDesignations = defineUseCase({
  name: 'credit.designation.decide',
  roles: DESIGNATION_APPROVERS,
  scope: 'township',
  writes: true,
  input: z
    .object({
      ids: z.array(id).min(1).max(5000),
      decision: z.enum(['approve', 'reject']),
      note: shortText.optional(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<{ decided: number; ids: string[] }> {
    const unique = [...new Set(input.ids)];
    if (unique.length !== input.ids.length) {
      throw invalid('ids', '审批列表中有重复的提名', 'the list names a proposal twice');
    }
    const rows: CreditProposalTable[] = [];
    for (let i = 0; i < unique.length; i += 500) {
      rows.push(
        ...(await db
          .selectFrom('credit_proposals')
          .selectAll()
          .where('region_code', '=', actor.regionCode)
          .where('id', 'in', unique.slice(i, i + 500))
          .execute()),
      );
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    unique.forEach((pid, i) => {
      const p = byId.get(pid);
      if (!p || !canSeeTownship(actor, p.township_code)) throw notFound('credit proposal');
      if (p.status !== 'proposed') {
        throw conflict(
          'proposal_decided',
          '该提名已审批',
          'This proposal was decided already',
          `ids.${String(i)}`,
        );
      }
      if (p.proposed_by === actor.username) {
        throw conflict(
          'own_proposal',
          '提名人不能审批自己的提名',
          'A proposal cannot be approved or rejected by the person who made it',
          `ids.${String(i)}`,
        );
      }
    });
    const at = now.toISOString();
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    for (let i = 0; i < unique.length; i += 500) {
      await db
        .updateTable('credit_proposals')
        .set({
          status,
          decided_by: actor.username,
          decided_at: at,
          decision_note: input.note ?? null,
          version: 2,
        })
        .where('region_code', '=', actor.regionCode)
        .where('id', 'in', unique.slice(i, i + 500))
        .where('status', '=', 'proposed')
        .execute();
    }
    if (input.decision === 'approve') {
      const history = rows.map((p) => ({
        region_code: actor.regionCode,
        id: newId(now.getTime()),
        level: p.level,
        subject_code: p.subject_code,
        township_code: p.township_code,
        village_code: p.village_code,
        status: p.action === 'grant' ? ('granted' as const) : ('revoked' as const),
        effective_on: p.as_of,
        proposal_id: p.id,
        approved_by: actor.username,
        recorded_at: at,
      }));
      for (let i = 0; i < history.length; i += 200) {
        await db
          .insertInto('credit_designations')
          .values(history.slice(i, i + 200))
          .execute();
      }
    }
    await audit({
      action: 'credit.designation.decide',
      entity: 'credit_proposal',
      entityId: unique.join(','),
      detail: { decision: input.decision, ids: unique, note: input.note ?? null },
    });
    return { decided: unique.length, ids: unique };
  },
});

export const listProposals = defineUseCase({
  name: 'credit.designation.proposals',
  roles: CREDIT_READERS,
  scope: 'township',
  writes: false,
  input: z
    .object({
      status: z.enum(['proposed', 'approved', 'rejected']).default('proposed'),
      level: level.optional(),
      villageCode: id.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  async run({ db, actor }, input): Promise<{ items: ProposalOut[] }> {
    let q = db
      .selectFrom('credit_proposals')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('status', '=', input.status);
    const towns = townshipLimit(actor);
    if (towns !== null) q = q.where('township_code', 'in', [...towns]);
    if (input.level) q = q.where('level', '=', input.level);
    if (input.villageCode) q = q.where('village_code', '=', input.villageCode);
    const rows = await q.orderBy('proposed_at', 'desc').orderBy('id').limit(input.limit).execute();
    return { items: rows.map(proposalOut) };
  },
});

export const designationHistory = defineUseCase({
  name: 'credit.designation.history',
  roles: CREDIT_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ level, code: id }).strict(),
  async run({ db, actor }, input) {
    const target = await targetOf(db, actor, input.level, input.code);
    const rows = await db
      .selectFrom('credit_designations as d')
      .innerJoin('credit_proposals as p', (j) =>
        j.onRef('p.region_code', '=', 'd.region_code').onRef('p.id', '=', 'd.proposal_id'),
      )
      .select([
        'd.status',
        'd.effective_on',
        'd.approved_by',
        'd.recorded_at',
        'p.proposed_by',
        'p.id',
      ])
      .where('d.region_code', '=', actor.regionCode)
      .where('d.level', '=', target.level)
      .where('d.subject_code', '=', target.code)
      .orderBy('d.effective_on')
      .orderBy('d.recorded_at')
      .execute();
    return {
      items: rows.map((r) => ({
        status: r.status,
        effectiveOn: r.effective_on,
        proposedBy: r.proposed_by,
        approvedBy: r.approved_by,
        recordedAt: r.recorded_at,
        proposalId: r.id,
      })),
    };
  },
});
