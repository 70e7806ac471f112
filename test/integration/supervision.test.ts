import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { AppError } from '../../src/app/errors.ts';
import { addParameterVersion } from '../../src/app/policy/parameterVersions.ts';
import { flagOverdue, listNotifications } from '../../src/app/supervision/notifications.ts';
import { setNotifier, type OutgoingNotice } from '../../src/app/supervision/notifier.ts';
import { matrixView, supervisionOverview } from '../../src/app/supervision/overview.ts';
import { fileReport, myTasks } from '../../src/app/supervision/reports.ts';
import { syncTasks } from '../../src/app/supervision/tasks.ts';
import { execute } from '../../src/app/useCase.ts';
import { buildServer } from '../../src/http/server.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  BAIMA,
  call,
  Clock,
  cookieFor,
  dump,
  expectBilingual,
  expectFieldError,
  refusal,
} from './helpers.ts';

/**
 * Supervision (issue 8 §1–2) through the use cases, on both databases. The demo district
 * is seeded on 2017-06-01, so its tasks are reported on from 2017-Q2. Quarter ends and
 * due dates are worked out by hand: 2017-Q2 ends 2017-06-30; with the shipped 15 grace
 * days (art36.supervision.report-grace-days) its report is due by 2017-07-15 and overdue
 * from 2017-07-16.
 */
describeEachDialect('supervision', (dialect) => {
  const clock = new Clock('2017-06-01T01:00:00.000Z');
  let t: TestApp;
  let admin: Actor;
  let rh: Actor;
  let icbc: Actor;
  let baima: Actor;
  let fgw: Actor;
  let auditor: Actor;
  const sent: OutgoingNotice[] = [];

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    setNotifier(t.app, { send: (n) => Promise.resolve(void sent.push(n)) });
    admin = (await actorFor(t.app, 'admin')).actor;
    rh = (await actorFor(t.app, 'rh')).actor;
    icbc = (await actorFor(t.app, 'icbc')).actor;
    baima = (await actorFor(t.app, 'baima')).actor;
    fgw = (await actorFor(t.app, 'fgw')).actor;
    auditor = (await actorFor(t.app, 'audit')).actor;
  });
  afterAll(() => t.close());

  const ownersOf = async (taskId: string) =>
    (
      await t.app.store.db
        .selectFrom('supervision_task_owners')
        .selectAll()
        .where('task_id', '=', taskId)
        .orderBy('n')
        .execute()
    ).map((o) => `${o.owner_kind}:${o.owner_name}`);

  it('creates one task per measure, owned by the units the register has', async () => {
    const tasks = await t.app.store.db.selectFrom('supervision_tasks').selectAll().execute();
    // 90 measures in policy/responsibilities.yaml (3+3+2+3+1+3+3+2+4+2+3+2+4+2+2+3+3+3+3+2+2+2
    // +4+2+2+2+1+2+3+2+3+3+2+2+2+3).
    expect(tasks).toHaveLength(90);
    expect(new Set(tasks.map((x) => x.reporting_from))).toEqual(new Set(['2017-Q2']));
    // Art. 29: 人行武隆支行 alone, a government unit of the register.
    expect(await ownersOf('art29.1')).toEqual(['gov_unit:人行武隆支行']);
    // Art. 24: three bureaus, then 区内保险公司 = the one insurer of the demo register.
    expect(await ownersOf('art24.1')).toEqual([
      'gov_unit:区农委',
      'gov_unit:区财政局',
      'gov_unit:区畜牧兽医局',
      'institution:人保财险武隆支公司',
    ]);
    // Art. 6 closes with "武隆融兴村镇银行等": the six named, nobody guessed for 等.
    expect(await ownersOf('art6.3')).toEqual([
      'gov_unit:人行武隆支行',
      'gov_unit:区银监办',
      'institution:农行武隆支行',
      'institution:邮储银行武隆支行',
      'institution:农商行武隆支行',
      'institution:武隆融兴村镇银行',
    ]);
    expect(tasks.find((x) => x.id === 'art6.3')?.deadline).toBe('2017-12-31');
    // Art. 3: 人行 and each of the 26 township governments (各乡镇人民政府).
    const art3 = await ownersOf('art3.1');
    expect(art3).toHaveLength(27);
    expect(art3.filter((o) => o.startsWith('township:'))).toHaveLength(26);
    // Art. 34: 区级有关部门 names no office: unassigned; 区内金融机构 = all ten institutions.
    const art34 = await ownersOf('art34.1');
    expect(art34[0]).toBe('unassigned:区级有关部门');
    expect(art34.filter((o) => o.startsWith('institution:'))).toHaveLength(10);
    // Art. 2's first measure is the 农行's own ("农行武隆支行…要打造3个以上金融扶贫示范村").
    expect(await ownersOf('art2.1')).toEqual(['institution:农行武隆支行']);
  });

  it('syncing again creates nothing and keeps the tasks', async () => {
    const before = await dump(t.app, ['supervision_tasks', 'supervision_task_owners']);
    expect(await execute(t.app, admin, syncTasks, { reportingFrom: '2017-Q2' })).toEqual({
      created: 0,
    });
    expect(await dump(t.app, ['supervision_tasks', 'supervision_task_owners'])).toEqual(before);
  });

  it('a unit files its quarterly progress; it shows in its task list and to the district', async () => {
    const r = await execute(t.app, rh, fileReport, {
      taskId: 'art29.1',
      period: '2017-Q2',
      status: 'in_progress',
      text: '已向上争取扶贫再贷款指标5000万元',
      attachments: ['人行武隆支行〔2017〕12号'],
      indicatorIds: ['relending.quota'],
    });
    expect(r).toMatchObject({ taskId: 'art29.1', owner: '人行武隆支行', period: '2017-Q2' });
    const mine = await execute(t.app, rh, myTasks, {});
    const task = mine.items.find((i) => i.id === 'art29.1')!;
    expect(
      task.mine[0]?.reports.map((x) => [x.period, x.text, x.attachments, x.indicatorIds]),
    ).toEqual([
      [
        '2017-Q2',
        '已向上争取扶贫再贷款指标5000万元',
        ['人行武隆支行〔2017〕12号'],
        ['relending.quota'],
      ],
    ]);
    expect(task.progress.status).toBe('in_progress');
    const overview = await execute(t.app, admin, supervisionOverview, {});
    expect(overview.recentReports[0]).toMatchObject({
      taskId: 'art29.1',
      owner: '人行武隆支行',
      period: '2017-Q2',
      reportedBy: 'rh',
    });
    // the 区发改委 (a gov_unit user) sees its own tasks only: arts. 10, 16, 18, 23, 35 name it
    const fgwTasks = await execute(t.app, fgw, myTasks, {});
    expect([...new Set(fgwTasks.items.map((i) => i.article))]).toEqual([10, 16, 18, 23, 35]);
  });

  it('refuses bad reports with a field-named bilingual error, and changes nothing', async () => {
    const good = {
      taskId: 'art29.2',
      period: '2017-Q2',
      status: 'in_progress',
      text: '再贴现支持',
    };
    const cases: [Actor, object, string, string, number][] = [
      // ICBC owns no art. 29 task
      [icbc, {}, 'not_task_owner', 'taskId', 403],
      // the 白马镇 clerk does not own art. 29 either
      [baima, {}, 'not_task_owner', 'taskId', 403],
      [rh, { text: '   ' }, 'invalid_input', 'text', 400],
      [rh, { text: '' }, 'invalid_input', 'text', 400],
      // on 2017-06-01 the quarter 2017-Q3 has not begun
      [rh, { period: '2017-Q3' }, 'future_period', 'period', 400],
      // the tasks are reported on from 2017-Q2
      [rh, { period: '2017-Q1' }, 'period_before_reporting', 'period', 400],
      [rh, { period: '2017Q2' }, 'invalid_input', 'period', 400],
      [rh, { period: '2017-Q5' }, 'invalid_input', 'period', 400],
      [rh, { status: 'done' }, 'invalid_input', 'status', 400],
      [rh, { attachments: [''] }, 'invalid_input', 'attachments.0', 400],
      // a link must name an indicator the dashboard defines
      [
        rh,
        { indicatorIds: ['relending.quota', 'no-such.indicator'] },
        'invalid_input',
        'indicatorIds.1',
        400,
      ],
      [rh, { text: '长'.repeat(5001) }, 'invalid_input', 'text', 400],
      // rh reported on art29.1 for 2017-Q2 above
      [rh, { taskId: 'art29.1' }, 'duplicate_report', 'period', 409],
    ];
    const before = await dump(t.app);
    for (const [actor, change, code, field, status] of cases) {
      const e = await refusal(execute(t.app, actor, fileReport, { ...good, ...change }));
      expect(e.code, JSON.stringify(change)).toBe(code);
      expect(e.field, JSON.stringify(change)).toBe(field);
      expect(e.status).toBe(status);
      expectBilingual(e.toJSON(), code);
    }
    const missing = await refusal(execute(t.app, rh, fileReport, { ...good, taskId: 'art99.1' }));
    expect(missing.kind).toBe('not_found');
    // an auditor may not report at all
    expect((await refusal(execute(t.app, auditor, fileReport, good))).kind).toBe('forbidden');
    expect(await dump(t.app)).toEqual(before);
  });

  it('the 白马镇 clerk reports for its township government, and only for it', async () => {
    await execute(t.app, baima, fileReport, {
      taskId: 'art10.1',
      period: '2017-Q2',
      status: 'in_progress',
      text: '白马镇信用户评定过半',
    });
    const owners = await t.app.store.db
      .selectFrom('supervision_reports as r')
      .innerJoin('supervision_task_owners as o', (j) =>
        j.onRef('o.task_id', '=', 'r.task_id').onRef('o.n', '=', 'r.owner_n'),
      )
      .select(['o.owner_ref', 'o.owner_name'])
      .where('r.task_id', '=', 'art10.1')
      .execute();
    expect(owners).toEqual([{ owner_ref: BAIMA, owner_name: '白马镇' }]);
  });

  it('flags a report overdue the day after its grace days, not before', async () => {
    const late = async (asOf: string) =>
      (await execute(t.app, admin, supervisionOverview, { asOf })).late.find(
        (u) => u.name === '人行武隆支行',
      );
    // 2017-07-15 is the last day on time
    expect(await late('2017-07-15')).toBeUndefined();
    const on16 = await late('2017-07-16');
    const tasks = on16!.overdue.map((o) => o.taskId);
    // art29.1 was reported; art29.2 was not: due 2017-07-15
    expect(tasks).not.toContain('art29.1');
    expect(on16!.overdue.find((o) => o.taskId === 'art29.2')).toEqual({
      taskId: 'art29.2',
      article: 29,
      period: '2017-Q2',
      dueOn: '2017-07-15',
    });
  });

  it('notifies the unit and the district once per overdue report, through the notifier', async () => {
    clock.current = new Date('2017-07-16T02:00:00.000Z');
    const first = await execute(t.app, admin, flagOverdue, {});
    expect(first.asOf).toBe('2017-07-16');
    expect(first.created).toBeGreaterThan(0);
    expect(sent).toHaveLength(first.created);
    // one notice to the unit, one to the district, for each overdue report
    expect(sent.filter((n) => n.recipient === 'district')).toHaveLength(first.created / 2);
    const again = await execute(t.app, admin, flagOverdue, {});
    expect(again.created).toBe(0);
    expect(sent).toHaveLength(first.created);

    const notes = async (who: Actor, taskId?: string) =>
      execute(t.app, who, listNotifications, taskId ? { taskId } : {});
    // 人行 is a unit and a supervisor: its own notices and the district's
    const rh292 = (await notes(rh, 'art29.2')).items;
    expect(rh292.map((n) => [n.toDistrict, n.period]).sort()).toEqual([
      [false, '2017-Q2'],
      [true, '2017-Q2'],
    ]);
    expect((await notes(rh, 'art29.1')).total).toBe(0);
    // the district sees one notice per overdue report
    expect((await notes(admin)).total).toBe(first.created / 2);
    // the 区发改委 is a unit only: its own notices (art. 10 names it), none of the district's
    const fgwNotes = await notes(fgw);
    expect(fgwNotes.items.some((n) => n.taskId === 'art10.1')).toBe(true);
    expect(fgwNotes.items.every((n) => !n.toDistrict && n.messageZh.startsWith('区发改委'))).toBe(
      true,
    );
    // the ICBC officer sees ICBC's notices (art. 28 names 工行武隆支行), not 人行's
    expect((await notes(icbc, 'art28.1')).total).toBe(1);
    expect((await notes(icbc, 'art29.2')).total).toBe(0);
    const district = (await notes(admin, 'art29.2')).items;
    const note = district.find((n) => n.taskId === 'art29.2')!;
    expect(note.messageZh).toContain('人行武隆支行');
    expect(note.messageEn).toContain('due by 2017-07-15');
  });

  it('a task completed by its only owner owes no further reports', async () => {
    clock.current = new Date('2017-08-01T02:00:00.000Z');
    await execute(t.app, rh, fileReport, {
      taskId: 'art29.3',
      period: '2017-Q3',
      status: 'completed',
      text: '扶贫贷款余额达到目标',
    });
    // 2017-10-16: 2017-Q3 (ends 09-30, due 10-15) is overdue for art29.2, not for art29.3;
    // art29.3 still owes 2017-Q2, reported neither.
    const o = await execute(t.app, admin, supervisionOverview, { asOf: '2017-10-16' });
    const rhLate = o.late.find((u) => u.name === '人行武隆支行')!.overdue;
    expect(rhLate.filter((x) => x.taskId === 'art29.2').map((x) => x.period)).toEqual([
      '2017-Q2',
      '2017-Q3',
    ]);
    const m = await execute(t.app, admin, matrixView, { asOf: '2017-10-16' });
    const art29 = m.articles[28]!.measures;
    expect(art29.map((x) => x.status)).toEqual(['in_progress', 'not_started', 'completed']);
    expect(art29[2]!.risks).toEqual([]);
  });

  it('marks an unfinished task at risk: overdue, deadline near or passed, unassigned', async () => {
    const risks = async (asOf: string, id: string) =>
      (await execute(t.app, admin, supervisionOverview, { asOf })).atRisk.find(
        (x) => x.taskId === id,
      )?.risks;
    // art6.3 is due 2017-12-31: 2017-10-16 is 76 days before (≤ 90: near), 2018-01-01 after
    expect(await risks('2017-10-16', 'art6.3')).toEqual(['overdue_reports', 'deadline_near']);
    expect(await risks('2018-01-01', 'art6.3')).toEqual(['overdue_reports', 'deadline_passed']);
    expect(await risks('2017-07-10', 'art34.1')).toEqual(['unassigned']);
  });

  it('reads the grace days in force at the quarter end (an effective-dated parameter)', async () => {
    await execute(t.app, admin, addParameterVersion, {
      id: 'art36.supervision.report-grace-days',
      effectiveFrom: '2017-06-01',
      value: 30,
      document: '区金融扶贫领导小组会议纪要（测试）',
    });
    // 2017-Q2 ends 2017-06-30, with 30 days in force then: due 2017-07-30
    const o = await execute(t.app, admin, supervisionOverview, { asOf: '2017-07-30' });
    expect(o.late.find((u) => u.name === '人行武隆支行')).toBeUndefined();
    const o31 = await execute(t.app, admin, supervisionOverview, { asOf: '2017-07-31' });
    expect(
      o31.late.find((u) => u.name === '人行武隆支行')!.overdue.find((x) => x.taskId === 'art29.2')
        ?.dueOn,
    ).toBe('2017-07-30');
  });

  it('answers over HTTP: 201 for a report, field errors and 403s that change nothing', async () => {
    const server = await buildServer(t.app);
    try {
      const icbcCookie = await cookieFor(server, 'icbc');
      const before = await dump(t.app);
      const report = {
        taskId: 'art29.2',
        period: '2017-Q3',
        status: 'blocked',
        text: '等待上级批复',
      };
      // ICBC does not own art. 29; the district view is not a bank's
      expectFieldError(
        await call(server, icbcCookie, 'POST', '/api/v1/supervision/reports', report),
        403,
        'taskId',
        'not_task_owner',
      );
      expect((await call(server, icbcCookie, 'GET', '/api/v1/supervision/overview')).status).toBe(
        403,
      );
      const rhCookie = await cookieFor(server, 'rh');
      expectFieldError(
        await call(server, rhCookie, 'POST', '/api/v1/supervision/reports', {
          ...report,
          text: '',
        }),
        400,
        'text',
      );
      expect(await dump(t.app, ['supervision_reports', 'supervision_notifications'])).toEqual({
        supervision_reports: before.supervision_reports,
        supervision_notifications: before.supervision_notifications,
      });
      const ok = await call(server, rhCookie, 'POST', '/api/v1/supervision/reports', report);
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      const mine = await call(server, rhCookie, 'GET', '/api/v1/supervision/my-tasks');
      const task = (
        mine.body as {
          items: { id: string; mine: { reports: { period: string; status: string }[] }[] }[];
        }
      ).items.find((i) => i.id === 'art29.2');
      expect(task?.mine[0]?.reports.map((r) => [r.period, r.status])).toContainEqual([
        '2017-Q3',
        'blocked',
      ]);
    } finally {
      await server.close();
    }
  });

  it('refuses a first reporting quarter in the future, naming the field', async () => {
    const before = await dump(t.app);
    const e = await refusal(execute(t.app, admin, syncTasks, { reportingFrom: '2018-Q1' }));
    expect(e).toBeInstanceOf(AppError);
    expect([e.code, e.field]).toEqual(['future_period', 'reportingFrom']);
    expectBilingual(e.toJSON());
    expect(await dump(t.app)).toEqual(before);
  });
});
