import { sql, type Kysely } from 'kysely';

/**
 * Loss compensation claims and loss sharing (issue 5, decision 0023): each product's
 * effective-dated shares of a loss among the risk compensation fund, the bank, the
 * guarantor and the insurer; the claims banks file on defaulted or written-off loans and
 * guarantors on their unrecoverable compensations (art. 22), checked by the district;
 * and what was recovered after the fund paid. Money is integer fen in BIGINT; every key
 * starts with region_code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('loss_shares')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    // Exact percent text ('50'); the four sum to 100.
    .addColumn('fund_share', 'text', (c) => c.notNull())
    .addColumn('bank_share', 'text', (c) => c.notNull())
    .addColumn('guarantor_share', 'text', (c) => c.notNull())
    .addColumn('insurer_share', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loss_shares_pk', ['region_code', 'product_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('loss_claims')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    /** 'bank' (a loss on a loan) | 'guarantor' (an unrecoverable compensation, art. 22). */
    .addColumn('claimant', 'text', (c) => c.notNull())
    .addColumn('claimant_id', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('guarantee_id', 'text')
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('loss_date', 'text', (c) => c.notNull())
    /** A guarantor's claim carries its unrecoverable compensation here, interest 0. */
    .addColumn('principal_loss', 'bigint', (c) => c.notNull())
    .addColumn('interest_loss', 'bigint', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    /** 'filed' | 'approved' | 'rejected'. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('checked_by', 'text')
    .addColumn('checked_at', 'text')
    /** The business day of the check: the run whose period holds it pays the claim. */
    .addColumn('checked_on', 'text')
    .addColumn('check_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('loss_claims_pk', ['region_code', 'id'])
    .execute();
  // A loan's loss is claimed once (by its bank or its guarantor); a rejected claim may be
  // followed by a corrected one.
  await db.schema
    .createIndex('loss_claims_live_uq')
    .on('loss_claims')
    .columns(['region_code', 'loan_id'])
    .unique()
    .where(sql.ref('status'), '<>', 'rejected')
    .execute();
  await db.schema
    .createIndex('loss_claims_checked_idx')
    .on('loss_claims')
    .columns(['region_code', 'status', 'checked_on'])
    .execute();

  await db.schema
    .createTable('loss_recoveries')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('recovered_on', 'text', (c) => c.notNull())
    /** What the claimant recovered, and the fund's share of it posted back. */
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('fund_amount', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loss_recoveries_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('loss_recoveries_claim_idx')
    .on('loss_recoveries')
    .columns(['region_code', 'claim_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['loss_recoveries', 'loss_claims', 'loss_shares']) {
    await db.schema.dropTable(t).execute();
  }
}
