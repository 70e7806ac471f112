import { createApp, type App } from './app.ts';
import { openStore } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { syncShippedParameters } from './policy/parameterVersions.ts';

export interface BootConfig {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  sqliteFile?: string | undefined;
  demo?: boolean;
  /** Wall clock override (tests). */
  now?: () => Date;
}

/** Opens the configured database and brings its schema up to date. */
export async function bootApp(
  config: BootConfig,
): Promise<{ app: App; location: string; migrations: string[]; close: () => Promise<void> }> {
  const store = openStore(config);
  const { applied } = await migrateToLatest(store);
  const app = createApp(store, {
    demo: config.demo ?? false,
    ...(config.now ? { now: config.now } : {}),
  });
  await syncShippedParameters(app);
  return {
    app,
    location: `${store.dialect}: ${store.location}`,
    migrations: applied,
    close: async () => {
      await app.workers.close();
      await store.close();
    },
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): BootConfig {
  return { databaseUrl: env.DATABASE_URL, dataDir: env.JINFU_DATA_DIR ?? 'data' };
}
