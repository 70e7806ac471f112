import type { Kysely } from 'kysely';

/**
 * Issue 7 §3, the rest (decision 0020): art. 29 relending (the quota the PBOC grants the
 * district and the banks' drawdowns and repayments under it), the art. 23 capital-markets
 * pipeline (companies, their dated stages, direct-financing trainings) and the art. 21
 * guarantee company's paid-in capital by date. Money is integer fen in BIGINT; every key
 * starts with region_code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('relending_quotas')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    // The grant's document number (批复文号): the same grant is never entered twice.
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('granted_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('relending_quotas_pk', ['region_code', 'id'])
    .addUniqueConstraint('relending_quotas_reference_uq', ['region_code', 'reference'])
    .execute();

  await db.schema
    .createTable('relending_uses')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    // 'drawdown' | 'repayment'.
    .addColumn('kind', 'text', (c) => c.notNull())
    // The voucher number (借据号 / 还款凭证号) of this drawdown or repayment.
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('used_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('relending_uses_pk', ['region_code', 'id'])
    .addUniqueConstraint('relending_uses_reference_uq', ['region_code', 'reference'])
    .execute();

  await db.schema
    .createTable('market_companies')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('market_companies_pk', ['region_code', 'id'])
    .addUniqueConstraint('market_companies_uscc_uq', ['region_code', 'uscc'])
    .execute();

  await db.schema
    .createTable('market_stages')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    // 1, 2, … in the order the stages were reached.
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('reached_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('market_stages_pk', ['region_code', 'company_id', 'n'])
    .execute();

  await db.schema
    .createTable('market_trainings')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('market_trainings_pk', ['region_code', 'id'])
    .addUniqueConstraint('market_trainings_uq', ['region_code', 'held_on', 'title'])
    .execute();

  await db.schema
    .createTable('guarantor_capital')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    // The day the paid-in capital (实收资本) stood at `paid_in`, as its papers state.
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('paid_in', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('guarantor_capital_pk', ['region_code', 'institution_id', 'as_of'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'guarantor_capital',
    'market_trainings',
    'market_stages',
    'market_companies',
    'relending_uses',
    'relending_quotas',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
