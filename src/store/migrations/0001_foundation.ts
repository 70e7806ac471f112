import type { Kysely } from 'kysely';

/**
 * The register, accounts, sessions, audit log and parameter versions.
 * Written with portable types only (text, integer, bigint) so the same migration
 * runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('township_code', 'text')
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('regions_pk', ['region_code', 'code'])
    .execute();
  await db.schema
    .createIndex('regions_parent_idx')
    .on('regions')
    .columns(['region_code', 'parent_code'])
    .execute();

  await db.schema
    .createTable('households')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_no', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text')
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('head_id_number', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('subsidy_account', 'text')
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('poverty_status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('households_pk', ['region_code', 'id'])
    .addUniqueConstraint('households_no_uq', ['region_code', 'household_no'])
    .addUniqueConstraint('households_head_id_uq', ['region_code', 'head_id_number'])
    .execute();
  await db.schema
    .createIndex('households_township_idx')
    .on('households')
    .columns(['region_code', 'township_code', 'village_code'])
    .execute();
  await db.schema
    .createIndex('households_head_name_idx')
    .on('households')
    .columns(['region_code', 'head_name'])
    .execute();

  await db.schema
    .createTable('household_members')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('household_members_pk', ['region_code', 'id'])
    .addUniqueConstraint('household_members_id_number_uq', ['region_code', 'id_number'])
    .execute();
  await db.schema
    .createIndex('household_members_household_idx')
    .on('household_members')
    .columns(['region_code', 'household_id'])
    .execute();

  await db.schema
    .createTable('poverty_status_history')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('poverty_status_history_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('poverty_status_history_household_idx')
    .on('poverty_status_history')
    .columns(['region_code', 'household_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('operators')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('legal_representative', 'text')
    .addColumn('workforce', 'integer', (c) => c.notNull())
    .addColumn('poor_workforce', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('operators_pk', ['region_code', 'id'])
    .addUniqueConstraint('operators_uscc_uq', ['region_code', 'uscc'])
    .execute();

  await db.schema
    .createTable('institutions')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('served_townships', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('institutions_pk', ['region_code', 'id'])
    .addUniqueConstraint('institutions_code_uq', ['region_code', 'code'])
    .execute();

  await db.schema
    .createTable('gov_units')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gov_units_pk', ['region_code', 'id'])
    .addUniqueConstraint('gov_units_code_uq', ['region_code', 'code'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text')
    .addColumn('institution_id', 'text')
    .addColumn('gov_unit_id', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_user_idx')
    .on('login_failures')
    .columns(['username', 'at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_username', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('detail_json', 'text')
    .addPrimaryKeyConstraint('audit_log_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['region_code', 'entity', 'entity_id'])
    .execute();

  await db.schema
    .createTable('parameter_versions')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('param_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parameter_versions_pk', ['region_code', 'param_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'parameter_versions',
    'audit_log',
    'login_failures',
    'sessions',
    'users',
    'gov_units',
    'institutions',
    'operators',
    'poverty_status_history',
    'household_members',
    'households',
    'regions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
