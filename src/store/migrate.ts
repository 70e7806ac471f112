import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './database.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_append_only_audit.ts';
import * as m0003 from './migrations/0003_loans.ts';
import * as m0004 from './migrations/0004_repayment_note.ts';
import * as m0005 from './migrations/0005_loan_events.ts';
import * as m0006 from './migrations/0006_precision_and_exchange.ts';
import * as m0007 from './migrations/0007_settlement.ts';
import * as m0008 from './migrations/0008_import_indexes.ts';
import * as m0009 from './migrations/0009_credit.ts';
import * as m0010 from './migrations/0010_network_statistics.ts';
import * as m0011 from './migrations/0011_guarantees_insurance.ts';
import * as m0012 from './migrations/0012_asset_income.ts';
import * as m0013 from './migrations/0013_supervision.ts';
import * as m0014 from './migrations/0014_relending_markets.ts';
import * as m0015 from './migrations/0015_loss_claims.ts';
import * as m0016 from './migrations/0016_loan_credit_terms.ts';
import * as m0017 from './migrations/0017_register_tallies.ts';
import * as m0018 from './migrations/0018_entrusted_loan_facts.ts';
import * as m0019 from './migrations/0019_property_pilots.ts';
import * as m0020 from './migrations/0020_demonstration_villages.ts';

/** Migrations are listed statically so they run the same from tsx, tests and bundles. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_append_only_audit': m0002,
  '0003_loans': m0003,
  '0004_repayment_note': m0004,
  '0005_loan_events': m0005,
  '0006_precision_and_exchange': m0006,
  '0007_settlement': m0007,
  '0008_import_indexes': m0008,
  '0009_credit': m0009,
  '0010_network_statistics': m0010,
  '0011_guarantees_insurance': m0011,
  '0012_asset_income': m0012,
  '0013_supervision': m0013,
  '0014_relending_markets': m0014,
  '0015_loss_claims': m0015,
  '0016_loan_credit_terms': m0016,
  '0017_register_tallies': m0017,
  '0018_entrusted_loan_facts': m0018,
  '0019_property_pilots': m0019,
  '0020_demonstration_villages': m0020,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationOutcome {
  applied: string[];
}

export async function migrateToLatest(store: Store): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db: store.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
