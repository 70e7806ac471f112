import { join } from 'node:path';
import { backupSqlite, restoreSqlite, type BackupCheck } from '../store/sqliteBackup.ts';
import { AppError } from './errors.ts';
import type { BootConfig } from './boot.ts';

/**
 * `jinfu backup` / `jinfu restore` for the SQLite file. PostgreSQL deployments use
 * pg_dump / pg_restore (README), which already do this job well.
 */
function sqliteFileOf(config: BootConfig): string {
  if (config.databaseUrl && /^postgres/.test(config.databaseUrl)) {
    throw new AppError(
      'invalid',
      'use_pg_dump',
      'PostgreSQL 请使用 pg_dump / pg_restore 备份与恢复',
      'On PostgreSQL, back up and restore with pg_dump / pg_restore',
      'DATABASE_URL',
    );
  }
  return config.sqliteFile ?? join(config.dataDir ?? 'data', 'jinfu.sqlite');
}

export function backupDatabase(config: BootConfig, dest: string): Promise<BackupCheck> {
  return backupSqlite(sqliteFileOf(config), dest);
}

export function restoreDatabase(config: BootConfig, backup: string): BackupCheck {
  return restoreSqlite(backup, sqliteFileOf(config));
}
