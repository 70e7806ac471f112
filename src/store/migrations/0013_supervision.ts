import type { Kysely } from 'kysely';

/**
 * Supervision (issue 8, decision 0017): one task per measure of the shipped
 * responsibility matrix, its owner units as resolved in the register, the owners'
 * quarterly progress reports and the notifications of overdue ones. Every key starts
 * with region_code. A report is unique per (task, owner, quarter) in the database too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supervision_tasks')
    .addColumn('region_code', 'text', (c) => c.notNull())
    // The measure id of the matrix, 'art6.3'.
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('article', 'integer', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('reporting_from', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_tasks_pk', ['region_code', 'id'])
    .execute();

  await db.schema
    .createTable('supervision_task_owners')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    // The unit as the text names it; several owners share it when it names a class.
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_ref', 'text')
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_task_owners_pk', ['region_code', 'task_id', 'n'])
    .execute();
  await db.schema
    .createIndex('supervision_task_owners_ref_idx')
    .on('supervision_task_owners')
    .columns(['region_code', 'owner_kind', 'owner_ref'])
    .execute();

  await db.schema
    .createTable('supervision_reports')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('owner_n', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('attachments_json', 'text', (c) => c.notNull())
    .addColumn('indicator_ids_json', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_reports_pk', ['region_code', 'id'])
    .addUniqueConstraint('supervision_reports_period_uq', [
      'region_code',
      'task_id',
      'owner_n',
      'period',
    ])
    .execute();

  await db.schema
    .createTable('supervision_notifications')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    // 'district', or the owner key 'gov_unit:<id>' / 'institution:<id>' / 'township:<code>'.
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('owner_n', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('message_zh', 'text', (c) => c.notNull())
    .addColumn('message_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_notifications_pk', ['region_code', 'id'])
    .addUniqueConstraint('supervision_notifications_uq', [
      'region_code',
      'recipient',
      'kind',
      'task_id',
      'owner_n',
      'period',
    ])
    .execute();

  // Art. 35: the yearly evaluation schemes (a scheme is never edited: a change is a new
  // version) and each institution's evaluation under its year's latest scheme.
  await db.schema
    .createTable('evaluation_schemes')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('scheme_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_schemes_pk', ['region_code', 'year', 'version'])
    .execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('scheme_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scores_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_by', 'text')
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('evaluations_pk', ['region_code', 'year', 'institution_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'evaluations',
    'evaluation_schemes',
    'supervision_notifications',
    'supervision_reports',
    'supervision_task_owners',
    'supervision_tasks',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
