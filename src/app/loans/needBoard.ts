import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { townshipLimit } from '../scope.ts';
import { defineUseCase } from '../useCase.ts';
import { businessDate, LOAN_READERS } from './loanFields.ts';

/**
 * The 应贷未贷 board (art. 3, 11: every eligible household with an effective need gets a
 * loan): households registered poor on the as-of date with a need recorded by then that
 * is still open (or answered but not lent), and no loan disbursed to them by then,
 * counted by township and village.
 */

export interface BoardRow {
  townshipCode: string;
  townshipName: string;
  villageCode: string;
  villageName: string;
  households: number;
  /** Sum of their open needs, yuan. */
  amount: string;
}

export interface Board {
  asOf: string;
  totalHouseholds: number;
  rows: BoardRow[];
  /** Township subtotals, in township order. */
  townships: { townshipCode: string; townshipName: string; households: number; amount: string }[];
}

const CHUNK = 500;

export const needBoard = defineUseCase({
  name: 'need.board',
  roles: LOAN_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ asOf: businessDate, township: z.string().max(15).optional() }).strict(),
  async run({ db, actor }, input): Promise<Board> {
    let q = db
      .selectFrom('financing_needs')
      .select(['household_id', 'township_code', 'village_code', 'amount'])
      .where('region_code', '=', actor.regionCode)
      .where('status', 'in', ['open', 'responded'])
      .where('recorded_on', '<=', input.asOf);
    const limit = townshipLimit(actor);
    if (limit) q = q.where('township_code', 'in', limit);
    if (input.township) q = q.where('township_code', '=', input.township);
    const needs = await q.execute();
    const byHousehold = new Map<string, { township: string; village: string; amount: number }>();
    for (const n of needs) {
      const prev = byHousehold.get(n.household_id);
      byHousehold.set(n.household_id, {
        township: n.township_code,
        village: n.village_code,
        amount: (prev?.amount ?? 0) + Number(n.amount),
      });
    }
    const ids = [...byHousehold.keys()];
    const poor = new Set<string>();
    const lent = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const history = await db
        .selectFrom('poverty_status_history')
        .select(['household_id', 'status', 'effective_from', 'recorded_at', 'id'])
        .where('region_code', '=', actor.regionCode)
        .where('household_id', 'in', chunk)
        .where('effective_from', '<=', input.asOf)
        .orderBy('household_id')
        .orderBy('effective_from')
        .orderBy('recorded_at')
        .orderBy('id')
        .execute();
      // The last entry per household (same order as statusOn) is its status on asOf.
      const latest = new Map<string, string>();
      for (const h of history) latest.set(h.household_id, h.status);
      for (const [hid, status] of latest) if (status === 'registered_poor') poor.add(hid);
      const loans = await db
        .selectFrom('loans')
        .select('household_id')
        .where('region_code', '=', actor.regionCode)
        .where('household_id', 'in', chunk)
        .where('status', 'in', ['disbursed', 'closed'])
        .where('disbursed_on', '<=', input.asOf)
        .execute();
      for (const l of loans) lent.add(l.household_id);
    }
    const cells = new Map<
      string,
      { township: string; village: string; households: number; amount: number }
    >();
    for (const [hid, n] of byHousehold) {
      if (!poor.has(hid) || lent.has(hid)) continue;
      const key = `${n.township}|${n.village}`;
      const cell = cells.get(key) ?? {
        township: n.township,
        village: n.village,
        households: 0,
        amount: 0,
      };
      cell.households += 1;
      cell.amount += n.amount;
      cells.set(key, cell);
    }
    const codes = [...new Set([...cells.values()].flatMap((c) => [c.township, c.village]))];
    const names = new Map<string, string>();
    for (let i = 0; i < codes.length; i += CHUNK) {
      const regions = await db
        .selectFrom('regions')
        .select(['code', 'name_zh'])
        .where('region_code', '=', actor.regionCode)
        .where('code', 'in', codes.slice(i, i + CHUNK))
        .execute();
      for (const r of regions) names.set(r.code, r.name_zh);
    }
    const rows = [...cells.values()]
      .sort((a, b) => (a.township + a.village < b.township + b.village ? -1 : 1))
      .map((c) => ({
        townshipCode: c.township,
        townshipName: names.get(c.township) ?? c.township,
        villageCode: c.village,
        villageName: names.get(c.village) ?? c.village,
        households: c.households,
        amount: fenToYuanString(c.amount as Fen),
      }));
    const townships = new Map<string, { households: number; amount: number }>();
    for (const c of cells.values()) {
      const t = townships.get(c.township) ?? { households: 0, amount: 0 };
      t.households += c.households;
      t.amount += c.amount;
      townships.set(c.township, t);
    }
    return {
      asOf: input.asOf,
      totalHouseholds: rows.reduce((s, r) => s + r.households, 0),
      rows,
      townships: [...townships.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([code, t]) => ({
          townshipCode: code,
          townshipName: names.get(code) ?? code,
          households: t.households,
          amount: fenToYuanString(t.amount as Fen),
        })),
    };
  },
});
