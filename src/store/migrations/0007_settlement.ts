import { sql, type Kysely } from 'kysely';
import { appendOnly } from '../appendOnly.ts';
import { isPostgres } from '../database.ts';

/**
 * Settlement (issue 5): subsidy runs and their lines, the claims that make a line
 * payable once, and the funds' double-entry ledger. Money is integer fen in BIGINT;
 * every key starts with region_code. The ledger and the claims are append-only in the
 * database itself: a correction is a new entry, never an edit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settlement_runs')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('parameters_at', 'text', (c) => c.notNull())
    .addColumn('previous_run_id', 'text')
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('total_amount', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('paid_by', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('payment_reference', 'text')
    .addColumn('rejected_by', 'text')
    .addColumn('rejected_at', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('settlement_runs_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('settlement_runs_period_idx')
    .on('settlement_runs')
    .columns(['region_code', 'period_key', 'status'])
    .execute();

  // One row per period, locked while a run of that period is prepared or approved, so
  // two runs of the same period at once queue instead of racing.
  await db.schema
    .createTable('settlement_periods')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('settlement_periods_pk', ['region_code', 'period_key'])
    .execute();

  await db.schema
    .createTable('settlement_lines')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('accrual_key', 'text', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('fund_code', 'text', (c) => c.notNull())
    .addColumn('payee_kind', 'text', (c) => c.notNull())
    .addColumn('payee_id', 'text', (c) => c.notNull())
    .addColumn('payee_name', 'text', (c) => c.notNull())
    .addColumn('via_institution_id', 'text')
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('excluded_reason', 'text')
    .addColumn('excluded_by', 'text')
    .addColumn('input_json', 'text', (c) => c.notNull())
    // No unique index on (run, line key): the run checks its keys as it writes them, and
    // a second index over long keys would cost a run of a province a third of its time.
    .addPrimaryKeyConstraint('settlement_lines_pk', ['region_code', 'run_id', 'n'])
    .execute();
  await db.schema
    .createIndex('settlement_lines_subject_idx')
    .on('settlement_lines')
    .columns(['region_code', 'subject_id'])
    .execute();

  // The double-payment guard: a line is claimed when its run is approved, and the
  // primary key lets each (rule, subject, accrual period, payer) be claimed once.
  await db.schema
    .createTable('settlement_claims')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('settlement_claims_pk', ['region_code', 'line_key'])
    .execute();

  await db.schema
    .createTable('ledger_accounts')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_accounts_pk', ['region_code', 'code'])
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('posted_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_entries_pk', ['region_code', 'id'])
    .execute();

  await db.schema
    .createTable('ledger_lines')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('posted_on', 'text', (c) => c.notNull())
    // Debit positive, credit negative: every entry's lines sum to zero.
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_lines_pk', ['region_code', 'entry_id', 'n'])
    .execute();
  await db.schema
    .createIndex('ledger_lines_account_idx')
    .on('ledger_lines')
    .columns(['region_code', 'account_code', 'posted_on'])
    .execute();

  for (const table of ['ledger_entries', 'ledger_lines', 'settlement_claims']) {
    await appendOnly(db, table);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'ledger_lines',
    'ledger_entries',
    'ledger_accounts',
    'settlement_claims',
    'settlement_lines',
    'settlement_periods',
    'settlement_runs',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  if (isPostgres(db)) {
    for (const t of ['ledger_entries', 'ledger_lines', 'settlement_claims']) {
      await sql.raw(`DROP FUNCTION ${t}_append_only()`).execute(db);
    }
  }
}
