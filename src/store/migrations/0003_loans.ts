import type { Kysely } from 'kysely';

/**
 * Loans, first increment (issue 4): products, art. 3 financing needs, loans with their
 * schedules, and repayments. Portable types only (text, integer, bigint); money is
 * integer fen in BIGINT, dates 'YYYY-MM-DD' text, instants ISO text; every key starts
 * with region_code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('loan_products')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text')
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('min_amount', 'bigint', (c) => c.notNull())
    .addColumn('max_amount', 'bigint', (c) => c.notNull())
    .addColumn('min_term_months', 'integer', (c) => c.notNull())
    .addColumn('max_term_months', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('interest_period', 'text')
    .addColumn('day_count', 'text', (c) => c.notNull())
    .addColumn('rounding', 'text', (c) => c.notNull())
    .addColumn('grace_months', 'integer', (c) => c.notNull())
    .addColumn('collateral', 'text', (c) => c.notNull())
    .addColumn('rate_rule_kind', 'text')
    .addColumn('rate_rule_value', 'text')
    .addColumn('policy_rule_ids', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('loan_products_pk', ['region_code', 'id'])
    .addUniqueConstraint('loan_products_code_uq', ['region_code', 'code'])
    .execute();

  await db.schema
    .createTable('financing_needs')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('responding_institution_id', 'text')
    .addColumn('response_text', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('financing_needs_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('financing_needs_township_idx')
    .on('financing_needs')
    .columns(['region_code', 'township_code', 'status'])
    .execute();
  await db.schema
    .createIndex('financing_needs_household_idx')
    .on('financing_needs')
    .columns(['region_code', 'household_id'])
    .execute();

  await db.schema
    .createTable('loans')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('contract_no', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('annual_rate', 'text', (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('applied_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('refusal_json', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('contract_date', 'text')
    .addColumn('disbursed_on', 'text')
    .addColumn('maturity_date', 'text')
    .addColumn('need_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('loans_pk', ['region_code', 'id'])
    .addUniqueConstraint('loans_contract_no_uq', ['region_code', 'contract_no'])
    .execute();
  await db.schema
    .createIndex('loans_household_idx')
    .on('loans')
    .columns(['region_code', 'household_id'])
    .execute();
  await db.schema
    .createIndex('loans_institution_idx')
    .on('loans')
    .columns(['region_code', 'institution_id', 'status'])
    .execute();
  await db.schema
    .createIndex('loans_township_idx')
    .on('loans')
    .columns(['region_code', 'township_code', 'village_code'])
    .execute();

  await db.schema
    .createTable('loan_schedule_rows')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('schedule_version', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('principal', 'bigint', (c) => c.notNull())
    .addColumn('interest', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('loan_schedule_rows_pk', [
      'region_code',
      'loan_id',
      'schedule_version',
      'n',
    ])
    .execute();

  await db.schema
    .createTable('repayments')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('principal', 'bigint', (c) => c.notNull())
    .addColumn('interest', 'bigint', (c) => c.notNull())
    .addColumn('penalty', 'bigint', (c) => c.notNull())
    .addColumn('bank_txn_id', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('repayments_pk', ['region_code', 'id'])
    .addUniqueConstraint('repayments_bank_txn_uq', ['region_code', 'institution_id', 'bank_txn_id'])
    .execute();
  await db.schema
    .createIndex('repayments_loan_idx')
    .on('repayments')
    .columns(['region_code', 'loan_id', 'paid_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'repayments',
    'loan_schedule_rows',
    'loans',
    'financing_needs',
    'loan_products',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
