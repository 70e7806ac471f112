import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../app/backup.ts';
import { configFromEnv } from '../app/boot.ts';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('在线备份SQLite数据库并校验 Online backup of the SQLite database, verified')
    .action(async (file: string) => {
      const c = await backupDatabase(configFromEnv(), file);
      console.log(
        `已备份并校验 Backed up and verified: ${file} (integrity ${c.integrity}, ${c.households} households, ${c.auditEntries} audit entries)`,
      );
    });
  program
    .command('restore <file>')
    .description(
      '用已校验的备份替换数据库（须先停止服务）Replace the database with a verified backup (stop the server first)',
    )
    .action((file: string) => {
      const c = restoreDatabase(configFromEnv(), file);
      console.log(
        `已恢复 Restored from ${file} (${c.households} households, ${c.auditEntries} audit entries)`,
      );
    });
}
