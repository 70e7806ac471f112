import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { App } from '../../src/app/app.ts';
import { AppError } from '../../src/app/errors.ts';
import { DEMO_PASSWORD } from '../../src/app/demo/seedDemo.ts';
import { SESSION_COOKIE } from '../../src/http/server.ts';
import { residentIdCheckChar } from '../../src/core/identity/residentId.ts';
import { usccCheckChar } from '../../src/core/identity/uscc.ts';
import type { Database } from '../../src/store/schema.ts';

/** Shared by the HTTP attack, registry, auth and household-write suites. */

/** A clock the tests move by hand: sessions, throttling and audit stamps depend on it. */
export class Clock {
  current: Date;
  constructor(start = '2017-06-01T01:00:00.000Z') {
    this.current = new Date(start);
  }
  readonly now = (): Date => this.current;
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Township codes of the small demo district (500156 + 3 digits, index + 1). */
export const BAIMA = '500156003'; // 白马镇: the `baima` clerk; served by ICBC (townships 0–5)
export const HOUPING = '500156023'; // 后坪乡: the `houping` clerk; not served by ICBC
export const ICBC_SERVED = ['500156001', '500156002', BAIMA, '500156004', '500156005', '500156006'];

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, unknown>;
}

/** One HTTP call through fastify's inject; `cookie` is a full `name=value` pair or null. */
export async function call(
  server: FastifyInstance,
  cookie: string | null,
  method: Method,
  url: string,
  payload?: unknown,
  remoteAddress?: string,
): Promise<Answer> {
  const res = await server.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  const text = res.body;
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text, so an assertion shows it
  }
  // the Date header differs between otherwise identical answers
  const { date: _date, ...headers } = res.headers;
  return { status: res.statusCode, body, headers };
}

/** Logs in over HTTP and returns the session cookie as `jinfu_session=<token>`. */
export async function cookieFor(
  server: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
  remoteAddress = '127.0.0.1',
): Promise<string> {
  const res = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
  expect(res.statusCode, `login ${username}: ${res.body}`).toBe(200);
  const c = res.cookies.find((k) => k.name === SESSION_COOKIE);
  expect(c).toBeDefined();
  return `${SESSION_COOKIE}=${c!.value}`;
}

const CJK = /[\u4e00-\u9fff]/;

/** The error contract: `{code, message_zh, message_en, field?}`, both languages filled in. */
export function expectBilingual(
  body: unknown,
  code?: string,
): asserts body is {
  code: string;
  message_zh: string;
  message_en: string;
  field?: string;
} {
  const b = body as Record<string, unknown>;
  expect(typeof b, JSON.stringify(body)).toBe('object');
  expect(typeof b.code, JSON.stringify(body)).toBe('string');
  expect(b.message_zh, JSON.stringify(body)).toMatch(CJK);
  expect(typeof b.message_en, JSON.stringify(body)).toBe('string');
  expect((b.message_en as string).length).toBeGreaterThan(3);
  expect(b.message_en as string, 'English message is not Chinese').not.toMatch(CJK);
  const allowed = new Set(['code', 'message_zh', 'message_en', 'field', 'row']);
  for (const k of Object.keys(b)) expect(allowed.has(k), `unexpected key ${k}`).toBe(true);
  if (code !== undefined) expect(b.code).toBe(code);
}

/** An error answer naming a field, both messages bilingual. */
export function expectFieldError(answer: Answer, status: number, field: string, code?: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expectBilingual(answer.body, code);
  expect((answer.body as { field?: string }).field).toBe(field);
}

export type Table = keyof Database;
/** Every table; the Record makes a table added to the schema but not here a type error. */
const EVERY_TABLE: Record<Table, true> = {
  regions: true,
  households: true,
  household_members: true,
  poverty_status_history: true,
  operators: true,
  institutions: true,
  gov_units: true,
  users: true,
  sessions: true,
  login_failures: true,
  audit_log: true,
  parameter_versions: true,
  loan_products: true,
  financing_needs: true,
  loans: true,
  loan_schedule_rows: true,
  repayments: true,
  loan_events: true,
  precision_findings: true,
  loan_enterprise_use_flags: true,
  exchange_reports: true,
  exchange_mismatches: true,
  repayment_import_rows: true,
  settlement_runs: true,
  settlement_periods: true,
  settlement_lines: true,
  settlement_claims: true,
  ledger_accounts: true,
  ledger_entries: true,
  ledger_lines: true,
  credit_collections: true,
  credit_ratings: true,
  credit_proposals: true,
  credit_designations: true,
  credit_defaulters: true,
  credit_defaulter_events: true,
  service_points: true,
  statistics_reports: true,
  statistics_lines: true,
  loan_subsidy_facts: true,
  guarantees: true,
  guarantee_years: true,
  guarantee_events: true,
  insurance_policies: true,
  insurance_claims: true,
  supervision_tasks: true,
  supervision_task_owners: true,
  supervision_reports: true,
  supervision_notifications: true,
  evaluation_schemes: true,
  evaluations: true,
  asset_income_stakes: true,
  asset_income_dividends: true,
  relending_quotas: true,
  relending_uses: true,
  market_companies: true,
  market_stages: true,
  market_trainings: true,
  guarantor_capital: true,
  loss_shares: true,
  loss_claims: true,
  property_pilots: true,
  demonstration_villages: true,
  loss_recoveries: true,
  register_tallies: true,
  loan_credit_terms: true,
};
export const ALL_TABLES = Object.keys(EVERY_TABLE) as readonly Table[];

/** Every row of the given tables, in a stable order: compare two of these to prove "nothing changed". */
export async function dump(app: App, tables: readonly Table[] = ALL_TABLES) {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await app.store.db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** The audit log, oldest first (ids are time-ordered only to the millisecond). */
export async function auditRows(app: App) {
  return app.store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

/** Audit entries written since `before` was read. */
export async function auditSince(app: App, before: readonly { id: string }[]) {
  const seen = new Set(before.map((r) => r.id));
  return (await auditRows(app)).filter((r) => !seen.has(r.id));
}

/** One household with its members and status history, for before/after comparisons. */
export async function householdState(app: App, id: string) {
  const db = app.store.db;
  const [household, members, history] = await Promise.all([
    db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst(),
    db
      .selectFrom('household_members')
      .selectAll()
      .where('household_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('poverty_status_history')
      .selectAll()
      .where('household_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return { household, members, history };
}

/** The first household (by number) of a township, straight from the database. */
export async function householdIn(app: App, township: string) {
  return app.store.db
    .selectFrom('households')
    .selectAll()
    .where('township_code', '=', township)
    .orderBy('household_no')
    .executeTakeFirstOrThrow();
}

/**
 * A valid resident ID. The demo district's people are born under prefix 500232; these use
 * 500156, so they never collide with seeded ones.
 */
export function residentId(seq: number, birth = '19800101', prefix = '500156'): string {
  const body = `${prefix}${birth}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

export const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;
export const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;

export const RANDOM_UUID = '0190f3a2-7c1e-7d4b-9a6e-3f2b1c0d9e8f';

/** A valid unified social credit code (the demo's start with 93; these with 92). */
export function usccFor(seq: number): string {
  const first17 = `92500156MA${String(seq).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}

/** The AppError a refused call throws; anything else (or no refusal) fails the test. */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/**
 * Runs the call after a snapshot of `tables`, expects a refusal with a Chinese message
 * and the tables unchanged, and returns the refusal.
 */
export async function refusedUnchanged(
  app: App,
  tables: readonly Table[],
  call: () => Promise<unknown>,
): Promise<AppError> {
  const before = await dump(app, tables);
  const err = await refusal(call());
  expect(await dump(app, tables)).toEqual(before);
  expect(err.message_zh).toMatch(/[\u4e00-\u9fff]/);
  return err;
}
