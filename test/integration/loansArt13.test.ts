import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan } from '../../src/app/loans/applications.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { ALL_TABLES, Clock, dump, expectBilingual, refusal } from './helpers.ts';
import { INDUSTRY, nextContract, poorHousehold, product } from './loanSetup.ts';

/**
 * Art. 13 as product settings (ADR 0012): ABC's 美丽乡村“富农贷” and CDB's wholesale
 * industry loans are lent "实行基准利率" — at the benchmark rate — which is an industry
 * product of that lender whose rate rule is at most 1 × the benchmark for the term on
 * the application date.
 */
describeEachDialect('loans: art. 13 industry loans at the benchmark rate', (dialect) => {
  let t: TestApp;
  const a = {} as Record<'admin' | 'abc', Actor>;
  let funong: string;
  let seq = 980;

  const run = <I, O>(who: Actor, uc: UseCase<I, O>, input: unknown) =>
    execute(t.app, who, uc, input);

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    a.admin = (await actorFor(t.app, 'admin')).actor;
    a.abc = (await actorFor(t.app, 'abc')).actor;
    funong = (
      await product(t.app, a.admin, {
        ...INDUSTRY,
        code: 'ABC-FUNONG',
        nameZh: '美丽乡村“富农贷”',
        nameEn: 'ABC Funong loan',
        institutionId: a.abc.institutionId,
        maxTermMonths: 96,
        rateRule: { kind: 'max-factor-of-benchmark', value: '1' },
      })
    ).id;
  });
  afterAll(() => t.close());

  it('at most the benchmark for the term: 1–5 years 4.75 %, over 5 years 4.90 % (from 2015-10-24)', async () => {
    const h = await poorHousehold(t.app, a.admin, ++seq);
    const apply = (annualRate: string, termMonths: number) =>
      run(a.abc, applyForLoan, {
        productId: funong,
        householdId: h,
        contractNo: nextContract(`FN-${dialect}`),
        amount: '100000',
        annualRate,
        termMonths,
        appliedOn: '2017-03-15',
      });
    // PBOC benchmark in force on 2017-03-15 (set 2015-10-24): 1–5 years 4.75 %, over
    // 5 years 4.90 %. 1 × the benchmark is the cap; one basis point above is refused.
    for (const [rate, term] of [
      ['4.76', 36],
      ['4.91', 72],
    ] as const) {
      const before = await dump(t.app, ALL_TABLES);
      const e = await refusal(apply(rate, term));
      expect(e.kind).toBe('invalid');
      expect(e.field).toBe('annualRate');
      expectBilingual(e.toJSON(), e.code);
      expect(await dump(t.app, ALL_TABLES)).toEqual(before);
    }
    expect((await apply('4.75', 36)).status).toBe('applied');
    expect((await apply('4.9', 72)).status).toBe('applied');
  });
});
