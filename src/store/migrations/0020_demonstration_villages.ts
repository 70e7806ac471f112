import type { Kysely } from 'kysely';

/**
 * Art. 2's demonstration villages (decision 0025): each village the lead bank made a
 * financial poverty-alleviation demonstration village, the day it was recognised and
 * the document — what the art. 2 target counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demonstration_villages')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('designated_on', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demonstration_villages_pk', ['region_code', 'village_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('demonstration_villages').execute();
}
