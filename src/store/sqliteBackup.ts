import { copyFileSync, renameSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';

export interface BackupCheck {
  integrity: string;
  migrations: number;
  households: number;
  auditEntries: number;
}

/** Opens a backup read-only and proves it is a whole, migrated Jinfu database. */
export function verifySqliteBackup(file: string): BackupCheck {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const count = (table: string): number =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      integrity,
      migrations: count('kysely_migration'),
      households: count('households'),
      auditEntries: count('audit_log'),
    };
  } finally {
    db.close();
  }
}

/**
 * Online backup through SQLite's backup API: consistent even while the server writes,
 * then verified by opening the copy.
 */
export async function backupSqlite(source: string, dest: string): Promise<BackupCheck> {
  const db = new SQLite(source, { fileMustExist: true });
  try {
    await db.backup(dest);
  } finally {
    db.close();
  }
  const check = verifySqliteBackup(dest);
  if (check.integrity !== 'ok')
    throw new Error(`backup failed its integrity check: ${check.integrity}`);
  return check;
}

/**
 * Replaces the database file with a verified backup. The server must be stopped; the
 * copy goes to a temporary name first so a crash never leaves half a database.
 */
export function restoreSqlite(backup: string, target: string): BackupCheck {
  const check = verifySqliteBackup(backup);
  if (check.integrity !== 'ok' || check.migrations === 0) {
    throw new Error(
      `not a sound Jinfu backup (integrity: ${check.integrity}, migrations: ${check.migrations})`,
    );
  }
  const tmp = `${target}.restoring`;
  copyFileSync(backup, tmp);
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(tmp, target);
  return check;
}
