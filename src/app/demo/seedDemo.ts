import { systemActor, WULONG } from '../actor.ts';
import type { App } from '../app.ts';
import { appendAudit } from '../audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { newId } from '../ids.ts';
import { insertHouseholds, type HouseholdRecord } from '../register/householdBatch.ts';
import type { Role } from '../roles.ts';
import {
  DEMO_GOV_UNITS,
  DEMO_INSTITUTIONS,
  DEMO_LABEL,
  demoHouseholds,
  demoOperators,
  demoRegions,
} from './generateDistrict.ts';
import { seedDemoCredit } from './seedCredit.ts';
import { seedDemoFunds } from './seedFunds.ts';
import { seedDemoNetwork } from './seedNetwork.ts';
import { seedDemoRecords } from './seedRecords.ts';
import { seedDemoLoans } from './seedLoans.ts';
import { seedDemoSupervision } from './seedSupervision.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  scope: string;
}

/** Demo accounts exist only in demo mode; production creates users with `jinfu user create`. */
export const DEMO_PASSWORD = 'Jinfu-demo-2017';

const ACCOUNTS: {
  username: string;
  role: Role;
  displayName: string;
  township?: number;
  institution?: string;
  govUnit?: string;
}[] = [
  { username: 'admin', role: 'district_admin', displayName: '区级管理员（演示）' },
  { username: 'jrzx', role: 'financial_office', displayName: '区金融管理中心（演示）' },
  { username: 'fpb', role: 'poverty_office', displayName: '区扶贫办（演示）' },
  { username: 'czj', role: 'finance_bureau', displayName: '区财政局（演示）' },
  { username: 'rh', role: 'pboc', displayName: '人行武隆支行（演示）' },
  { username: 'yjb', role: 'regulator', displayName: '区银监办（演示）' },
  { username: 'baima', role: 'township_clerk', displayName: '白马镇经办员（演示）', township: 2 },
  {
    username: 'houping',
    role: 'township_clerk',
    displayName: '后坪乡经办员（演示）',
    township: 22,
  },
  {
    username: 'abc',
    role: 'bank_officer',
    displayName: '农行客户经理（演示）',
    institution: 'ABC-WL',
  },
  {
    username: 'icbc',
    role: 'bank_officer',
    displayName: '工行客户经理（演示）',
    institution: 'ICBC-WL',
  },
  { username: 'picc', role: 'insurer', displayName: '人保财险（演示）', institution: 'PICC-WL' },
  { username: 'xndb', role: 'guarantor', displayName: '兴农担保（演示）', institution: 'XN-GUAR' },
  { username: 'fgw', role: 'gov_unit', displayName: '区发改委（演示）', govUnit: 'FGW' },
  { username: 'audit', role: 'auditor', displayName: '审计员（演示）' },
];

export interface SeedOptions {
  households?: number;
  villages?: number;
  operators?: number;
  /** Called after each batch of households, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

export async function isEmpty(app: App): Promise<boolean> {
  const row = await app.store.db.selectFrom('regions').select('code').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Seeds the synthetic Wulong district and its demo accounts into an empty database. */
export async function seedDemo(app: App, options: SeedOptions = {}): Promise<DemoAccount[]> {
  const total = options.households ?? 100_000;
  const regions = demoRegions(options.villages ?? 200);
  const townships = regions.filter((r) => r.level === 'township');
  const now = app.now();
  const db = app.store.db;
  const actor = systemActor();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < regions.length; i += 500) {
      await trx
        .insertInto('regions')
        .values(
          regions.slice(i, i + 500).map((r) => ({
            region_code: WULONG,
            code: r.code,
            level: r.level,
            parent_code: r.parentCode,
            township_code: r.townshipCode,
            name_zh: r.nameZh,
            name_en: r.nameEn,
          })),
        )
        .execute();
    }
    const institutionIds = new Map<string, string>();
    for (const inst of DEMO_INSTITUTIONS) {
      const id = newId(now.getTime());
      institutionIds.set(inst.code, id);
      const served =
        inst.serves === 'all'
          ? townships.map((t) => t.code)
          : inst.serves.map((i) => townships[i]!.code);
      await trx
        .insertInto('institutions')
        .values({
          region_code: WULONG,
          id,
          code: inst.code,
          kind: inst.kind,
          name_zh: inst.nameZh,
          name_en: inst.nameEn,
          served_townships: JSON.stringify(served),
        })
        .execute();
    }
    const unitIds = new Map<string, string>();
    for (const u of DEMO_GOV_UNITS) {
      const id = newId(now.getTime());
      unitIds.set(u.code, id);
      await trx
        .insertInto('gov_units')
        .values({ region_code: WULONG, id, code: u.code, name_zh: u.nameZh, name_en: u.nameEn })
        .execute();
    }
    for (const a of ACCOUNTS) {
      await trx
        .insertInto('users')
        .values({
          region_code: WULONG,
          id: newId(now.getTime()),
          username: a.username,
          display_name: a.displayName,
          role: a.role,
          township_code: a.township === undefined ? null : townships[a.township]!.code,
          institution_id: a.institution ? institutionIds.get(a.institution)! : null,
          gov_unit_id: a.govUnit ? unitIds.get(a.govUnit)! : null,
          password_hash: passwordHash,
          disabled: 0,
          is_demo: 1,
          created_at: now.toISOString(),
        })
        .execute();
    }
    const operators = demoOperators(
      options.operators ?? Math.max(20, Math.round(total / 250)),
      regions,
    );
    for (let i = 0; i < operators.length; i += 500) {
      await trx
        .insertInto('operators')
        .values(
          operators.slice(i, i + 500).map((o) => ({
            region_code: WULONG,
            id: newId(now.getTime()),
            kind: o.kind,
            name: o.name,
            uscc: o.uscc,
            township_code: o.townshipCode,
            village_code: o.villageCode,
            legal_representative: o.legalRepresentative,
            workforce: o.workforce,
            poor_workforce: o.poorWorkforce,
            created_at: now.toISOString(),
            updated_at: now.toISOString(),
            version: 1,
          })),
        )
        .execute();
    }
    let batch: HouseholdRecord[] = [];
    let done = 0;
    for (const h of demoHouseholds(total, regions)) {
      batch.push(h);
      if (batch.length === 5000) {
        await insertHouseholds(trx, WULONG, batch, 'demo-seed', now);
        done += batch.length;
        options.onProgress?.(done, total);
        batch = [];
      }
    }
    await insertHouseholds(trx, WULONG, batch, 'demo-seed', now);
    options.onProgress?.(total, total);
    const loans = await seedDemoLoans(app, trx);
    await seedDemoFunds(trx, now);
    await seedDemoCredit(trx, now);
    await seedDemoNetwork(trx, now, total);
    await seedDemoRecords(trx, now, total);
    await seedDemoSupervision(app, trx, now);
    await appendAudit(trx, actor, now, {
      action: 'demo.seed',
      entity: 'district',
      entityId: WULONG,
      detail: {
        label: DEMO_LABEL,
        households: total,
        regions: regions.length,
        operators: operators.length,
        loans,
      },
    });
  });

  return ACCOUNTS.map((a) => ({
    username: a.username,
    password: DEMO_PASSWORD,
    role: a.role,
    displayName: a.displayName,
    scope:
      a.township !== undefined
        ? townships[a.township]!.nameZh
        : a.institution
          ? DEMO_INSTITUTIONS.find((i) => i.code === a.institution)!.nameZh
          : '全区',
  }));
}
