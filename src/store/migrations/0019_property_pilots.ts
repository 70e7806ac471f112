import { sql, type Kysely } from 'kysely';

/**
 * Art. 19's rural property mortgage pilot (decision 0024): which banks and guarantors
 * the district named pilot institutions (试点承办银行机构、担保机构), from when and until
 * when; on a loss claim, the rural property the loan was mortgaged on, and the rule the
 * district found to compensate the loss when it approved the claim (art. 19's 50 %, or
 * the art. 31 fund), so that later changes to the pilot register never move a loss from
 * one rule to the other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('property_pilots')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    /** The last day in the pilot; null while it lasts. */
    .addColumn('to_date', 'text')
    /** The document that named the institution (文号). */
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('property_pilots_pk', ['region_code', 'institution_id', 'from_date'])
    .execute();
  await db.schema
    .alterTable('loss_claims')
    .addColumn('collateral', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema.alterTable('loss_claims').addColumn('rule_id', 'text').execute();
  // Every claim approved before the pilot register existed was the fund's.
  await sql`update loss_claims set rule_id = 'art31.risk-compensation' where status = 'approved'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('loss_claims').dropColumn('rule_id').execute();
  await db.schema.alterTable('loss_claims').dropColumn('collateral').execute();
  await db.schema.dropTable('property_pilots').execute();
}
