import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { Database, RelendingQuotaTable, RelendingUseTable } from '../../store/schema.ts';
import { lockUntilCommit } from '../../store/transactionLock.ts';
import type { Actor } from '../actor.ts';
import { businessDayOf } from '../businessDay.ts';
import { conflict, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id, positiveYuan } from '../loans/loanFields.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { notAfterToday } from '../businessDay.ts';
import { relendingOn } from './relendingFigures.ts';

/**
 * Art. 29 relending (issue 7 §3, decision 0020): the PBOC sub-branch records the quota
 * granted to the district and each bank's drawdowns and repayments under it, dated.
 * The quota caps what is outstanding (a revolving line: 指标1亿元, 累放2亿元), so on no
 * day may the district's outstanding relending exceed the quota granted by then, and no
 * bank may repay more than it owes.
 */

export const RELENDING_WRITERS: readonly Role[] = ['pboc'];
export const RELENDING_READERS: readonly Role[] = DISTRICT_ROLES;
/** The local banks relending is lent to. */
const BORROWER_KINDS = ['bank', 'village_bank', 'policy_bank'];

const y = (v: bigint | number) => fenToYuanString(Number(v) as Fen);

const reference = z
  .string()
  .trim()
  .min(1, bilingual('不能为空', 'must not be empty'))
  .max(64, bilingual('不能超过64个字符', 'must be at most 64 characters'));

async function refuseDuplicate(
  db: Kysely<Database>,
  actor: Actor,
  table: 'relending_quotas' | 'relending_uses',
  ref: string,
) {
  const seen = await db
    .selectFrom(table)
    .select('id')
    .where('region_code', '=', actor.regionCode)
    .where('reference', '=', ref)
    .executeTakeFirst();
  if (seen !== undefined) {
    throw conflict(
      'duplicate_reference',
      `编号“${ref}”已登记`,
      'this reference is already recorded',
      'reference',
    );
  }
}

/**
 * The first day on which the records, with `added` among them, break a rule: the
 * district's outstanding above the quota granted by then, or a bank repaying more than
 * it owes. Checked at each day's end over the whole history, since a record may be
 * dated before others already on file.
 */
/** Quota and uses of a region change one writer at a time: the timeline check reads both. */
const relendingLock = (region: string) => `relending:${region}`;

async function checkTimeline(db: Kysely<Database>, actor: Actor, added: RelendingUseTable) {
  const [quotas, uses] = await Promise.all([
    db
      .selectFrom('relending_quotas')
      .select(['granted_on', 'amount'])
      .where('region_code', '=', actor.regionCode)
      .execute(),
    db
      .selectFrom('relending_uses')
      .select(['institution_id', 'kind', 'used_on', 'amount'])
      .where('region_code', '=', actor.regionCode)
      .execute(),
  ]);
  const all = [...uses, added];
  const days = [...new Set([...quotas.map((q) => q.granted_on), ...all.map((u) => u.used_on)])];
  days.sort();
  let quota = 0n;
  let outstanding = 0n;
  const owed = new Map<string, bigint>();
  for (const day of days) {
    for (const q of quotas) if (q.granted_on === day) quota += BigInt(q.amount);
    for (const u of all) {
      if (u.used_on !== day) continue;
      const delta = u.kind === 'drawdown' ? BigInt(u.amount) : -BigInt(u.amount);
      outstanding += delta;
      owed.set(u.institution_id, (owed.get(u.institution_id) ?? 0n) + delta);
    }
    const bank = owed.get(added.institution_id) ?? 0n;
    if (bank < 0n) {
      throw invalid(
        'amount',
        `${day} 日该行归还的再贷款超过其借用余额，差 ${y(-bank)} 元`,
        `on ${day} the bank's repayments exceed what it owes by ${y(-bank)}`,
      );
    }
    if (outstanding > quota) {
      throw invalid(
        'amount',
        `${day} 日全区再贷款使用余额 ${y(outstanding)} 元超过届时已获指标 ${y(quota)} 元`,
        `on ${day} the district's outstanding relending ${y(outstanding)} exceeds the quota granted by then, ${y(quota)}`,
        'quota_exceeded',
      );
    }
  }
}

export const recordRelendingQuota = defineUseCase({
  name: 'relending.quota.record',
  roles: RELENDING_WRITERS,
  scope: 'district',
  writes: true,
  input: z.object({ reference, grantedOn: businessDate, amount: positiveYuan }).strict(),
  async run({ db, actor, now, audit }, input) {
    notAfterToday('grantedOn', input.grantedOn, now);
    await lockUntilCommit(db, relendingLock(actor.regionCode));
    await refuseDuplicate(db, actor, 'relending_quotas', input.reference);
    const row: RelendingQuotaTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      reference: input.reference,
      granted_on: input.grantedOn,
      amount: input.amount,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('relending_quotas').values(row).execute();
    await audit({
      action: 'relending.quota.record',
      entity: 'relending_quota',
      entityId: row.id,
      after: { reference: row.reference, grantedOn: row.granted_on, amount: y(row.amount) },
    });
    return {
      id: row.id,
      reference: row.reference,
      grantedOn: row.granted_on,
      amount: y(row.amount),
    };
  },
});

export const recordRelendingUse = defineUseCase({
  name: 'relending.use.record',
  roles: RELENDING_WRITERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      institutionId: id,
      kind: z.enum(['drawdown', 'repayment'], {
        message: bilingual(
          '应为 drawdown（借用）或 repayment（归还）',
          'must be drawdown or repayment',
        ),
      }),
      reference,
      usedOn: businessDate,
      amount: positiveYuan,
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    notAfterToday('usedOn', input.usedOn, now);
    // Two drawdowns at once would each see the other's room under the quota.
    await lockUntilCommit(db, relendingLock(actor.regionCode));
    const bank = await db
      .selectFrom('institutions')
      .select(['id', 'kind'])
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.institutionId)
      .executeTakeFirst();
    if (bank === undefined || !BORROWER_KINDS.includes(bank.kind)) {
      throw invalid('institutionId', '应为辖内银行业金融机构', 'must be a bank of the district');
    }
    await refuseDuplicate(db, actor, 'relending_uses', input.reference);
    const row: RelendingUseTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      institution_id: bank.id,
      kind: input.kind,
      reference: input.reference,
      used_on: input.usedOn,
      amount: input.amount,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await checkTimeline(db, actor, row);
    await db.insertInto('relending_uses').values(row).execute();
    await audit({
      action: 'relending.use.record',
      entity: 'relending_use',
      entityId: row.id,
      after: {
        institutionId: row.institution_id,
        kind: row.kind,
        usedOn: row.used_on,
        amount: y(row.amount),
      },
    });
    return useOut(row);
  },
});

const useOut = (u: RelendingUseTable) => ({
  id: u.id,
  institutionId: u.institution_id,
  kind: u.kind,
  reference: u.reference,
  usedOn: u.used_on,
  amount: y(u.amount),
});

export interface RelendingPosition {
  asOf: string;
  /** Yuan; null when no quota is on record by the day. */
  quota: string | null;
  drawn: string | null;
  outstanding: string | null;
  available: string | null;
  byBank: { institutionId: string; drawn: string; repaid: string; outstanding: string }[];
  quotas: { id: string; reference: string; grantedOn: string; amount: string }[];
  uses: ReturnType<typeof useOut>[];
}

/** The figures as of a day (today by default) with the records behind them. */
export const relendingPosition = defineUseCase({
  name: 'relending.position',
  roles: RELENDING_READERS,
  scope: 'district',
  writes: false,
  input: z.object({ asOf: businessDate.optional() }).strict(),
  async run({ db, actor, now }, input): Promise<RelendingPosition> {
    const asOf: IsoDate = input.asOf ?? businessDayOf(now);
    const [figures, quotas, uses] = await Promise.all([
      relendingOn(db, actor.regionCode, asOf),
      db
        .selectFrom('relending_quotas')
        .selectAll()
        .where('region_code', '=', actor.regionCode)
        .where('granted_on', '<=', asOf)
        .orderBy('granted_on')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('relending_uses')
        .selectAll()
        .where('region_code', '=', actor.regionCode)
        .where('used_on', '<=', asOf)
        .orderBy('used_on')
        .orderBy('id')
        .execute(),
    ]);
    const banks = new Map<string, { drawn: bigint; repaid: bigint }>();
    for (const u of uses) {
      const b = banks.get(u.institution_id) ?? { drawn: 0n, repaid: 0n };
      if (u.kind === 'drawdown') b.drawn += BigInt(u.amount);
      else b.repaid += BigInt(u.amount);
      banks.set(u.institution_id, b);
    }
    const out = figures && figures.drawn - figures.repaid;
    return {
      asOf,
      quota: figures && y(figures.quota),
      drawn: figures && y(figures.drawn),
      outstanding: out === null ? null : y(out),
      available: figures && y(figures.quota - (out ?? 0n)),
      byBank: [...banks]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([institutionId, b]) => ({
          institutionId,
          drawn: y(b.drawn),
          repaid: y(b.repaid),
          outstanding: y(b.drawn - b.repaid),
        })),
      quotas: quotas.map((q) => ({
        id: q.id,
        reference: q.reference,
        grantedOn: q.granted_on,
        amount: y(q.amount),
      })),
      uses: uses.map(useOut),
    };
  },
});
