import type { Command, CommanderError } from 'commander';
import { AppError } from '../app/errors.ts';
import {
  calculateSchedule,
  scheduleToJson,
  type ScheduleRequest,
} from '../app/loans/scheduleCalculator.ts';
import { fenToYuanString, type Fen } from '../core/money.ts';
import { rateToString } from '../core/rate.ts';
import { REPAYMENT_METHOD_NAMES_ZH, type Schedule } from '../core/schedule/index.ts';

/**
 * `jinfu loan …`: loan tools from the command line.
 *
 *   loan schedule --principal YUAN --annual-rate PERCENT --months N --method METHOD
 *                 --start DATE [--interest-period P] [--day-count C] [--rounding R]
 *                 [--first-due-date DATE] [--grace-months N] [--json]
 *
 * Exit codes: 0 ok; 2 the input was refused (a bilingual error naming the option on
 * stderr, nothing on stdout) or the command line could not be parsed.
 */

/** The option that carries each input field, so errors name what the user typed. */
const OPTION_OF: Readonly<Record<string, string>> = {
  principal: '--principal',
  annualRate: '--annual-rate',
  months: '--months',
  method: '--method',
  start: '--start',
  interestPeriod: '--interest-period',
  dayCount: '--day-count',
  rounding: '--rounding',
  firstDueDate: '--first-due-date',
  graceMonths: '--grace-months',
};

function fail(e: unknown): void {
  if (!(e instanceof AppError)) throw e;
  const option = e.field === undefined ? '' : ` [${OPTION_OF[e.field] ?? e.field}]`;
  process.stderr.write(`错误${option}：${e.message_zh}\nError${option}: ${e.message_en}\n`);
  process.exitCode = 2;
}

/** Usage errors (unknown option, missing value) exit with 2 as well, not commander's 1. */
function usageExitCode(cmd: Command): Command {
  return cmd.exitOverride((err: CommanderError) => {
    if (
      err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.help' ||
      err.code === 'commander.version'
    ) {
      process.exit(0);
    }
    process.stderr.write('用法错误，见 --help / Usage error, see --help\n');
    process.exit(2);
  });
}

/** '1,000,000.00': thousands grouped for reading; the JSON output has plain fen. */
function yuan(amount: Fen): string {
  const [whole = '', cents = ''] = fenToYuanString(amount).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Terminal columns: CJK characters take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, cols: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, cols - width(text)));
  return align === 'left' ? text + fill : fill + text;
}

const HEADERS = [
  '期次 No.',
  '起息日 From',
  '还款日 Due',
  '本金 Principal',
  '利息 Interest',
  '合计 Total',
  '剩余本金 Balance',
] as const;

/** The readable form: the terms, then a table in yuan with bilingual headers. */
export function scheduleTable(schedule: Schedule): string {
  const t = schedule.terms;
  const lines = [
    `还款计划 Repayment schedule — ${REPAYMENT_METHOD_NAMES_ZH[t.method]} ${t.method}`,
    `本金 Principal: ${yuan(t.principal)}  年利率 Annual rate: ${rateToString(t.annualRate)}%  ` +
      `期限 Term: ${String(t.months)} 个月 months`,
    `起息日 Start: ${t.start}  到期日 Maturity: ${schedule.maturityDate}  ` +
      `计息天数 Day count: ${t.dayCount}  舍入 Rounding: ${t.rounding}` +
      ((t.method === 'interest-only' || t.graceMonths !== undefined) &&
      t.interestPeriod !== undefined
        ? `  结息周期 Interest period: ${t.interestPeriod}`
        : ''),
  ];
  if (t.graceMonths !== undefined) {
    lines.push(`宽限期 Grace period: ${String(t.graceMonths)} 个月 months（只付息 interest only）`);
  }
  if (schedule.instalment !== undefined) {
    lines.push(`每期还款 Instalment: ${yuan(schedule.instalment)}`);
  }
  const body = schedule.rows.map((r) => [
    String(r.n),
    r.periodStart,
    r.dueDate,
    yuan(r.principal),
    yuan(r.interest),
    yuan(r.total),
    yuan(r.balanceAfter),
  ]);
  const totals = [
    '合计 Total',
    '',
    '',
    yuan(schedule.totals.principal),
    yuan(schedule.totals.interest),
    yuan(schedule.totals.total),
    '',
  ];
  const all = [[...HEADERS], ...body, totals];
  const cols = HEADERS.map((_, c) => Math.max(...all.map((row) => width(row[c] ?? ''))));
  const render = (row: readonly string[]): string =>
    row
      .map((cell, c) => pad(cell, cols[c] ?? 0, c === 1 || c === 2 ? 'left' : 'right'))
      .join('  ')
      .trimEnd();
  const rule = cols.map((w) => '-'.repeat(w)).join('  ');
  lines.push('', render(HEADERS), rule, ...body.map(render), rule, render(totals));
  return lines.join('\n');
}

interface ScheduleOptions extends ScheduleRequest {
  readonly json?: boolean;
}

export function registerLoanCommands(program: Command): void {
  const loan = program.command('loan').description('贷款工具 Loan tools');

  usageExitCode(
    loan
      .command('schedule')
      .description('还款计划（精确到分）Repayment schedule, exact to the fen')
      .option('--principal <yuan>', '贷款本金（元）Principal in yuan, e.g. 50000')
      .option('--annual-rate <percent>', '年利率（%）Annual rate in percent, e.g. 4.75')
      .option('--months <n>', '期限（月，1–600）Term in months (1–600)')
      .option(
        '--method <method>',
        '还款方式 Method: equal-instalment (等额本息) | equal-principal (等额本金) | ' +
          'interest-only (按期付息到期还本) | bullet (到期一次还本付息)',
      )
      .option('--start <date>', '起息日（放款日）Start (disbursement) date, YYYY-MM-DD')
      .option(
        '--interest-period <period>',
        '结息周期（按期付息，或宽限期内）Interest period for interest-only or a grace period: monthly | quarterly | yearly (default monthly)',
      )
      .option(
        '--day-count <convention>',
        '计息天数规则 Day count for interest by days: actual/360 (default) | actual/365 | 30/360',
      )
      .option(
        '--rounding <rule>',
        '舍入规则 Rounding: half-up-fen (default) | half-even-fen | down-fen',
      )
      .option(
        '--first-due-date <date>',
        '首个还款日（固定还款日，首期按日计息）First due date (fixed repayment day; first period by days)',
      )
      .option(
        '--grace-months <n>',
        '宽限期月数（仅等额本息/等额本金：前 N 个月按结息周期只付息）Grace months for equal-instalment/equal-principal: interest only per the interest period, then amortised over the rest (default 0)',
      )
      .option('--json', 'JSON 输出（金额单位：分）JSON output (amounts in integer fen)')
      .action((opts: ScheduleOptions) => {
        try {
          const { json, ...request } = opts;
          const schedule = calculateSchedule(request);
          process.stdout.write(
            json === true
              ? `${JSON.stringify(scheduleToJson(schedule), null, 2)}\n`
              : `${scheduleTable(schedule)}\n`,
          );
        } catch (e) {
          fail(e);
        }
      }),
  );
}
