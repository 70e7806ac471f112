import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, MarketCompanyTable, MarketStageTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { conflict, invalid, notFound, staleVersion } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id } from '../loans/loanFields.ts';
import { uscc } from '../register/fields.ts';
import { regionOf } from '../register/regionOf.ts';
import { notAfterToday } from '../businessDay.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual, paging, type Page } from '../validation.ts';
import { MARKET_STAGES, STAGE_NAMES } from './stages.ts';

/**
 * Art. 23's capital-markets pipeline (issue 7 §3, decision 0020): the companies the
 * district cultivates for listing or quotation, each with the dated stages it has
 * reached. A stage is appended, never edited; its date may not precede the last one's.
 * The financial office and the PBOC sub-branch (art. 23's responsible units) record.
 */

export const MARKETS_WRITERS: readonly Role[] = ['financial_office', 'pboc'];
export const MARKETS_READERS: readonly Role[] = DISTRICT_ROLES;

const stage = z.enum(MARKET_STAGES, {
  message: bilingual(
    `阶段应为：${MARKET_STAGES.map((s) => `${s}（${STAGE_NAMES[s].zh}）`).join('、')}`,
    `stage must be one of ${MARKET_STAGES.join(', ')}`,
  ),
});

export interface CompanyOut {
  id: string;
  name: string;
  uscc: string;
  township: string;
  stage: string;
  stageSince: string;
  history: { stage: string; reachedOn: string }[];
  version: number;
}

const companyOut = (c: MarketCompanyTable, stages: MarketStageTable[]): CompanyOut => {
  const history = stages
    .filter((s) => s.company_id === c.id)
    .sort((a, b) => a.n - b.n)
    .map((s) => ({ stage: s.stage, reachedOn: s.reached_on }));
  const last = history[history.length - 1]!;
  return {
    id: c.id,
    name: c.name,
    uscc: c.uscc,
    township: c.township_code,
    stage: last.stage,
    stageSince: last.reachedOn,
    history,
    version: c.version,
  };
};

async function stagesOf(db: Kysely<Database>, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('market_stages')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('company_id', 'in', ids)
    .execute();
}

export const createCompany = defineUseCase({
  name: 'markets.company.create',
  roles: MARKETS_WRITERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      name: z
        .string()
        .trim()
        .min(1, bilingual('不能为空', 'must not be empty'))
        .max(100, bilingual('不能超过100个字符', 'must be at most 100 characters')),
      uscc,
      township: z.string().trim().min(1).max(32),
      stage,
      reachedOn: businessDate,
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<CompanyOut> {
    notAfterToday('reachedOn', input.reachedOn, now);
    const place = await regionOf(db, actor.regionCode, input.township);
    if (place?.level !== 'township') {
      throw invalid('township', '乡镇代码不存在', 'no such township code', 'unknown_township');
    }
    const seen = await db
      .selectFrom('market_companies')
      .select('name')
      .where('region_code', '=', actor.regionCode)
      .where('uscc', '=', input.uscc)
      .executeTakeFirst();
    if (seen !== undefined) {
      throw conflict(
        'duplicate_uscc',
        `统一社会信用代码已登记（${seen.name}）`,
        'this unified social credit code is already recorded',
        'uscc',
      );
    }
    const company: MarketCompanyTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      name: input.name,
      uscc: input.uscc,
      township_code: place.code,
      created_by: actor.username,
      created_at: now.toISOString(),
      version: 1,
    };
    const first: MarketStageTable = {
      region_code: actor.regionCode,
      company_id: company.id,
      n: 1,
      stage: input.stage,
      reached_on: input.reachedOn,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('market_companies').values(company).execute();
    await db.insertInto('market_stages').values(first).execute();
    await audit({
      action: 'markets.company.create',
      entity: 'market_company',
      entityId: company.id,
      after: { name: company.name, uscc: company.uscc, stage: first.stage, on: first.reached_on },
    });
    return companyOut(company, [first]);
  },
});

export const recordStage = defineUseCase({
  name: 'markets.stage.record',
  roles: MARKETS_WRITERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      id,
      version: z.coerce.number().int().min(1),
      stage,
      reachedOn: businessDate,
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<CompanyOut> {
    notAfterToday('reachedOn', input.reachedOn, now);
    const company = await db
      .selectFrom('market_companies')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (company === undefined) throw notFound('company');
    const stages = await stagesOf(db, actor, [company.id]);
    const last = stages.reduce((a, b) => (a.n > b.n ? a : b));
    if (input.reachedOn < last.reached_on) {
      throw invalid(
        'reachedOn',
        `日期 ${input.reachedOn} 早于上一阶段（${STAGE_NAMES[last.stage as 'listed'].zh}）的日期 ${last.reached_on}`,
        `${input.reachedOn} is before the date of the previous stage (${last.stage}), ${last.reached_on}`,
        'stage_out_of_order',
      );
    }
    if (input.stage === last.stage) {
      throw conflict(
        'same_stage',
        `该企业已处于“${STAGE_NAMES[input.stage].zh}”阶段`,
        `the company is already at stage ${input.stage}`,
        'stage',
      );
    }
    const { numUpdatedRows } = await db
      .updateTable('market_companies')
      .set({ version: company.version + 1 })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', company.id)
      .where('version', '=', input.version)
      .executeTakeFirstOrThrow();
    if (Number(numUpdatedRows) !== 1) throw staleVersion();
    const next: MarketStageTable = {
      region_code: actor.regionCode,
      company_id: company.id,
      n: last.n + 1,
      stage: input.stage,
      reached_on: input.reachedOn,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('market_stages').values(next).execute();
    await audit({
      action: 'markets.stage.record',
      entity: 'market_company',
      entityId: company.id,
      before: { stage: last.stage, on: last.reached_on },
      after: { stage: next.stage, on: next.reached_on },
    });
    return companyOut({ ...company, version: company.version + 1 }, [...stages, next]);
  },
});

export const listCompanies = defineUseCase({
  name: 'markets.company.list',
  roles: MARKETS_READERS,
  scope: 'district',
  writes: false,
  input: z.object({ ...paging }).strict(),
  async run({ db, actor }, input): Promise<Page<CompanyOut>> {
    const q = db.selectFrom('market_companies').where('region_code', '=', actor.regionCode);
    const { total } = await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    const stages = await stagesOf(
      db,
      actor,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => companyOut(r, stages)),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});
