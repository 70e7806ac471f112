import { resolve } from 'node:path';
import type { Command } from 'commander';
import { actorForUsername } from '../app/auth/actorForUsername.ts';
import { bootApp, configFromEnv } from '../app/boot.ts';
import { ExportTarget } from '../app/register/exportRegister.ts';
import { paymentList } from '../app/settlement/paymentList.ts';
import { prepareRun } from '../app/settlement/prepareRun.ts';
import { execute } from '../app/useCase.ts';

/**
 * `jinfu settle prepare --period 2020-Q1 --as USER` prepares a settlement run (the whole
 * portfolio, in one transaction) and `jinfu settle payment-list RUN FILE.xlsx --as USER`
 * writes its payment list. Submitting, reviewing and approving are done by people in the
 * web app or the API, each as themselves.
 */
export function registerSettleCommands(program: Command): void {
  const settle = program.command('settle').description('结算 Settlement runs');
  settle
    .command('prepare')
    .description('生成结算批次（草稿） Prepare a settlement run (a draft)')
    .requiredOption('--period <period>', '结算期 Period: 2020-Q1 | 2020 | 2020-01-01..2020-03-31')
    .option('--adjustment', '调整结算（已审批的结算期） An adjustment run of an approved period')
    .requiredOption('--as <username>', '制单人 The maker')
    .option('--chunk-size <n>', '每批读取的贷款笔数 Loans read per batch', Number)
    .option('--json', '输出 JSON Print the run as JSON')
    .action(
      async (opts: {
        period: string;
        adjustment?: boolean;
        as: string;
        chunkSize?: number;
        json?: boolean;
      }) => {
        const { app, close } = await bootApp(configFromEnv());
        try {
          const run = await execute(app, await actorForUsername(app, opts.as), prepareRun, {
            period: opts.period,
            kind: opts.adjustment ? 'adjustment' : 'regular',
            ...(opts.chunkSize === undefined ? {} : { chunkSize: opts.chunkSize }),
            // On stderr, so that --json output stays clean and a caller can watch progress.
            onProgress: (lines: number) => process.stderr.write(`lines ${String(lines)}\n`),
          });
          if (opts.json) console.log(JSON.stringify(run, null, 2));
          else {
            console.log(
              `结算批次 Run ${run.id}  ${run.period} (${run.from} – ${run.to})  ${run.lineCount} 行 lines  合计 total ${run.total} 元  状态 status: ${run.status}`,
            );
          }
        } finally {
          await close();
        }
      },
    );
  settle
    .command('payment-list <run> <file>')
    .description('导出支付清单 .xlsx Write a run’s payment list as .xlsx')
    .requiredOption('--as <username>', '以该用户导出 Act as this user')
    .action(async (run: string, file: string, opts: { as: string }) => {
      const { app, close } = await bootApp(configFromEnv());
      try {
        const out = await execute(app, await actorForUsername(app, opts.as), paymentList, {
          id: run,
          target: ExportTarget.toPath(resolve(file)),
        });
        console.log(
          `已导出 Wrote ${file}: ${out.banks} 家银行 banks, ${out.lines} 笔 lines, 合计 total ${out.total} 元`,
        );
      } finally {
        await close();
      }
    });
}
