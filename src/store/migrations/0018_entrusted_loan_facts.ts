import type { Kysely } from 'kysely';

/**
 * Art. 22's entrusted-loan half (ADR 0016): an entrusted loan's subsidy facts say which
 * guarantee company entrusted it and who borrowed — an enterprise or a large farmer, in a
 * poor township or not — as a guarantee contract already does for the guarantee half.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('loan_subsidy_facts').addColumn('entrusted_by', 'text').execute();
  await db.schema.alterTable('loan_subsidy_facts').addColumn('borrower_kind', 'text').execute();
  await db.schema
    .alterTable('loan_subsidy_facts')
    .addColumn('in_poor_township', 'integer')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['in_poor_township', 'borrower_kind', 'entrusted_by']) {
    await db.schema.alterTable('loan_subsidy_facts').dropColumn(column).execute();
  }
}
