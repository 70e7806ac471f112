import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { getCollection, saveCollection } from '../../src/app/credit/collections.ts';
import {
  decideDesignations,
  designationHistory,
  proposeDesignation,
  proposeHouseholds,
} from '../../src/app/credit/designations.ts';
import { creditOverview } from '../../src/app/credit/overview.ts';
import { rateSubject, ratingCard, runRatings } from '../../src/app/credit/ratings.ts';
import { creditWorklist } from '../../src/app/credit/worklist.ts';
import { addParameterVersion } from '../../src/app/policy/parameterVersions.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  collectAndRate,
  creditTestProduct,
  form,
  householdsOf,
  unpaidLoan,
} from './creditSetup.ts';
import { BAIMA, Clock, dump, expectBilingual, refusal } from './helpers.ts';

/**
 * The rural credit system (issue 6) through its use cases, on both dialects, in the
 * small demo district (10 households and 1 operator in each of 白马镇's two villages).
 * Default card (policy/parameters/art10.credit-*): weights 10, 15, 20, 10, 20, 15, 10
 * of 100 points; AAA ≥ 80, AA ≥ 70, A ≥ 60; valid 1 year; 25 of 100 repayment points
 * lost per overdue instalment; a credit household is rated A or better.
 */
describeEachDialect('credit system', (dialect) => {
  // The register is seeded on 2017-01-01 (coverage counts households registered by the
  // day asked about); the work below happens in May 2017, the clock reads 2017-06-01.
  const clock = new Clock('2017-01-01T01:00:00.000Z');
  let t: TestApp;
  let admin: Actor;
  let clerk: Actor;
  let houping: Actor;
  let icbc: Actor;
  let pboc: Actor;
  let office: Actor;
  let village1: string[];
  let village2: string[];
  const V1 = `${BAIMA}001`;
  const V2 = `${BAIMA}002`;

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    clock.current = new Date('2017-06-01T01:00:00.000Z');
    admin = (await actorFor(t.app, 'admin')).actor;
    clerk = (await actorFor(t.app, 'baima')).actor;
    houping = (await actorFor(t.app, 'houping')).actor;
    icbc = (await actorFor(t.app, 'icbc')).actor;
    pboc = (await actorFor(t.app, 'rh')).actor;
    office = (await actorFor(t.app, 'jrzx')).actor;
    village1 = await householdsOf(t.app, V1);
    village2 = await householdsOf(t.app, V2);
  });
  afterAll(() => t.close());

  it('the seeded villages have 10 households each (the shares below count on it)', () => {
    expect(village1).toHaveLength(10);
    expect(village2).toHaveLength(10);
  });

  describe('collection', () => {
    it('a clerk saves a draft, continues it and submits it; who and when are kept', async () => {
      const h = village1[0]!;
      const draft = await execute(t.app, clerk, saveCollection, {
        subjectKind: 'household',
        subjectId: h,
        collectedOn: '2017-05-02',
        sections: { 'family-labour': { score: 90, labourers: 3 } },
      });
      expect(draft).toMatchObject({
        status: 'draft',
        version: 1,
        collectedBy: 'baima',
        collectorRole: 'township_clerk',
        submittedAt: null,
      });
      // a second new form for the same subject would fork the draft
      const dup = await refusal(
        execute(t.app, clerk, saveCollection, {
          subjectKind: 'household',
          subjectId: h,
          collectedOn: '2017-05-02',
          sections: {},
        }),
      );
      expect(dup.code).toBe('draft_exists');
      // submitting an incomplete form names the first section without a score
      const incomplete = await refusal(
        execute(t.app, clerk, saveCollection, {
          id: draft.id,
          version: 1,
          subjectKind: 'household',
          subjectId: h,
          collectedOn: '2017-05-02',
          sections: { 'family-labour': { score: 90 } },
          submit: true,
        }),
      );
      expect(incomplete.field).toBe('sections.land-assets.score');
      const done = await execute(t.app, icbc, saveCollection, {
        id: draft.id,
        version: 1,
        subjectKind: 'household',
        subjectId: h,
        collectedOn: '2017-05-03',
        sections: { ...form(70), 'land-assets': { score: 70, landMu: 4, assetsYuan: '35000.50' } },
        submit: true,
      });
      expect(done).toMatchObject({
        id: draft.id,
        status: 'submitted',
        version: 2,
        collectedOn: '2017-05-03',
        collectedBy: 'icbc',
        collectorRole: 'bank_officer',
        submittedAt: clock.current.toISOString(),
      });
      expect(done.sections['land-assets']).toEqual({
        score: 70,
        landMu: 4,
        assetsYuan: '35000.50',
      });
      const again = await refusal(
        execute(t.app, clerk, saveCollection, {
          id: draft.id,
          version: 2,
          subjectKind: 'household',
          subjectId: h,
          collectedOn: '2017-05-03',
          sections: form(90),
        }),
      );
      expect(again.code).toBe('collection_submitted');
      expect(
        await execute(t.app, houping, getCollection, { id: draft.id }).catch((e: unknown) => e),
      ).toMatchObject({ kind: 'not_found' });
      const list = await execute(t.app, clerk, creditWorklist, {
        villageCode: V1,
        asOf: '2017-05-31',
      });
      expect(list.items).toHaveLength(11); // 10 households + 1 operator
      expect(list.items.find((i) => i.subjectId === h)).toMatchObject({
        stage: 'collected',
        collectionStatus: 'submitted',
      });
    });
  });

  describe('rating', () => {
    it('grades a household and explains each indicator; the grade expires after a year', async () => {
      const h = village1[1]!;
      // 10 × 90 % + 15 × 60 % + 20 × 75 % + 10 × 50 % + 20 × 85 % + 15 × 80 % + 10 × 70 %
      // = 9 + 9 + 15 + 5 + 17 + 12 + 7 = 74.00 → AA (70–79); no loans: the form's
      // repayment record counts.
      const card = await collectAndRate(t.app, clerk, h, 0, '2017-05-10', {
        'family-labour': 90,
        'land-assets': 60,
        'income-production': 75,
        debts: 50,
        'repayment-record': 85,
        'village-assessment': 80,
        'officer-assessment': 70,
      });
      expect(card).toMatchObject({
        grade: 'AA',
        points: '74.00',
        ratedOn: '2017-05-10',
        validUntil: '2018-05-10',
      });
      expect(card.lines.map((l) => [l.section, l.weight, l.score, l.points, l.source])).toEqual([
        ['family-labour', 10, 90, '9.00', 'collected'],
        ['land-assets', 15, 60, '9.00', 'collected'],
        ['income-production', 20, 75, '15.00', 'collected'],
        ['debts', 10, 50, '5.00', 'collected'],
        ['repayment-record', 20, 85, '17.00', 'collected'],
        ['village-assessment', 15, 80, '12.00', 'collected'],
        ['officer-assessment', 10, 70, '7.00', 'collected'],
      ]);
      const lastDay = await execute(t.app, clerk, ratingCard, {
        subjectKind: 'household',
        subjectId: h,
        asOf: '2018-05-09',
      });
      expect(lastDay.rating?.valid).toBe(true);
      const expired = await execute(t.app, clerk, ratingCard, {
        subjectKind: 'household',
        subjectId: h,
        asOf: '2018-05-10',
      });
      expect(expired.rating?.valid).toBe(false);
    });

    it('repayment behaviour comes from the loan portfolio: 2 instalments unpaid → 50 of 100', async () => {
      const h = village1[2]!;
      const productId = await creditTestProduct(t.app, admin);
      // 24 monthly instalments from 2017-01-05: due 2017-02-05 and 2017-03-05 are past and
      // unpaid on 2017-03-10 → 2 overdue → 100 − 2 × 25 = 50 % of 20 = 10.00 points.
      await unpaidLoan(t.app, icbc, productId, h, '20000', '2017-01-05');
      const card = await collectAndRate(t.app, clerk, h, 80, '2017-03-10');
      expect(card.lines[4]).toMatchObject({
        section: 'repayment-record',
        score: 50,
        points: '10.00',
        source: 'loan-portfolio',
        loans: 1,
        instalmentsDue: 2,
        overdueInstalments: 2,
      });
      // 80 % of the other 80 points = 64.00, + 10.00 = 74.00 → AA
      expect(card).toMatchObject({ points: '74.00', grade: 'AA' });
    });

    it('the yearly run re-rates expired ratings only', async () => {
      clock.current = new Date('2018-06-01T01:00:00.000Z');
      try {
        const before = await execute(t.app, clerk, runRatings, { asOf: '2018-05-09' });
        // due: village1[0] (collected 2017-05-03, never rated), [2] (rated 2017-03-10,
        // expired 2018-03-10) and the 6 seeded households of village 2 (rated 2016-12-02,
        // expired 2017-12-02); village1[1] is valid until 2018-05-10
        expect(before).toMatchObject({ rated: 8, stillValid: 1 });
        const after = await execute(t.app, clerk, runRatings, { asOf: '2018-05-10' });
        expect(after).toMatchObject({ rated: 1, stillValid: 8 });
      } finally {
        clock.current = new Date('2017-06-01T01:00:00.000Z');
      }
    });
  });

  describe('bad input: clear errors, nothing changed', () => {
    it('scores out of range, not whole, or negative money', async () => {
      for (const [sections, field] of [
        [{ ...form(70), debts: { score: 101 } }, 'sections.debts.score'],
        [{ ...form(70), debts: { score: -1 } }, 'sections.debts.score'],
        [{ ...form(70), 'family-labour': { score: 50.5 } }, 'sections.family-labour.score'],
        [{ ...form(70), debts: { score: 70, debtsYuan: '-5' } }, 'sections.debts.debtsYuan'],
        [{ ...form(70), bogus: { score: 70 } }, 'sections.bogus'],
      ] as const) {
        const before = await dump(t.app);
        const e = await refusal(
          execute(t.app, clerk, saveCollection, {
            subjectKind: 'household',
            subjectId: village1[3],
            collectedOn: '2017-05-02',
            sections,
            submit: true,
          }),
        );
        expect(e.field).toBe(field);
        expectBilingual(e.toJSON(), 'invalid_input');
        expect(await dump(t.app)).toEqual(before);
      }
    });

    it("a clerk of another township can neither collect nor rate 白马镇's households", async () => {
      const before = await dump(t.app);
      for (const attempt of [
        () =>
          execute(t.app, houping, saveCollection, {
            subjectKind: 'household',
            subjectId: village1[1],
            collectedOn: '2017-05-02',
            sections: form(90),
            submit: true,
          }),
        () =>
          execute(t.app, houping, rateSubject, {
            subjectKind: 'household',
            subjectId: village1[1],
            ratedOn: '2017-05-20',
          }),
        () =>
          execute(t.app, houping, proposeDesignation, {
            level: 'village',
            code: V1,
            asOf: '2017-05-20',
          }),
      ]) {
        const e = await refusal(attempt());
        expect(e.kind).toBe('not_found');
        expectBilingual(e.toJSON(), 'not_found');
      }
      expect(await dump(t.app)).toEqual(before);
    });

    it('a rating before the last one, or in the future, is refused', async () => {
      const before = await dump(t.app);
      const early = await refusal(
        execute(t.app, clerk, rateSubject, {
          subjectKind: 'household',
          subjectId: village1[1],
          ratedOn: '2017-05-09',
        }),
      );
      expect(early.field).toBe('ratedOn');
      const future = await refusal(
        execute(t.app, clerk, rateSubject, {
          subjectKind: 'household',
          subjectId: village1[1],
          ratedOn: '2017-06-02',
        }),
      );
      expect(future.field).toBe('ratedOn');
      expect(await dump(t.app)).toEqual(before);
    });

    it('weights that do not add up to the configured total: rating and submitting refused', async () => {
      await execute(t.app, clerk, saveCollection, {
        subjectKind: 'household',
        subjectId: village1[5],
        collectedOn: '2017-05-20',
        sections: form(75),
        submit: true,
      });
      // debts 10 → 11 from 2017-05-25: 10 + 15 + 20 + 11 + 20 + 15 + 10 = 101 ≠ 100
      await execute(t.app, admin, addParameterVersion, {
        id: 'art10.credit-rating.weight.debts',
        effectiveFrom: '2017-05-25',
        value: 11,
        document: '测试：错误的权重',
      });
      const before = await dump(t.app);
      const rating = await refusal(
        execute(t.app, clerk, rateSubject, {
          subjectKind: 'household',
          subjectId: village1[5],
          ratedOn: '2017-05-26',
        }),
      );
      expect(rating.field).toBe('art10.credit-rating.total-points');
      expect(rating.message_en).toContain('add up to 101 points, not the configured total of 100');
      expectBilingual(rating.toJSON(), 'invalid_input');
      const submit = await refusal(
        execute(t.app, clerk, saveCollection, {
          subjectKind: 'household',
          subjectId: village1[4],
          collectedOn: '2017-05-26',
          sections: form(70),
          submit: true,
        }),
      );
      expect(submit.field).toBe('art10.credit-rating.total-points');
      expect(await dump(t.app)).toEqual(before);
      // the card in force before that date still rates
      const ok = await execute(t.app, clerk, rateSubject, {
        subjectKind: 'household',
        subjectId: village1[5],
        ratedOn: '2017-05-24',
      });
      expect(ok).toMatchObject({ grade: 'AA', points: '75.00' });
    });
  });

  describe('designation with approval', () => {
    it('credit households, then the village at exactly 70 %, then the township at 50 %', async () => {
      const on = '2017-05-12';
      // The demo seed (src/app/demo/seedCredit.ts) made households 1–6 of village 2 credit
      // households on 2016-12-02 (30 days before it ran): 6 of 10 = 60 % < 70 %.
      const seeded = await execute(t.app, clerk, creditOverview, { asOf: on });
      expect(seeded.villages.find((v) => v.code === V2)!.verdict.checks[0]).toMatchObject({
        criterion: 'credit-share',
        numerator: 6,
        denominator: 10,
        percent: '60.00',
        met: false,
      });
      // Household 7 at 60 % everywhere = 60.00 → A (the lowest qualifying grade);
      // household 8 at 60 % but family labour 59 %: 60 − 10 × 1 % = 59.90 → unrated.
      expect(await collectAndRate(t.app, clerk, village2[6]!, 60, on)).toMatchObject({
        points: '60.00',
        grade: 'A',
      });
      const low = await collectAndRate(t.app, clerk, village2[7]!, 60, on, { 'family-labour': 59 });
      expect(low).toMatchObject({ points: '59.90', grade: 'unrated' });

      const batch = await execute(t.app, clerk, proposeHouseholds, { villageCode: V2, asOf: on });
      expect(batch).toEqual({ proposed: 1, grants: 1, revocations: 0 });
      const early = await refusal(
        execute(t.app, clerk, proposeDesignation, { level: 'village', code: V2, asOf: on }),
      );
      expect(early.code).toBe('not_qualified');

      const proposals = await t.app.store.db
        .selectFrom('credit_proposals')
        .select(['id', 'subject_code'])
        .where('village_code', '=', V2)
        .where('status', '=', 'proposed')
        .execute();
      expect(proposals.map((p) => p.subject_code)).toEqual([village2[6]]);

      // the 7th: 7 / 10 = 70 % ≥ 70 % → qualifies
      await execute(t.app, office, decideDesignations, {
        ids: [proposals[0]!.id],
        decision: 'approve',
      });
      const seven = await execute(t.app, clerk, creditOverview, { asOf: on });
      const v7 = seven.villages.find((v) => v.code === V2)!;
      expect(v7.verdict.checks[0]).toMatchObject({
        numerator: 7,
        denominator: 10,
        percent: '70.00',
        met: true,
      });
      expect(v7).toMatchObject({ designated: false });
      expect(v7.verdict.qualifies).toBe(true);
      // the township: 0 of 2 villages are credit villages yet
      expect(seven.townships.find((x) => x.code === BAIMA)!.verdict.checks[0]).toMatchObject({
        numerator: 0,
        denominator: 2,
        met: false,
      });

      const villageProposal = await execute(t.app, pboc, proposeDesignation, {
        level: 'village',
        code: V2,
        asOf: on,
      });
      expect(villageProposal.action).toBe('grant');
      const before2 = await dump(t.app);
      const self = await refusal(
        execute(t.app, pboc, decideDesignations, {
          ids: [villageProposal.id],
          decision: 'approve',
        }),
      );
      expect(self).toMatchObject({ code: 'own_proposal', field: 'ids.0' });
      expectBilingual(self.toJSON(), 'own_proposal');
      expect(await dump(t.app)).toEqual(before2);
      await execute(t.app, admin, decideDesignations, {
        ids: [villageProposal.id],
        decision: 'approve',
      });

      const after = await execute(t.app, clerk, creditOverview, { asOf: on });
      expect(after.villages.find((v) => v.code === V2)).toMatchObject({ designated: true });
      // 1 of 2 villages = 50 % ≥ 50 %: met. But the township's one borrower (village 1,
      // unpaid since 2017-02-05: 28 + 31 + 30 + 7 = 96 days past due → 次级) is in arrears
      // (0 of 1 < 90 %) and its loan is non-performing (100 % ≥ 5 %), newly (≥ 1 %).
      const town = after.townships.find((x) => x.code === BAIMA)!;
      expect(town.verdict.checks[0]).toMatchObject({
        numerator: 1,
        denominator: 2,
        percent: '50.00',
        met: true,
      });
      expect(
        town.verdict.checks.map((c) => [c.criterion, c.numerator, c.denominator, c.met]),
      ).toEqual([
        ['credit-share', 1, 2, true],
        ['no-arrears-share', 0, 1, false],
        ['npl-stock', 2_000_000, 2_000_000, false],
        ['npl-new', 2_000_000, 2_000_000, false],
      ]);
      expect(town.verdict.qualifies).toBe(false);
      // the day before, nothing was designated
      const dayBefore = await execute(t.app, clerk, creditOverview, { asOf: '2017-05-11' });
      expect(dayBefore.villages.find((v) => v.code === V2)).toMatchObject({ designated: false });

      const history = await execute(t.app, icbc, designationHistory, {
        level: 'village',
        code: V2,
      });
      expect(history.items).toEqual([
        expect.objectContaining({
          status: 'granted',
          effectiveOn: on,
          proposedBy: 'rh',
          approvedBy: 'admin',
        }),
      ]);
    });

    it('coverage of the art. 10 targets for the village, as of a day', async () => {
      const o = await execute(t.app, pboc, creditOverview, { asOf: '2017-05-12' });
      const v = o.villages.find((x) => x.code === V2)!;
      // 10 households + 1 operator = 11 subjects; 8 collected (6 seeded + 2): 8/11 = 72.72 % < 80 %;
      // all 8 rated: 100 % ≥ 90 %; 7 credit households of 10 = 70 % < 100 %
      expect(v.coverage).toEqual({
        subjects: 11,
        collected: 8,
        collectionRate: '72.72',
        collectionMet: false,
        rated: 8,
        ratingRate: '100.00',
        ratingMet: true,
        created: 7,
        createdOf: 10,
        creationRate: '70.00',
        creationMet: false,
      });
      expect(o.targets).toEqual({
        collectionRateMin: '80.00',
        ratingRateMin: '90.00',
        creationCoverage: '100.00',
      });
      // before the seeded collection (2016-12-02) nothing was collected
      const earlier = await execute(t.app, pboc, creditOverview, { asOf: '2016-12-01' });
      expect(earlier.villages.find((x) => x.code === V2)!.coverage).toMatchObject({
        collected: 0,
        rated: 0,
        created: 0,
      });
    });
  });
});
