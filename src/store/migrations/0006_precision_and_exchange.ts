import type { Kysely } from 'kysely';

/**
 * Issue 4, items 7 and 8: precision-check findings (keyed by check and subject, so a
 * re-run updates rather than duplicates), banks' enterprise-use flags (户贷企用), the
 * stored bank-ledger reconciliation reports with their mismatches, and the staging rows
 * a streamed repayment import sorts by loan and date before allocating. Portable types
 * only; every key starts with region_code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('precision_findings')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('check_code', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text')
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text')
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('precision_findings_pk', ['region_code', 'id'])
    .addUniqueConstraint('precision_findings_key_uq', ['region_code', 'check_code', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('precision_findings_list_idx')
    .on('precision_findings')
    .columns(['region_code', 'status', 'township_code'])
    .execute();

  await db.schema
    .createTable('loan_enterprise_use_flags')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('flagged_by', 'text', (c) => c.notNull())
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loan_enterprise_use_flags_pk', ['region_code', 'loan_id'])
    .execute();

  await db.schema
    .createTable('exchange_reports')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('matched', 'integer', (c) => c.notNull())
    .addColumn('only_in_ledger', 'integer', (c) => c.notNull())
    .addColumn('only_in_jinfu', 'integer', (c) => c.notNull())
    .addColumn('differing', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_reports_pk', ['region_code', 'id'])
    .addUniqueConstraint('exchange_reports_file_uq', [
      'region_code',
      'institution_id',
      'sha256',
      'as_of',
    ])
    .execute();

  await db.schema
    .createTable('exchange_mismatches')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('row', 'integer')
    .addColumn('field', 'text')
    .addColumn('contract_no', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text')
    .addColumn('township_code', 'text')
    .addColumn('ledger_value', 'text')
    .addColumn('jinfu_value', 'text')
    .addPrimaryKeyConstraint('exchange_mismatches_pk', ['region_code', 'report_id', 'seq'])
    .execute();

  await db.schema
    .createTable('repayment_import_rows')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('loan_id', 'text')
    .addColumn('bank_txn_id', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('amount', 'bigint')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('repayment_import_rows_pk', ['region_code', 'job_id', 'row'])
    .execute();
  await db.schema
    .createIndex('repayment_import_rows_txn_idx')
    .on('repayment_import_rows')
    .columns(['region_code', 'job_id', 'bank_txn_id'])
    .execute();
  await db.schema
    .createIndex('repayment_import_rows_loan_idx')
    .on('repayment_import_rows')
    .columns(['region_code', 'job_id', 'loan_id', 'paid_on', 'row'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'repayment_import_rows',
    'exchange_mismatches',
    'exchange_reports',
    'loan_enterprise_use_flags',
    'precision_findings',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
