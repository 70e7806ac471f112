import { sql, type Kysely } from 'kysely';

/**
 * Issue 7: the service-network register (arts. 6–9: outlets, devices, service points,
 * mutual-aid organisations, each open from one date until it closes) and the banks'
 * periodic loan statistics (art. 29, general targets) with their lines by category.
 * Money is integer fen in BIGINT; every key starts with region_code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_points')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text')
    // Null only for the district tier of the mutual-aid organisation (区总会).
    .addColumn('township_code', 'text')
    // Null for the district and township tiers of the mutual-aid organisation.
    .addColumn('village_code', 'text')
    .addColumn('group_code', 'text')
    .addColumn('mutual_aid_tier', 'text')
    .addColumn('art6_site', 'text')
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_points_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('service_points_kind_idx')
    .on('service_points')
    .columns(['region_code', 'kind', 'opened_on'])
    .execute();

  // The dashboard counts registered poor households by village (general target 3) on
  // every request: this index answers it without reading the households themselves.
  await db.schema
    .createIndex('households_poverty_village_idx')
    .on('households')
    .columns(['region_code', 'poverty_status', 'village_code'])
    .execute();

  await db.schema
    .createTable('statistics_reports')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('statistics_reports_pk', ['region_code', 'id'])
    .execute();
  // One live (submitted or approved) report per bank and period; a rejected one may be
  // followed by a corrected one.
  await db.schema
    .createIndex('statistics_reports_live_uq')
    .on('statistics_reports')
    .columns(['region_code', 'institution_id', 'period_key'])
    .unique()
    .where(sql.ref('status'), '<>', 'rejected')
    .execute();

  await db.schema
    .createTable('statistics_lines')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull())
    .addColumn('new_lending', 'bigint', (c) => c.notNull())
    .addColumn('repaid', 'bigint', (c) => c.notNull())
    .addColumn('borrowers', 'integer', (c) => c.notNull())
    .addColumn('npl_balance', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('statistics_lines_pk', ['region_code', 'report_id', 'category'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('households_poverty_village_idx').execute();
  for (const t of ['statistics_lines', 'statistics_reports', 'service_points']) {
    await db.schema.dropTable(t).execute();
  }
}
