import { sql } from 'kysely';
import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { SettlementLineTable } from '../../store/schema.ts';
import { id, LOAN_READERS } from '../loans/loanFields.ts';
import { loadLoanVisible } from '../loans/loanScope.ts';
import { defineUseCase } from '../useCase.ts';
import { paging, type Page } from '../validation.ts';
import { loadRun } from './runLifecycle.ts';
import { runOut, type RunSummary } from './runOut.ts';
import { SETTLEMENT_READERS } from './settlementRoles.ts';

const y = (v: number | string): string => fenToYuanString(Number(v) as Fen);

export const listRuns = defineUseCase({
  name: 'settlement.run.list',
  roles: SETTLEMENT_READERS,
  scope: 'district',
  writes: false,
  input: z.object({ period: z.string().max(40).optional(), ...paging }).strict(),
  async run({ db, actor }, input): Promise<Page<RunSummary>> {
    let q = db.selectFrom('settlement_runs').where('region_code', '=', actor.regionCode);
    if (input.period) q = q.where('period_key', '=', input.period);
    const { total } = await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map(runOut),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

export interface Breakdown {
  key: string;
  lines: number;
  total: string;
}

export interface RunDetail {
  run: RunSummary;
  byArticle: Breakdown[];
  byTownship: Breakdown[];
  byFund: Breakdown[];
  /** Who receives the money: a bank, or households paid through a bank (代发). */
  byPaymentBank: Breakdown[];
  excluded: { lines: number; total: string };
}

export const getRun = defineUseCase({
  name: 'settlement.run.get',
  roles: SETTLEMENT_READERS,
  scope: 'district',
  writes: false,
  input: z.object({ id }).strict(),
  async run({ db, actor }, input): Promise<RunDetail> {
    const run = await loadRun(db, actor, input.id);
    const by = async (
      column: 'article' | 'township_code' | 'fund_code' | 'via_institution_id',
    ): Promise<Breakdown[]> => {
      const rows = await db
        .selectFrom('settlement_lines')
        .select((eb) => [
          eb.ref(column).as('key'),
          eb.fn.countAll<number>().as('lines'),
          eb.fn.sum<string>('amount').as('total'),
        ])
        .where('region_code', '=', actor.regionCode)
        .where('run_id', '=', run.id)
        .where('excluded_reason', 'is', null)
        .groupBy(column)
        .orderBy(column)
        .execute();
      return rows.map((r) => ({ key: r.key ?? '', lines: Number(r.lines), total: y(r.total) }));
    };
    const excluded = await db
      .selectFrom('settlement_lines')
      .select((eb) => [
        eb.fn.countAll<number>().as('lines'),
        eb.fn.sum<string>('amount').as('total'),
      ])
      .where('region_code', '=', actor.regionCode)
      .where('run_id', '=', run.id)
      .where('excluded_reason', 'is not', null)
      .executeTakeFirstOrThrow();
    const [byArticle, byTownship, byFund, byPaymentBank] = await Promise.all([
      by('article'),
      by('township_code'),
      by('fund_code'),
      by('via_institution_id'),
    ]);
    return {
      run: runOut(run),
      byArticle,
      byTownship,
      byFund,
      byPaymentBank,
      excluded: { lines: Number(excluded.lines), total: y(excluded.total ?? 0) },
    };
  },
});

export interface LineOut {
  runId: string;
  n: number;
  /** The contract number of the line's loan, guarantee or insurance policy. */
  contractNo: string | null;
  ruleId: string;
  article: string;
  subjectId: string;
  accrualPeriod: string;
  payer: string;
  fund: string;
  payeeKind: string;
  payeeId: string;
  payeeName: string;
  viaInstitutionId: string | null;
  township: string;
  village: string;
  amount: string;
  excludedReason: string | null;
  excludedBy: string | null;
}

export function lineOut(l: SettlementLineTable, contractNo: string | null): LineOut {
  return {
    runId: l.run_id,
    n: l.n,
    contractNo,
    ruleId: l.rule_id,
    article: l.article,
    subjectId: l.subject_id,
    accrualPeriod: l.accrual_key,
    payer: l.payer,
    fund: l.fund_code,
    payeeKind: l.payee_kind,
    payeeId: l.payee_id,
    payeeName: l.payee_name,
    viaInstitutionId: l.via_institution_id,
    township: l.township_code,
    village: l.village_code,
    amount: y(l.amount),
    excludedReason: l.excluded_reason,
    excludedBy: l.excluded_by,
  };
}

export const listRunLines = defineUseCase({
  name: 'settlement.run.lines',
  roles: SETTLEMENT_READERS,
  scope: 'district',
  writes: false,
  input: z
    .object({
      id,
      township: z.string().max(15).optional(),
      article: z.string().max(20).optional(),
      excluded: z.enum(['yes', 'no']).optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<LineOut>> {
    const run = await loadRun(db, actor, input.id);
    let q = db
      .selectFrom('settlement_lines as l')
      .where('l.region_code', '=', actor.regionCode)
      .where('l.run_id', '=', run.id);
    if (input.township) q = q.where('l.township_code', '=', input.township);
    if (input.article) q = q.where('l.article', '=', input.article);
    if (input.excluded === 'yes') q = q.where('l.excluded_reason', 'is not', null);
    if (input.excluded === 'no') q = q.where('l.excluded_reason', 'is', null);
    const { total } = await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .leftJoin('loans', (j) =>
        j.onRef('loans.region_code', '=', 'l.region_code').onRef('loans.id', '=', 'l.subject_id'),
      )
      // A guarantee's or a policy's line shows its own contract number.
      .leftJoin('guarantees as g', (j) =>
        j.onRef('g.region_code', '=', 'l.region_code').onRef('g.id', '=', 'l.subject_id'),
      )
      .leftJoin('insurance_policies as p', (j) =>
        j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.subject_id'),
      )
      .selectAll('l')
      .select(['loans.contract_no', 'g.contract_no as guarantee_no', 'p.policy_no'])
      .orderBy('l.n')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map((r) => {
        const { guarantee_no, policy_no, contract_no, ...line } = r;
        return lineOut(line, contract_no ?? guarantee_no ?? policy_no);
      }),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

export interface RunDiff {
  runId: string;
  previousRunId: string | null;
  added: number;
  removed: number;
  changed: number;
  /** This run's included total less the previous run's, per article and township. */
  byArticle: { key: string; delta: string }[];
  byTownship: { key: string; delta: string }[];
  total: string;
}

/** The difference from the run this one replaced (issue 5 §2: a re-run shows it). */
export const diffRun = defineUseCase({
  name: 'settlement.run.diff',
  roles: SETTLEMENT_READERS,
  scope: 'district',
  writes: false,
  input: z.object({ id }).strict(),
  async run({ db, actor }, input): Promise<RunDiff> {
    const run = await loadRun(db, actor, input.id);
    const prev = run.previous_run_id;
    const region = actor.regionCode;
    // Included amount per line key in each run; excluded lines count as 0.
    const amounts = (runId: string) =>
      db
        .selectFrom('settlement_lines')
        .select([
          'line_key',
          'article',
          'township_code',
          sql<number>`case when excluded_reason is null then amount else 0 end`.as('owed'),
        ])
        .where('region_code', '=', region)
        .where('run_id', '=', runId)
        .execute();
    const now = new Map((await amounts(run.id)).map((l) => [l.line_key, l]));
    const before =
      prev === null ? new Map() : new Map((await amounts(prev)).map((l) => [l.line_key, l]));
    let added = 0;
    let removed = 0;
    let changed = 0;
    const byArticle = new Map<string, number>();
    const byTownship = new Map<string, number>();
    const add = (l: { article: string; township_code: string }, delta: number): void => {
      byArticle.set(l.article, (byArticle.get(l.article) ?? 0) + delta);
      byTownship.set(l.township_code, (byTownship.get(l.township_code) ?? 0) + delta);
    };
    for (const [key, l] of now) {
      const b = before.get(key);
      if (b === undefined) added++;
      else if (Number(b.owed) !== Number(l.owed)) changed++;
      add(l, Number(l.owed) - Number(b?.owed ?? 0));
    }
    for (const [key, b] of before) {
      if (now.has(key)) continue;
      removed++;
      add(b, -Number(b.owed));
    }
    const list = (m: Map<string, number>) =>
      [...m.entries()]
        .filter(([, d]) => d !== 0)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, d]) => ({ key, delta: y(d) }));
    return {
      runId: run.id,
      previousRunId: prev,
      added,
      removed,
      changed,
      byArticle: list(byArticle),
      byTownship: list(byTownship),
      total: y([...byArticle.values()].reduce((s, d) => s + d, 0)),
    };
  },
});

export interface LoanSubsidy {
  runId: string;
  n: number;
  payer: string;
  period: string;
  status: string;
  article: string;
  accrualPeriod: string;
  payeeName: string;
  amount: string;
  excludedReason: string | null;
}

/** A loan's subsidy history on its page: every line of every run that is not superseded. */
export const loanSubsidies = defineUseCase({
  name: 'settlement.loan-subsidies',
  roles: LOAN_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({ id }).strict(),
  async run({ db, actor }, input): Promise<LoanSubsidy[]> {
    const loan = await loadLoanVisible(db, actor, input.id);
    const rows = await db
      .selectFrom('settlement_lines as l')
      .innerJoin('settlement_runs as r', (j) =>
        j.onRef('r.region_code', '=', 'l.region_code').onRef('r.id', '=', 'l.run_id'),
      )
      .select([
        'r.id as run_id',
        'l.n',
        'l.payer',
        'r.period_key',
        'r.status',
        'l.article',
        'l.accrual_key',
        'l.payee_name',
        'l.amount',
        'l.excluded_reason',
      ])
      .where('l.region_code', '=', actor.regionCode)
      .where('l.subject_id', '=', loan.id)
      .where('r.status', 'not in', ['superseded', 'rejected'])
      .orderBy('l.accrual_key')
      .orderBy('r.created_at')
      .execute();
    return rows.map((r) => ({
      runId: r.run_id,
      n: r.n,
      payer: r.payer,
      period: r.period_key,
      status: r.status,
      article: r.article,
      accrualPeriod: r.accrual_key,
      payeeName: r.payee_name,
      amount: y(r.amount),
      excludedReason: r.excluded_reason,
    }));
  },
});
