import type { Kysely } from 'kysely';

/** A bank's own note on a payment (备注 in its repayment file); null when it gave none. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('repayments').addColumn('note', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('repayments').dropColumn('note').execute();
}
