import type { Command } from 'commander';
import { systemActor } from '../app/actor.ts';
import { createUser, resetPassword } from '../app/auth/users.ts';
import { bootApp, configFromEnv } from '../app/boot.ts';
import { execute } from '../app/useCase.ts';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('用户管理 User accounts');
  user
    .command('create')
    .description('创建用户 Create a user (password from JINFU_PASSWORD or --password)')
    .requiredOption('--username <name>')
    .requiredOption(
      '--role <role>',
      'district_admin | financial_office | poverty_office | finance_bureau | pboc | regulator | township_clerk | bank_officer | insurer | guarantor | gov_unit | auditor',
    )
    .option('--display-name <name>')
    .option('--township <code>', '乡镇经办员的乡镇代码 township code for a township clerk')
    .option('--institution <code>', '机构代码 institution code for bank/insurer/guarantor users')
    .option('--gov-unit <code>', '责任单位代码 unit code for a responsible-unit user')
    .option('--password <password>')
    .action(async (o: Record<string, string | undefined>) => {
      const { app, close } = await bootApp(configFromEnv());
      try {
        const created = await execute(app, systemActor(), createUser, {
          username: o.username,
          displayName: o.displayName ?? o.username,
          role: o.role,
          townshipCode: o.township,
          institutionCode: o.institution,
          govUnitCode: o.govUnit,
          password: o.password ?? process.env.JINFU_PASSWORD,
        });
        console.log(`已创建 Created user ${created.username} (${created.role})`);
      } finally {
        await close();
      }
    });
  user
    .command('reset-password')
    .description('重置密码并注销其会话 Reset a password and revoke the user’s sessions')
    .requiredOption('--username <name>')
    .option('--password <password>')
    .action(async (o: { username: string; password?: string }) => {
      const { app, close } = await bootApp(configFromEnv());
      try {
        await execute(app, systemActor(), resetPassword, {
          username: o.username,
          password: o.password ?? process.env.JINFU_PASSWORD,
        });
        console.log(`已重置 Password reset for ${o.username}`);
      } finally {
        await close();
      }
    });
}
