import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { bootApp, configFromEnv } from '../app/boot.ts';
import { warmPricingWorker } from '../app/settlement/runLines.ts';
import { isEmpty, seedDemo } from '../app/demo/seedDemo.ts';
import { DEMO_LABEL } from '../app/demo/generateDistrict.ts';
import { buildServer } from '../http/server.ts';

const WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

function buildWebIfMissing(): void {
  if (existsSync(`${WEB_DIR}/index.html`)) return;
  console.log('构建网页前端… / building the web app (first start only)…');
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'inherit',
  });
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('启动平台 Start the platform (PORT, DATABASE_URL, JINFU_DATA_DIR)')
    .option(
      '--demo',
      '空库时生成演示区县与演示账号 Seed the synthetic demo district into an empty database',
    )
    .option('--demo-households <n>', '演示农户数 Demo household count', '100000')
    .option('--build-web-if-missing', '缺少前端时先构建 Build the web app when it is missing')
    .action(
      async (opts: { demo?: boolean; demoHouseholds: string; buildWebIfMissing?: boolean }) => {
        if (opts.buildWebIfMissing) buildWebIfMissing();
        const { app, location, migrations } = await bootApp({
          ...configFromEnv(),
          demo: opts.demo ?? false,
        });
        console.log(
          `数据库 Database ${location}${migrations.length ? ` (迁移 migrated: ${migrations.join(', ')})` : ''}`,
        );
        if (opts.demo && (await isEmpty(app))) {
          console.log(`生成演示区县 Seeding the demo district: ${DEMO_LABEL}…`);
          const accounts = await seedDemo(app, { households: Number(opts.demoHouseholds) });
          console.log('\n演示账号 Demo accounts (仅演示模式 demo mode only):');
          console.table(
            accounts.map((a) => ({
              用户名: a.username,
              密码: a.password,
              角色: a.displayName,
              范围: a.scope,
            })),
          );
        }
        const server = await buildServer(app, {
          webDir: WEB_DIR,
          secureCookies: process.env.JINFU_SECURE_COOKIES === 'true',
          logger: process.env.JINFU_LOG === 'true',
        });
        const port = Number(process.env.PORT ?? 3000);
        await server.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
        console.log(`金扶已启动 Jinfu is running: http://localhost:${port}  (API docs: /api/docs)`);
        // Large portfolios settle in a worker thread; it starts now rather than in a run.
        warmPricingWorker(app).catch((e: unknown) => {
          console.error('结算工作线程未能预启动 The settlement worker did not start:', e);
        });
      },
    );

  program
    .command('migrate')
    .description('升级数据库结构 Apply database migrations')
    .action(async () => {
      const { location, migrations, close } = await bootApp(configFromEnv());
      console.log(
        `${location}: ${migrations.length ? migrations.join(', ') : '已是最新 up to date'}`,
      );
      await close();
    });

  program
    .command('seed')
    .description('向空库写入演示区县 Seed the synthetic demo district into an empty database')
    .option('--households <n>', '农户数 Household count (1,000,000 for benchmarks)', '100000')
    .action(async (opts: { households: string }) => {
      const { app, close } = await bootApp(configFromEnv());
      if (!(await isEmpty(app))) {
        console.error('数据库非空，未写入 The database is not empty; nothing seeded.');
        process.exitCode = 1;
      } else {
        const accounts = await seedDemo(app, { households: Number(opts.households) });
        console.log(
          `已生成 Seeded ${opts.households} households (${DEMO_LABEL}); ${accounts.length} demo accounts, password ${accounts[0]!.password}`,
        );
      }
      await close();
    });
}
