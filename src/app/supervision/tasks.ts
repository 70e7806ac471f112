import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { parseQuarter, quarterOf, type Quarter } from '../../core/supervision/quarter.ts';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { invalid } from '../errors.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { businessDayOf } from '../businessDay.ts';
import { loadRegister, resolveOwners } from './owners.ts';
import { shippedMatrix } from './responsibilityMatrix.ts';
import { SUPERVISION_ADMINS } from './supervisionRoles.ts';

/**
 * Tasks from the shipped matrix (issue 8 §1): one per measure, owned by the units the
 * register has for the names the text gives. Creating is a sync: measures that already
 * have a task keep it (and its reports); a measure appended to the matrix gets one.
 */

export const quarterField = z.string().transform((value, ctx): Quarter => {
  try {
    return parseQuarter(value.trim()).key;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    ctx.addIssue({ code: 'custom', message: bilingual(e.message_zh, e.message_en) });
    return z.NEVER;
  }
});

/** Creates the tasks the district does not have yet; returns how many it created. */
export async function createMissingTasks(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  reportingFrom: Quarter,
): Promise<string[]> {
  const matrix = shippedMatrix();
  const have = new Set(
    (
      await db
        .selectFrom('supervision_tasks')
        .select('id')
        .where('region_code', '=', actor.regionCode)
        .execute()
    ).map((t) => t.id),
  );
  const register = await loadRegister(db, actor.regionCode);
  const created: string[] = [];
  for (const article of matrix.articles) {
    for (const m of article.measures) {
      if (have.has(m.id)) continue;
      await db
        .insertInto('supervision_tasks')
        .values({
          region_code: actor.regionCode,
          id: m.id,
          article: m.article,
          quote: m.quote,
          deadline: m.deadline?.date ?? null,
          reporting_from: reportingFrom,
          created_by: actor.username,
          created_at: now.toISOString(),
        })
        .execute();
      await db
        .insertInto('supervision_task_owners')
        .values(
          resolveOwners(matrix, m, register).map((o, i) => ({
            region_code: actor.regionCode,
            task_id: m.id,
            n: i + 1,
            ...o,
          })),
        )
        .execute();
      created.push(m.id);
    }
  }
  return created;
}

export const syncTasks = defineUseCase({
  name: 'supervision.tasks.sync',
  roles: SUPERVISION_ADMINS,
  scope: 'district',
  writes: true,
  input: z.object({ reportingFrom: quarterField }).strict(),
  async run({ db, actor, now, audit }, input) {
    const current = quarterOf(businessDayOf(now));
    if (input.reportingFrom > current) {
      throw invalid(
        'reportingFrom',
        `reportingFrom：首个报告期不能晚于本季度 ${current}`,
        `reportingFrom: the first reporting quarter cannot be after this quarter, ${current}`,
        'future_period',
      );
    }
    const created = await createMissingTasks(db, actor, now, input.reportingFrom);
    await audit({
      action: 'supervision.tasks.sync',
      entity: 'supervision_tasks',
      entityId: actor.regionCode,
      detail: { reportingFrom: input.reportingFrom, created },
    });
    return { created: created.length };
  },
});
