import { sql, type Kysely } from 'kysely';
import { appendOnly } from '../appendOnly.ts';
import { isPostgres } from '../database.ts';

/**
 * The rural credit system (issue 6, art. 10, 3, 33): credit information collected per
 * household or new agricultural operator, ratings (a new row per rating: yearly
 * re-rating keeps the history), designation proposals with their approval, the
 * designation history, and the defaulters list with its appeal trail. Ratings, the
 * designation history and the defaulters' trail are append-only in the database.
 */
const APPEND_ONLY = ['credit_ratings', 'credit_designations', 'credit_defaulter_events'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credit_collections')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sections_json', 'text', (c) => c.notNull())
    .addColumn('collected_on', 'text', (c) => c.notNull())
    .addColumn('collected_by', 'text', (c) => c.notNull())
    .addColumn('collector_role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_collections_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('credit_collections_subject_idx')
    .on('credit_collections')
    .columns(['region_code', 'subject_id', 'collected_on'])
    .execute();
  await db.schema
    .createIndex('credit_collections_village_idx')
    .on('credit_collections')
    .columns(['region_code', 'township_code', 'village_code', 'status'])
    .execute();

  await db.schema
    .createTable('credit_ratings')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('rated_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('lines_json', 'text', (c) => c.notNull())
    .addColumn('rated_by', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_ratings_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('credit_ratings_subject_idx')
    .on('credit_ratings')
    .columns(['region_code', 'subject_id', 'rated_on'])
    .execute();
  await db.schema
    .createIndex('credit_ratings_village_idx')
    .on('credit_ratings')
    .columns(['region_code', 'township_code', 'village_code'])
    .execute();

  await db.schema
    .createTable('credit_proposals')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('subject_code', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text')
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_proposals_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('credit_proposals_subject_idx')
    .on('credit_proposals')
    .columns(['region_code', 'level', 'subject_code', 'status'])
    .execute();

  await db.schema
    .createTable('credit_designations')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('subject_code', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_designations_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('credit_designations_subject_idx')
    .on('credit_designations')
    .columns(['region_code', 'level', 'subject_code', 'effective_on'])
    .execute();

  await db.schema
    .createTable('credit_defaulters')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('listed_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cleared_on', 'text')
    .addColumn('listed_by', 'text', (c) => c.notNull())
    .addColumn('listed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_defaulters_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('credit_defaulters_household_idx')
    .on('credit_defaulters')
    .columns(['region_code', 'household_id'])
    .execute();

  await db.schema
    .createTable('credit_defaulter_events')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('defaulter_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_defaulter_events_pk', ['region_code', 'defaulter_id', 'seq'])
    .execute();

  for (const table of APPEND_ONLY) await appendOnly(db, table);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'credit_defaulter_events',
    'credit_defaulters',
    'credit_designations',
    'credit_proposals',
    'credit_ratings',
    'credit_collections',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  if (isPostgres(db)) {
    for (const t of APPEND_ONLY) await sql.raw(`DROP FUNCTION ${t}_append_only()`).execute(db);
  }
}
