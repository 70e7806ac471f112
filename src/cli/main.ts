import { Command } from 'commander';
import { registerBackupCommands } from './backupCommand.ts';
import { registerImportCommands } from './importCommand.ts';
import { registerLoanCommands } from './loanCommand.ts';
import { registerPolicyCommands } from './policyCommand.ts';
import { registerServeCommands } from './serveCommand.ts';
import { registerSettleCommands } from './settleCommand.ts';
import { registerUserCommands } from './userCommand.ts';

/** `jinfu`: the command line of the platform. Every subcommand calls src/app. */
const program = new Command('jinfu')
  .description('金扶 Jinfu — 武隆区金融精准扶贫平台 (武隆府办发〔2017〕53号)')
  .showHelpAfterError();

registerServeCommands(program);
registerUserCommands(program);
registerBackupCommands(program);
registerImportCommands(program);
registerLoanCommands(program);
registerPolicyCommands(program);
registerSettleCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { message_zh?: string; message_en?: string; message?: string };
  if (e.message_zh && e.message_en) console.error(`错误：${e.message_zh}\nError: ${e.message_en}`);
  else console.error(err);
  process.exitCode = process.exitCode || 2;
});
