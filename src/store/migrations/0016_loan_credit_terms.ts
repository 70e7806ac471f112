import type { Kysely } from 'kysely';

/**
 * The better terms a credit household's loan application got (art. 10, 33; decision
 * 0022): the uplifted amount limit and the cap bounding it, the offered and contract
 * rates, and the decision deadline. One row per application of a credit household,
 * written with the application; money in fen, rates as exact percent text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('loan_credit_terms')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('limit_uplift', 'text', (c) => c.notNull())
    .addColumn('rate_discount', 'text', (c) => c.notNull())
    .addColumn('approval_days', 'integer', (c) => c.notNull())
    .addColumn('product_max_amount', 'bigint', (c) => c.notNull())
    .addColumn('uplifted_amount', 'bigint', (c) => c.notNull())
    .addColumn('policy_cap', 'bigint')
    .addColumn('max_amount', 'bigint', (c) => c.notNull())
    .addColumn('offered_rate', 'text', (c) => c.notNull())
    .addColumn('contract_rate', 'text', (c) => c.notNull())
    .addColumn('decide_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loan_credit_terms_pk', ['region_code', 'loan_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('loan_credit_terms').execute();
}
