import { sql, type Kysely } from 'kysely';

/**
 * Loan servicing settings and events (issue 4 items 5–6, ADR 0008): each product's
 * allocation order, penalty factor and classification bounds, with defaults that keep
 * existing products as they were (no penalty interest); and loan events (展期, 续贷,
 * 追加贷款, 核销, 核销后收回), requested and decided by two different people, each kept
 * with its before and after.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('loan_products')
    .addColumn('allocation_order', 'text', (c) =>
      c.notNull().defaultTo('penalty-interest-principal'),
    )
    .execute();
  await db.schema.alterTable('loan_products').addColumn('penalty_factor', 'text').execute();
  await db.schema
    .alterTable('loan_products')
    .addColumn('class_bounds', 'text', (c) => c.notNull().defaultTo(sql`'[0,90,180,360]'`))
    .execute();

  await db.schema
    .createTable('loan_events')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_id', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('schedule_version', 'integer')
    .addColumn('annual_rate', 'text')
    .addColumn('amount', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('loan_events_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('loan_events_loan_idx')
    .on('loan_events')
    .columns(['region_code', 'loan_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('loan_events').execute();
  for (const c of ['class_bounds', 'penalty_factor', 'allocation_order']) {
    await db.schema.alterTable('loan_products').dropColumn(c).execute();
  }
}
