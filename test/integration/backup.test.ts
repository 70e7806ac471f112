import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src/app/backup.ts';
import { bootApp } from '../../src/app/boot.ts';
import { seedDemo } from '../../src/app/demo/seedDemo.ts';

const countHouseholds = async (file: string): Promise<number> => {
  const { app, close } = await bootApp({ sqliteFile: file });
  const { n } = await app.store.db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await close();
  return Number(n);
};

// Backup and restore concern the SQLite file only; PostgreSQL uses pg_dump.
describe('jinfu backup / restore (SQLite)', () => {
  it('backs up online, verifies the copy, and restores it over a changed database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jinfu-backup-'));
    const file = join(dir, 'jinfu.sqlite');
    const booted = await bootApp({ sqliteFile: file });
    await seedDemo(booted.app, { households: 120, villages: 26, operators: 4 });
    // Back up while the database is open, as with a running server.
    const check = await backupDatabase({ sqliteFile: file }, join(dir, 'backup.sqlite'));
    expect(check).toMatchObject({ integrity: 'ok', households: 120 });
    expect(check.migrations).toBeGreaterThan(0);
    await booted.app.store.db.deleteFrom('household_members').execute();
    await booted.app.store.db.deleteFrom('households').execute();
    await booted.close();
    expect(await countHouseholds(file)).toBe(0);

    restoreDatabase({ sqliteFile: file }, join(dir, 'backup.sqlite'));
    expect(await countHouseholds(file)).toBe(120);
  });

  it('refuses to restore a file that is not a sound Jinfu backup, leaving the database as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jinfu-backup-'));
    const file = join(dir, 'jinfu.sqlite');
    const booted = await bootApp({ sqliteFile: file });
    await seedDemo(booted.app, { households: 30, villages: 26, operators: 4 });
    await booted.close();
    writeFileSync(join(dir, 'junk.sqlite'), 'this is not a database');
    expect(() => restoreDatabase({ sqliteFile: file }, join(dir, 'junk.sqlite'))).toThrow();
    expect(await countHouseholds(file)).toBe(30);
  });

  it('points PostgreSQL users to pg_dump', () => {
    expect(() => restoreDatabase({ databaseUrl: 'postgres://x@127.0.0.1/db' }, 'x')).toThrow(
      /pg_dump/,
    );
  });
});
