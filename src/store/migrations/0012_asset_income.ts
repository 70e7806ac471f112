import type { Kysely } from 'kysely';

/**
 * The art. 13 asset-income pilot (金融资产收益扶贫试点, ADR 0012): a poor or lifted
 * household's borrowing entitlement transferred to an enterprise as quantified equity,
 * linked to the enterprise's industry loan; and the dividends paid on each stake. Money
 * is integer fen in BIGINT; every key starts with region_code. One stake per household
 * and loan, one dividend per stake and period, in the database too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asset_income_stakes')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    // Copied from the household: the stake is read in its township's scope.
    .addColumn('township_code', 'text', (c) => c.notNull())
    /** The enterprise: an operator of the register. */
    .addColumn('operator_id', 'text', (c) => c.notNull())
    /** The enterprise's industry loan the entitlement went into. */
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    /** Percent of the enterprise's equity, exact text ('33.3333'). */
    .addColumn('equity_share', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_income_stakes_pk', ['region_code', 'id'])
    .addUniqueConstraint('asset_income_stakes_uq', ['region_code', 'loan_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('asset_income_stakes_household_idx')
    .on('asset_income_stakes')
    .columns(['region_code', 'household_id'])
    .execute();

  await db.schema
    .createTable('asset_income_dividends')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('stake_id', 'text', (c) => c.notNull())
    /** The period the dividend is for, e.g. '2017' or '2017-H1'. */
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('payment_ref', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_income_dividends_pk', ['region_code', 'id'])
    .addUniqueConstraint('asset_income_dividends_uq', ['region_code', 'stake_id', 'period'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('asset_income_dividends').execute();
  await db.schema.dropTable('asset_income_stakes').execute();
}
