import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { systemActor, type Actor } from '../app/actor.ts';
import type { App } from '../app/app.ts';
import { actorForUsername } from '../app/auth/actorForUsername.ts';
import { bootApp, configFromEnv } from '../app/boot.ts';
import { ExportTarget, exportRegister } from '../app/register/exportRegister.ts';
import {
  importHouseholds,
  ImportSource,
  type ImportProgress,
  type ImportReport,
} from '../app/register/importHouseholds.ts';
import { importRepayments } from '../app/loans/repaymentImport.ts';
import { execute } from '../app/useCase.ts';

/** Problems printed to the terminal; --json prints the report's first 1,000. */
const SHOWN = 20;

const actorFor = (app: App, username: string | undefined): Promise<Actor> | Actor =>
  username ? actorForUsername(app, username) : systemActor();

/**
 * `jinfu import households FILE`, `jinfu import repayments FILE --as USER` and
 * `jinfu export register FILE.xlsx`.
 */
export function registerImportCommands(program: Command): void {
  const imports = program.command('import').description('导入 Import');
  imports
    .command('households <file>')
    .description(
      '导入贫困户名册（CSV 或 .xlsx）；默认只校验 Import the poverty register (CSV or .xlsx); a dry run unless --commit',
    )
    .option(
      '--commit',
      '全部行无误时写入（全有或全无） Write when every row is valid (all or nothing)',
    )
    .option('--as <username>', '以该用户的角色和范围导入 Act as this user (default: the system)')
    .option('--json', '输出完整报告（JSON） Print the full report as JSON')
    .action(async (file: string, opts: { commit?: boolean; as?: string; json?: boolean }) => {
      const { app, close } = await bootApp(configFromEnv());
      const bar = progressBar();
      try {
        const report = await execute(app, await actorFor(app, opts.as), importHouseholds, {
          source: ImportSource.fromPath(resolve(file)),
          mode: opts.commit ? 'commit' : 'dry-run',
          onProgress: bar?.update,
        });
        bar?.stop();
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report);
        if (report.errorCount > 0) process.exitCode = 1;
      } finally {
        bar?.stop();
        await close();
      }
    });

  imports
    .command('repayments <file>')
    .description(
      '导入银行还款文件（CSV 或 .xlsx）；默认只校验 Import a bank repayment file (CSV or .xlsx); a dry run unless --commit',
    )
    .option(
      '--commit',
      '全部行无误时写入（全有或全无） Write when every row is valid (all or nothing)',
    )
    .requiredOption('--as <username>', '以该银行经办员导入 Act as this bank officer')
    .option('--json', '输出完整报告（JSON） Print the full report as JSON')
    .action(async (file: string, opts: { commit?: boolean; as: string; json?: boolean }) => {
      const { app, close } = await bootApp(configFromEnv());
      try {
        const report = await execute(app, await actorFor(app, opts.as), importRepayments, {
          source: ImportSource.fromPath(resolve(file)),
          mode: opts.commit ? 'commit' : 'dry-run',
        });
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report, { zh: '笔还款', en: 'payments' });
        if (report.errorCount > 0) process.exitCode = 1;
      } finally {
        await close();
      }
    });

  program
    .command('export')
    .description('导出 Export')
    .command('register <file>')
    .description(
      '导出农户名册为 .xlsx Export the register as .xlsx (IDs and phones masked unless --full)',
    )
    .option('--township <code>', '只导出该乡镇 Only this township')
    .option(
      '--full',
      '完整身份证号和电话（有权角色，记入审计） Full IDs and phones (PII roles; audited)',
    )
    .option('--as <username>', '以该用户的角色和范围导出 Act as this user (default: the system)')
    .action(async (file: string, opts: { township?: string; full?: boolean; as?: string }) => {
      const { app, close } = await bootApp(configFromEnv());
      try {
        const { rows, full } = await execute(app, await actorFor(app, opts.as), exportRegister, {
          target: ExportTarget.toPath(resolve(file)),
          township: opts.township,
          full: opts.full ?? false,
        });
        console.log(
          `已导出 Exported ${rows} 户 households to ${file}（${full ? '完整 full identifiers' : '已脱敏 masked identifiers'}）`,
        );
      } finally {
        await close();
      }
    });
}

function printReport(r: ImportReport, what = { zh: '户', en: 'households' }): void {
  const mode = r.mode === 'commit' ? '提交 commit' : '试运行 dry run';
  console.log(
    `文件 File: ${r.fileName} (${r.format ?? '?'}${r.encoding ? `, ${r.encoding}` : ''})  SHA-256 ${r.sha256}`,
  );
  console.log(`模式 Mode: ${mode}`);
  console.log(
    `数据行 Rows: ${r.rows}   新增 New: ${r.toInsert}   未变 Unchanged: ${r.unchanged}   已写入 Inserted: ${r.inserted}   问题 Problems: ${r.errorCount}`,
  );
  if (r.ignoredColumns.length)
    console.log(`未使用的列 Ignored columns: ${r.ignoredColumns.join(', ')}`);
  if (r.errorCount) {
    console.log(
      `\n前 ${Math.min(SHOWN, r.errorCount)} 个问题 First problems (of ${r.errorCount}):`,
    );
    for (const e of r.errors.slice(0, SHOWN)) console.log(`  ${e.message_zh}\n  ${e.message_en}`);
    console.log('\n未写入任何数据 Nothing was written.');
  } else if (r.mode === 'dry-run') {
    console.log(
      '\n校验通过；加 --commit 写入 All rows are valid; run again with --commit to write them.',
    );
  } else {
    console.log(`\n已写入 ${r.inserted} ${what.zh} Wrote ${r.inserted} ${what.en}.`);
  }
}

/** A progress bar on an interactive terminal (stderr, so stdout stays the report). */
function progressBar(): { update: (p: ImportProgress) => void; stop: () => void } | null {
  if (!process.stderr.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {percentage}% | {done}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let phase: ImportProgress['phase'] | null = null;
  let stopped = false;
  return {
    update(p) {
      const value = p.phase === 'validate' ? (p.bytes ?? 0) : p.done;
      const payload = {
        phase: p.phase === 'validate' ? '校验 validating' : '写入 inserting',
        done: p.done,
      };
      if (phase !== p.phase) {
        if (phase) bar.stop();
        bar.start(p.total ?? 0, value, payload);
        phase = p.phase;
      } else bar.update(value, payload);
    },
    stop() {
      if (phase && !stopped) bar.stop();
      stopped = true;
    },
  };
}
