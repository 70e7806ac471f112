import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDialect, openTestApp, PG_ADMIN_URL } from '../support/testApp.ts';

/**
 * When the server ends an idle pooled connection (a restart, an administrator, a database
 * dropped as the pool closes), pg emits 'error' on the pool; with nobody listening that
 * crashes the process (it crashed a benchmark in CI). The store listens: the connection
 * is dropped and the next query opens a new one.
 */
describeEachDialect('the database pool', (dialect) => {
  it.runIf(dialect === 'postgres')(
    'survives the server ending an idle connection; the next query works',
    async () => {
      const t = await openTestApp('postgres');
      const db = t.app.store.db;
      const database = new URL(t.env.DATABASE_URL!).pathname.slice(1);
      try {
        await sql`select 1`.execute(db);
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
        try {
          const { rows } = await admin.query<{ ended: boolean }>(
            `select pg_terminate_backend(pid) as ended from pg_stat_activity
             where datname = $1 and pid <> pg_backend_pid()`,
            [database],
          );
          expect(rows.length).toBeGreaterThan(0);
        } finally {
          await admin.end();
        }
        // Time for the pool's idle client to hear the server's FATAL message.
        await new Promise((r) => setTimeout(r, 300));
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
        expect(rows).toEqual([{ one: 1 }]);
      } finally {
        await t.close();
      }
    },
  );
});
