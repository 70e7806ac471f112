import type { Command, CommanderError } from 'commander';
import {
  asDomainError,
  describeRules,
  evaluateRule,
  policyData,
  resultToJson,
} from '../app/policy/evaluate.ts';
import { explainFile, explainResult } from '../app/policy/explain.ts';
import { readDataFile } from '../app/policy/files.ts';
import { parameterOverrides } from '../app/policy/overrides.ts';
import { parametersAt, parseDateOption } from '../app/policy/params.ts';
import { runScenarios, scenarioFiles } from '../app/policy/scenarios.ts';

/**
 * `jinfu policy …`: the policy rules from the command line.
 *
 *   policy test [files...]      run the scenario files (default policy/tests/*.yaml)
 *   policy rules [--json]       rule ids, articles and input JSON schemas
 *   policy eval --rule ID --input FILE [--json] [--no-trace] [--param id=value]
 *   policy explain FILE         the working, in Chinese and English
 *   policy params [--at DATE] [--json]
 *
 * Exit codes: 0 ok; 1 a scenario failed; 2 the request could not be carried out
 * (unknown rule, invalid input, malformed file, bad option) — then nothing is
 * computed and a bilingual error naming the field goes to stderr.
 */

function fail(e: unknown): void {
  const d = asDomainError(e);
  const field = d.field === undefined ? '' : ` [${d.field}]`;
  process.stderr.write(`错误${field}：${d.message_zh}\nError${field}: ${d.message_en}\n`);
  process.exitCode = 2;
}

/** Wraps an action so any error is reported the same way, with exit code 2. */
function guarded<A extends unknown[]>(action: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      action(...args);
    } catch (e) {
      fail(e);
    }
  };
}

/** Usage errors (unknown option, missing --rule) also exit with 2, not commander's 1. */
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

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function today(): string {
  // The CLI runs in the district's time zone by convention (UTC+8), whatever the host's.
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function registerPolicyCommands(program: Command): void {
  // Set before the subcommands are added: commander copies it to each of them.
  const policy = usageExitCode(
    program
      .command('policy')
      .description(
        '政策规则：测试、求值、解释、参数 Policy rules: test, evaluate, explain, parameters',
      ),
  );

  usageExitCode(
    policy
      .command('test')
      .description('运行场景测试 Run the scenario tests (default: policy/tests/*.yaml)')
      .argument('[files...]', '场景文件 scenario files')
      .action(
        guarded((files: string[]) => {
          const report = runScenarios(files.length > 0 ? files : scenarioFiles(), policyData());
          const width = Math.max(...report.rules.map((r) => r.rule.length), 4);
          for (const r of report.rules) {
            const status = r.failed === 0 ? '' : `  (${String(r.failed)} failed)`;
            process.stdout.write(
              `${r.rule.padEnd(width)}  ${String(r.cases).padStart(3)} scenarios${status}\n`,
            );
          }
          for (const f of report.failures) {
            process.stdout.write(`\nFAIL ${f.file} — ${f.name}\n`);
            for (const p of f.problems) process.stdout.write(`  ${p}\n`);
          }
          if (report.failures.length > 0) process.stdout.write('\n');
          process.stdout.write(
            `${String(report.passed)} passed, ${String(report.failed)} failed\n`,
          );
          if (report.failed > 0) process.exitCode = 1;
        }),
      ),
  );

  usageExitCode(
    policy
      .command('rules')
      .description('列出规则 List the rules (id, article, input schema)')
      .option('--json', 'JSON 输出 JSON output')
      .action(
        guarded((opts: { json?: boolean }) => {
          const rules = describeRules();
          if (opts.json === true) {
            process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
            return;
          }
          for (const r of rules) {
            process.stdout.write(
              `${r.id.padEnd(40)} ${r.article.padEnd(13)} ${r.title_zh} / ${r.title_en}\n`,
            );
          }
        }),
      ),
  );

  usageExitCode(
    policy
      .command('eval')
      .description('对输入求值 Evaluate a rule on an input file (YAML or JSON)')
      .requiredOption('--rule <id>', '规则编号 rule id')
      .requiredOption('--input <file>', '输入文件 input file')
      .option('--json', 'JSON 输出 JSON output')
      .option('--no-trace', '不输出计算过程 Leave out the trace')
      .option(
        '--param <id=value>',
        '参数覆盖（可重复）Parameter override (repeatable)',
        collect,
        [],
      )
      .action(
        guarded(
          (opts: {
            rule: string;
            input: string;
            json?: boolean;
            trace: boolean;
            param: string[];
          }) => {
            const data = policyData();
            const input = readDataFile(opts.input, 'input');
            const params = parameterOverrides(opts.param, data);
            const result = evaluateRule(
              {
                ruleId: opts.rule,
                input,
                trace: opts.trace,
                ...(params === undefined ? {} : { params }),
              },
              data,
            );
            if (opts.json === true)
              process.stdout.write(`${JSON.stringify(resultToJson(result), null, 2)}\n`);
            else process.stdout.write(`${explainResult(result, data)}\n`);
          },
        ),
      ),
  );

  usageExitCode(
    policy
      .command('explain')
      .description('解释计算过程 Explain the working (file: rule + input, or a scenario file)')
      .argument('<file>', '文件 file')
      .action(
        guarded((file: string) => {
          process.stdout.write(`${explainFile(file, policyData())}\n`);
        }),
      ),
  );

  usageExitCode(
    policy
      .command('params')
      .description('列出参数 List the parameters in force on a date')
      .option('--at <date>', '日期 date (YYYY-MM-DD), default today')
      .option('--json', 'JSON 输出 JSON output')
      .action(
        guarded((opts: { at?: string; json?: boolean }) => {
          const at = parseDateOption(opts.at ?? today(), '--at');
          const rows = parametersAt(at, policyData());
          if (opts.json === true) {
            process.stdout.write(`${JSON.stringify({ at, parameters: rows }, null, 2)}\n`);
            return;
          }
          process.stdout.write(`参数 Parameters in force on ${at}\n`);
          for (const r of rows) {
            const value =
              r.value === null
                ? '（未生效 not in force）'
                : `${r.value}${r.unit === 'CNY' ? ' 元' : r.unit === 'percent' ? '%' : ''}`;
            const version =
              r.version === null ? '' : `  v${String(r.version)} from ${r.from ?? ''}`;
            process.stdout.write(
              `${r.id.padEnd(52)} ${value.padEnd(16)}${version}  ${r.title_zh}\n`,
            );
          }
        }),
      ),
  );
}
