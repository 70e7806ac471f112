import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { yearSchema } from '../../core/rules/schemas.ts';
import { notAfterToday } from '../businessDay.ts';
import { conflict, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id, positiveYuan, shortText } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { loadDetail, loadGuarantee, type GuaranteeDetail } from './guarantees.ts';

/**
 * What happens under a guarantee after it is signed: the new guarantee amount of each
 * year (新增担保发生额, what arts. 12 and 20 pay a share of) and the guarantor's
 * compensations of the lender (代偿) and recoveries from the borrower.
 */

const yuan = (fen: number): string => fenToYuanString(fen as Fen);

export const recordGuaranteeYear = defineUseCase({
  name: 'guarantee.year.record',
  roles: ['guarantor'],
  scope: 'institution',
  writes: true,
  input: z.object({ id, year: yearSchema, newAmount: positiveYuan }).strict(),
  async run({ db, actor, now, audit }, input): Promise<GuaranteeDetail> {
    const g = await loadGuarantee(db, actor, input.id);
    const from = Number(g.start_date.slice(0, 4));
    const to = Number(g.end_date.slice(0, 4));
    if (input.year < from || input.year > to) {
      throw invalid(
        'year',
        `年度应在担保期限内（${String(from)}—${String(to)}）`,
        `must be within the guarantee's term (${String(from)} to ${String(to)})`,
      );
    }
    if (input.newAmount > Number(g.amount)) {
      throw invalid(
        'newAmount',
        `当年新增担保额不能超过担保金额 ${yuan(Number(g.amount))} 元`,
        `must not exceed the guarantee amount ${yuan(Number(g.amount))}`,
      );
    }
    const taken = await db
      .selectFrom('guarantee_years')
      .select('year')
      .where('region_code', '=', actor.regionCode)
      .where('guarantee_id', '=', g.id)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (taken) {
      throw conflict(
        'duplicate_year',
        `${String(input.year)} 年的新增担保额已登记`,
        `The new amount of ${String(input.year)} is already recorded`,
        'year',
      );
    }
    await db
      .insertInto('guarantee_years')
      .values({
        region_code: actor.regionCode,
        guarantee_id: g.id,
        year: input.year,
        new_amount: input.newAmount,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      })
      .execute();
    await audit({
      action: 'guarantee.year.record',
      entity: 'guarantee',
      entityId: g.id,
      after: { year: input.year, newAmount: yuan(input.newAmount) },
    });
    return loadDetail(db, actor, g.id);
  },
});

export const recordGuaranteeEvent = defineUseCase({
  name: 'guarantee.event.record',
  roles: ['guarantor'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      id,
      kind: z.enum(['compensation', 'recovery']),
      occurredOn: businessDate,
      amount: positiveYuan,
      note: shortText.optional(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<GuaranteeDetail> {
    const g = await loadGuarantee(db, actor, input.id);
    if (input.occurredOn < g.start_date) {
      throw invalid(
        'occurredOn',
        `日期不能早于担保起始日 ${g.start_date}`,
        `must not be before the guarantee starts (${g.start_date})`,
      );
    }
    notAfterToday('occurredOn', input.occurredOn, now);
    const events = await db
      .selectFrom('guarantee_events')
      .select(['kind', 'occurred_on', 'amount'])
      .where('region_code', '=', actor.regionCode)
      .where('guarantee_id', '=', g.id)
      .execute();
    const sum = (kind: string, until = '9999-12-31') =>
      events
        .filter((e) => e.kind === kind && e.occurred_on <= until)
        .reduce((s, e) => s + Number(e.amount), 0);
    if (input.kind === 'compensation') {
      const paid = sum('compensation');
      if (paid + input.amount > Number(g.amount)) {
        throw invalid(
          'amount',
          `代偿累计不能超过担保金额 ${yuan(Number(g.amount))} 元（已代偿 ${yuan(paid)} 元）`,
          `compensations must not exceed the guarantee amount ${yuan(Number(g.amount))} (${yuan(paid)} so far)`,
        );
      }
    } else {
      // Only what was compensated by that day can be recovered.
      const compensated = sum('compensation', input.occurredOn);
      const recovered = sum('recovery');
      if (recovered + input.amount > compensated) {
        throw invalid(
          'amount',
          `追偿累计不能超过此前代偿 ${yuan(compensated)} 元（已追回 ${yuan(recovered)} 元）`,
          `recoveries must not exceed the compensations made by then, ${yuan(compensated)} (${yuan(recovered)} so far)`,
        );
      }
    }
    const eventId = newId(now.getTime());
    await db
      .insertInto('guarantee_events')
      .values({
        region_code: actor.regionCode,
        id: eventId,
        guarantee_id: g.id,
        kind: input.kind,
        occurred_on: input.occurredOn,
        amount: input.amount,
        note: input.note ?? null,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      })
      .execute();
    await audit({
      action: 'guarantee.event.record',
      entity: 'guarantee',
      entityId: g.id,
      after: {
        eventId,
        kind: input.kind,
        occurredOn: input.occurredOn,
        amount: yuan(input.amount),
      },
    });
    return loadDetail(db, actor, g.id);
  },
});
