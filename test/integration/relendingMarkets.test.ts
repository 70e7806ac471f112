import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { recordGuarantorCapital } from '../../src/app/guarantees/guarantorCapital.ts';
import { createCompany, recordStage } from '../../src/app/markets/companies.ts';
import { recordTraining } from '../../src/app/markets/trainings.ts';
import {
  recordRelendingQuota,
  recordRelendingUse,
  relendingPosition,
} from '../../src/app/relending/relending.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock, dump, expectBilingual, refusal, usccFor } from './helpers.ts';
import { emptyDistrict } from './settlementSetup.ts';

/**
 * Relending, the pipeline and guarantee capital refuse bad input with a field-named
 * bilingual error and change nothing (decision 0020). The quota is 10,000,000 yuan from
 * 2017-03-01; ICBC has drawn 8,000,000 on 2017-04-01, so 2,000,000 is left.
 */

describeEachDialect('relending, pipeline and capital records refuse bad input', (dialect) => {
  let t: TestApp;
  let a: Record<string, Actor>;
  let company: { id: string; version: number };

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock('2017-07-03T01:00:00.000Z').now);
    a = await emptyDistrict(t.app);
    for (const name of ['rh', 'abc', 'xndb', 'picc']) a[name] = (await actorFor(t.app, name)).actor;
    await execute(t.app, a.rh!, recordRelendingQuota, {
      reference: 'Q-1',
      grantedOn: '2017-03-01',
      amount: '10000000',
    });
    await useBy(a.icbc!, 'drawdown', 'D-1', '2017-04-01', '8000000');
    company = await execute(t.app, a.jrzx!, createCompany, {
      name: '武隆甲公司',
      uscc: usccFor(11),
      township: BAIMA,
      stage: 'tutoring',
      reachedOn: '2017-05-01',
    });
    await execute(t.app, a.rh!, recordTraining, {
      heldOn: '2017-06-15',
      title: '直接融资知识培训',
      attendees: 30,
    });
    await execute(t.app, a.xndb!, recordGuarantorCapital, {
      asOf: '2017-06-30',
      paidIn: '120000000',
    });
  });
  afterAll(() => t.close());

  function useBy(bank: Actor, kind: string, reference: string, usedOn: string, amount: string) {
    return execute(t.app, a.rh!, recordRelendingUse, {
      institutionId: bank.institutionId,
      kind,
      reference,
      usedOn,
      amount,
    });
  }
  const stage = (stageName: string, reachedOn: string, version = company.version) =>
    execute(t.app, a.jrzx!, recordStage, { id: company.id, version, stage: stageName, reachedOn });
  const newCompany = (uscc: string, township = BAIMA) =>
    execute(t.app, a.jrzx!, createCompany, {
      name: '武隆乙公司',
      uscc,
      township,
      stage: 'cultivating',
      reachedOn: '2017-05-01',
    });

  it('shows the position as of a day', async () => {
    const p = await execute(t.app, a.jrzx!, relendingPosition, { asOf: '2017-06-30' });
    expect(p).toMatchObject({
      quota: '10000000.00',
      drawn: '8000000.00',
      outstanding: '8000000.00',
      available: '2000000.00',
    });
    const early = await execute(t.app, a.jrzx!, relendingPosition, { asOf: '2017-02-28' });
    expect(early.quota).toBeNull();
  });

  it('refuses each bad record with a bilingual error naming the field, and changes nothing', async () => {
    const bad = usccFor(12).slice(0, 17) + (usccFor(12).endsWith('0') ? '1' : '0');
    const cases: [string, () => Promise<unknown>, string, string][] = [
      // 8,000,000 + 2,000,000.01 > 10,000,000
      [
        'use above the quota',
        () => useBy(a.abc!, 'drawdown', 'D-2', '2017-06-01', '2000000.01'),
        'amount',
        'quota_exceeded',
      ],
      // dated before any quota: 0 granted on 2017-02-01
      [
        'use before the quota was granted',
        () => useBy(a.abc!, 'drawdown', 'D-2', '2017-02-01', '1'),
        'amount',
        'quota_exceeded',
      ],
      [
        'a bank repaying more than it owes',
        () => useBy(a.abc!, 'repayment', 'R-1', '2017-06-01', '1'),
        'amount',
        'invalid_input',
      ],
      [
        'relending to an insurer',
        () => useBy(a.picc!, 'drawdown', 'D-2', '2017-06-01', '1'),
        'institutionId',
        'invalid_input',
      ],
      [
        'a duplicate voucher',
        () => useBy(a.icbc!, 'drawdown', 'D-1', '2017-06-01', '1'),
        'reference',
        'duplicate_reference',
      ],
      [
        'a duplicate quota document',
        () =>
          execute(t.app, a.rh!, recordRelendingQuota, {
            reference: 'Q-1',
            grantedOn: '2017-05-01',
            amount: '1',
          }),
        'reference',
        'duplicate_reference',
      ],
      [
        'a use dated tomorrow',
        () => useBy(a.icbc!, 'repayment', 'R-2', '2017-07-04', '1'),
        'usedOn',
        'invalid_input',
      ],
      [
        'a zero amount',
        () => useBy(a.icbc!, 'repayment', 'R-2', '2017-06-01', '0'),
        'amount',
        'invalid_input',
      ],
      [
        'a stage dated before the last one',
        () => stage('filing', '2017-04-30'),
        'reachedOn',
        'stage_out_of_order',
      ],
      ['the stage it is already at', () => stage('tutoring', '2017-06-01'), 'stage', 'same_stage'],
      ['an unknown stage', () => stage('ipo', '2017-06-01'), 'stage', 'invalid_input'],
      ['a stale version', () => stage('filing', '2017-06-01', 99), 'version', 'stale_version'],
      [
        'a credit code with a wrong check character',
        () => newCompany(bad),
        'uscc',
        'invalid_input',
      ],
      ['a malformed credit code', () => newCompany('91500156ABCDEFGHIO'), 'uscc', 'invalid_input'],
      ['a duplicate credit code', () => newCompany(usccFor(11)), 'uscc', 'duplicate_uscc'],
      [
        'an unknown township',
        () => newCompany(usccFor(13), '500156999'),
        'township',
        'unknown_township',
      ],
      [
        'a village for a township',
        () => newCompany(usccFor(13), `${BAIMA}001`),
        'township',
        'unknown_township',
      ],
      [
        'a duplicate training',
        () =>
          execute(t.app, a.rh!, recordTraining, {
            heldOn: '2017-06-15',
            title: '直接融资知识培训',
            attendees: 5,
          }),
        'title',
        'duplicate_training',
      ],
      [
        'capital recorded twice for a day',
        () => execute(t.app, a.xndb!, recordGuarantorCapital, { asOf: '2017-06-30', paidIn: '1' }),
        'asOf',
        'duplicate_capital',
      ],
      [
        'negative capital',
        () => execute(t.app, a.xndb!, recordGuarantorCapital, { asOf: '2017-07-01', paidIn: '-1' }),
        'paidIn',
        'invalid_input',
      ],
    ];
    const before = await dump(t.app);
    for (const [what, run, field, code] of cases) {
      const e = await refusal(run());
      expect([e.field, e.code], what).toEqual([field, code]);
      expectBilingual(e.toJSON());
    }
    const over = await refusal(useBy(a.abc!, 'drawdown', 'D-2', '2017-06-01', '2000000.01'));
    expect(over.message_en).toContain('10000000.01 exceeds the quota granted by then, 10000000.00');
    expect(await dump(t.app)).toEqual(before);
  });

  it('refuses the wrong roles and changes nothing', async () => {
    const before = await dump(t.app);
    const wrong: [string, () => Promise<unknown>][] = [
      [
        'a bank recording relending',
        () =>
          execute(t.app, a.icbc!, recordRelendingQuota, {
            reference: 'X',
            grantedOn: '2017-05-01',
            amount: '1',
          }),
      ],
      [
        'the financial office recording relending use',
        () =>
          execute(t.app, a.jrzx!, recordRelendingUse, {
            institutionId: a.icbc!.institutionId,
            kind: 'drawdown',
            reference: 'X',
            usedOn: '2017-05-01',
            amount: '1',
          }),
      ],
      [
        'a bank recording guarantee capital',
        () => execute(t.app, a.icbc!, recordGuarantorCapital, { asOf: '2017-07-01', paidIn: '1' }),
      ],
    ];
    for (const [what, run] of wrong) {
      const e = await refusal(run());
      expect(e.kind, what).toBe('forbidden');
    }
    const guarantorCompany = await refusal(
      execute(t.app, a.xndb!, createCompany, {
        name: '武隆乙公司',
        uscc: usccFor(14),
        township: BAIMA,
        stage: 'cultivating',
        reachedOn: '2017-05-01',
      }),
    );
    expect(guarantorCompany.kind).toBe('forbidden');
    expect(await dump(t.app)).toEqual(before);
  });

  it('takes a use within the quota and a stage in order', async () => {
    const within = await useBy(a.abc!, 'drawdown', 'D-3', '2017-06-01', '2000000');
    expect(within.amount).toBe('2000000.00');
    const moved = await stage('filing', '2017-05-01');
    expect(moved.history.map((h) => h.stage)).toEqual(['tutoring', 'filing']);
  });

  it('two drawdowns at once that together pass the quota: one is taken, one refused', async () => {
    // After the case above 10,000,000 is drawn; ICBC repays 3,000,000, so 3,000,000 is
    // left: 2,000,000 each fits alone, not both.
    await useBy(a.icbc!, 'repayment', 'R-RACE', '2017-06-10', '3000000');
    const results = await Promise.allSettled([
      useBy(a.abc!, 'drawdown', 'D-RACE-1', '2017-06-15', '2000000'),
      useBy(a.icbc!, 'drawdown', 'D-RACE-2', '2017-06-15', '2000000'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    const err = await refusal(Promise.reject(failed.reason));
    expect([err.field, err.code]).toEqual(['amount', 'quota_exceeded']);
    const after = await execute(t.app, a.jrzx!, relendingPosition, { asOf: '2017-06-30' });
    expect(after.outstanding).toBe('9000000.00');
  });
});
