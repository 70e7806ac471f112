import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { Kysely } from 'kysely';
import type { Database, InsurancePolicyTable } from '../../store/schema.ts';
import { notAfterToday } from '../businessDay.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id, positiveYuan, shortText } from '../loans/loanFields.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual, paging } from '../validation.ts';

/**
 * Insurance policies (issue 5 §1, decision 0016): an insurer's policy on a household,
 * with the premium and the subsidies each level already applied to it, so settlement
 * can pay art. 24's extra subsidy (agricultural insurance in the central subsidy scope)
 * and art. 26's city and district shares (income insurance); and the claims it paid.
 * The insurer records its own policies; district offices read them all.
 */

export const INSURANCE_READERS: readonly Role[] = [...DISTRICT_ROLES, 'insurer'];
export const SCHEMES = ['central-subsidy', 'income', 'other'] as const;
/** Art. 26's products (水稻、生猪、蔬菜、渔业、其他地方特色农产品), or anything else. */
export const PRODUCTS = [
  'rice',
  'hogs',
  'vegetables',
  'fishery',
  'other-local-specialty',
  'other',
] as const;

export interface PolicyOut {
  id: string;
  insurerId: string;
  policyNo: string;
  householdId: string;
  township: string;
  scheme: string;
  product: string;
  premium: string;
  centralShare: string;
  cityShare: string;
  districtShare: string;
  householdShare: string;
  premiumDate: string;
  startDate: string;
  endDate: string;
  claims: { id: string; occurredOn: string; amount: string; note: string | null }[];
}

const y = (fen: number): string => fenToYuanString(fen as Fen);

function policyOut(p: InsurancePolicyTable, claims: PolicyOut['claims'] = []): PolicyOut {
  const applied = Number(p.central_share) + Number(p.city_share) + Number(p.district_share);
  return {
    id: p.id,
    insurerId: p.insurer_id,
    policyNo: p.policy_no,
    householdId: p.household_id,
    township: p.township_code,
    scheme: p.scheme,
    product: p.product,
    premium: y(Number(p.premium)),
    centralShare: y(Number(p.central_share)),
    cityShare: y(Number(p.city_share)),
    districtShare: y(Number(p.district_share)),
    householdShare: y(Number(p.premium) - applied),
    premiumDate: p.premium_date,
    startDate: p.start_date,
    endDate: p.end_date,
    claims,
  };
}

/** The claims of the given policies, each policy's in date order. */
async function claimsOf(
  db: Kysely<Database>,
  regionCode: string,
  policyIds: readonly string[],
): Promise<Map<string, PolicyOut['claims']>> {
  const out = new Map<string, PolicyOut['claims']>();
  if (policyIds.length === 0) return out;
  const rows = await db
    .selectFrom('insurance_claims')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('policy_id', 'in', policyIds)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
  for (const c of rows) {
    const list = out.get(c.policy_id) ?? [];
    list.push({ id: c.id, occurredOn: c.occurred_on, amount: y(Number(c.amount)), note: c.note });
    out.set(c.policy_id, list);
  }
  return out;
}

export const createPolicy = defineUseCase({
  name: 'insurance.policy.create',
  roles: ['insurer'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      policyNo: z
        .string()
        .trim()
        .min(1, bilingual('不能为空', 'must not be empty'))
        .max(64, bilingual('不能超过64个字符', 'must be at most 64 characters')),
      /** 户编号 on the policy: insurers do not browse the register, they name the household. */
      householdNo: z.string().trim().min(1).max(64),
      scheme: z.enum(SCHEMES),
      product: z.enum(PRODUCTS),
      premium: positiveYuan,
      // The subsidies each level already applied to the premium; 0 when none.
      centralShare: z.union([z.string(), z.number()]),
      cityShare: z.union([z.string(), z.number()]),
      districtShare: z.union([z.string(), z.number()]),
      premiumDate: businessDate,
      startDate: businessDate,
      endDate: businessDate,
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<PolicyOut> {
    const insurerId = actor.institutionId;
    if (insurerId === null) throw notFound('insurer');
    const shares: Record<'centralShare' | 'cityShare' | 'districtShare', Fen> = {
      centralShare: 0 as Fen,
      cityShare: 0 as Fen,
      districtShare: 0 as Fen,
    };
    for (const field of ['centralShare', 'cityShare', 'districtShare'] as const) {
      const raw = String(input[field]).trim();
      if (/^0+(\.0{1,2})?$/.test(raw)) continue;
      const parsed = positiveYuan.safeParse(raw);
      if (!parsed.success) {
        throw invalid(
          field,
          `应为不小于0的元金额，最多两位小数，实际为“${raw}”`,
          `must be yuan ≥ 0 with at most 2 decimals, got "${raw}"`,
        );
      }
      shares[field] = parsed.data;
    }
    const applied = shares.centralShare + shares.cityShare + shares.districtShare;
    if (applied > input.premium) {
      throw invalid(
        'districtShare',
        '各级已补贴保费之和超过保费总额',
        'the subsidies already applied add up to more than the premium',
      );
    }
    if (input.endDate < input.startDate) {
      throw invalid('endDate', '保险止期不能早于起期', 'must not be before startDate');
    }
    notAfterToday('premiumDate', input.premiumDate, now);
    const household = await db
      .selectFrom('households')
      .select(['id', 'township_code', 'village_code'])
      .where('region_code', '=', actor.regionCode)
      .where('household_no', '=', input.householdNo)
      .executeTakeFirst();
    if (!household) {
      throw invalid('householdNo', '没有该户编号的农户', 'no household has this number');
    }
    const clash = await db
      .selectFrom('insurance_policies')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('insurer_id', '=', insurerId)
      .where('policy_no', '=', input.policyNo)
      .executeTakeFirst();
    if (clash) {
      throw conflict('duplicate_policy', '保单号已存在', 'This policy number exists', 'policyNo');
    }
    const row: InsurancePolicyTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      insurer_id: insurerId,
      policy_no: input.policyNo,
      household_id: household.id,
      township_code: household.township_code,
      village_code: household.village_code,
      scheme: input.scheme,
      product: input.product,
      premium: input.premium,
      central_share: shares.centralShare,
      city_share: shares.cityShare,
      district_share: shares.districtShare,
      premium_date: input.premiumDate,
      start_date: input.startDate,
      end_date: input.endDate,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
      version: 1,
    };
    await db.insertInto('insurance_policies').values(row).execute();
    const out = policyOut(row);
    await audit({
      action: 'insurance.policy.create',
      entity: 'insurance_policy',
      entityId: row.id,
      after: out,
    });
    return out;
  },
});

export const listPolicies = defineUseCase({
  name: 'insurance.policy.list',
  roles: INSURANCE_READERS,
  scope: 'institution',
  writes: false,
  // The shared paging, keeping this list's default of 50 rows a page.
  input: z.object({ ...paging, pageSize: paging.pageSize.unwrap().default(50) }).strict(),
  async run({ db, actor }, input): Promise<{ items: PolicyOut[]; total: number }> {
    let q = db.selectFrom('insurance_policies').where('region_code', '=', actor.regionCode);
    if (actor.role === 'insurer') q = q.where('insurer_id', '=', actor.institutionId ?? '-');
    const [rows, count] = await Promise.all([
      q
        .selectAll()
        .orderBy('premium_date', 'desc')
        .orderBy('id')
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const claims = await claimsOf(
      db,
      actor.regionCode,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => policyOut(r, claims.get(r.id))), total: Number(count.n) };
  },
});

export const recordClaim = defineUseCase({
  name: 'insurance.claim.record',
  roles: ['insurer'],
  scope: 'institution',
  writes: true,
  input: z
    .object({ id, occurredOn: businessDate, amount: positiveYuan, note: shortText.optional() })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<PolicyOut> {
    const policy = await db
      .selectFrom('insurance_policies')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!policy || policy.insurer_id !== actor.institutionId) throw notFound('insurance policy');
    if (input.occurredOn < policy.start_date || input.occurredOn > policy.end_date) {
      throw invalid(
        'occurredOn',
        `出险日期应在保险期间内（${policy.start_date} 至 ${policy.end_date}）`,
        `must be within the policy's term (${policy.start_date} to ${policy.end_date})`,
      );
    }
    notAfterToday('occurredOn', input.occurredOn, now);
    const claimId = newId(now.getTime());
    await db
      .insertInto('insurance_claims')
      .values({
        region_code: actor.regionCode,
        id: claimId,
        policy_id: policy.id,
        occurred_on: input.occurredOn,
        amount: input.amount,
        note: input.note ?? null,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      })
      .execute();
    await audit({
      action: 'insurance.claim.record',
      entity: 'insurance_policy',
      entityId: policy.id,
      after: { claimId, occurredOn: input.occurredOn, amount: y(input.amount) },
    });
    const claims = await claimsOf(db, actor.regionCode, [policy.id]);
    return policyOut(policy, claims.get(policy.id));
  },
});
