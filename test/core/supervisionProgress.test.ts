import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/core/calendarDate.ts';
import { DomainError } from '../../src/core/errors.ts';
import {
  overdueReports,
  taskProgress,
  type OwnerProgress,
  type TaskProgressInput,
} from '../../src/core/supervision/progress.ts';
import {
  nextQuarter,
  parseQuarter,
  quarterOf,
  quartersBetween,
  type Quarter,
} from '../../src/core/supervision/quarter.ts';

const d = (s: string) => s as IsoDate;
const q = (s: string) => s as Quarter;
const fifteen = () => 15;

describe('quarters', () => {
  it('spans the calendar quarter, leap February included', () => {
    expect(parseQuarter('2017-Q1')).toEqual({
      key: '2017-Q1',
      from: '2017-01-01',
      to: '2017-03-31',
    });
    expect(parseQuarter('2017-Q4').to).toBe('2017-12-31');
    expect(parseQuarter('2020-Q1').to).toBe('2020-03-31');
    expect(quarterOf(d('2017-09-30'))).toBe('2017-Q3');
    expect(quarterOf(d('2017-10-01'))).toBe('2017-Q4');
    expect(nextQuarter(q('2017-Q4'))).toBe('2018-Q1');
    expect(quartersBetween(q('2017-Q3'), q('2018-Q2'))).toEqual([
      '2017-Q3',
      '2017-Q4',
      '2018-Q1',
      '2018-Q2',
    ]);
    expect(quartersBetween(q('2018-Q1'), q('2017-Q4'))).toEqual([]);
  });

  it('refuses anything but a quarter, naming the field', () => {
    for (const bad of ['2017', '2017-Q5', '2017Q1', '2017-01-01..2017-03-31', '']) {
      let e: unknown;
      try {
        parseQuarter(bad, 'period');
      } catch (x) {
        e = x;
      }
      expect(e, bad).toBeInstanceOf(DomainError);
      expect((e as DomainError).field).toBe('period');
    }
  });
});

const owner = (key: string, reports: OwnerProgress['reports'] = [], assigned = true) => ({
  key,
  assigned,
  reports,
});
const task = (owners: OwnerProgress[], deadline: string | null = null): TaskProgressInput => ({
  reportingFrom: q('2017-Q3'),
  deadline: deadline as IsoDate | null,
  owners,
});

describe('overdue reports', () => {
  // 2017-Q3 ends 2017-09-30; + 15 days = due 2017-10-15; overdue from 2017-10-16.
  it('are due the quarter end plus the grace days, overdue the day after', () => {
    const t = task([owner('a')]);
    expect(overdueReports(t, d('2017-10-15'), fifteen)).toEqual([]);
    expect(overdueReports(t, d('2017-10-16'), fifteen)).toEqual([
      { ownerKey: 'a', period: '2017-Q3', dueOn: '2017-10-15' },
    ]);
    // 2017-Q4 ends 2017-12-31; due 2018-01-15. On 2018-01-16 both are owed.
    expect(overdueReports(t, d('2018-01-16'), fifteen).map((o) => o.period)).toEqual([
      '2017-Q3',
      '2017-Q4',
    ]);
  });

  it('use the grace days in force at each quarter end', () => {
    // 15 days until 2017-12-31, 30 from then: Q4 (ends 12-31) is due 2018-01-30
    const grace = (end: IsoDate) => (end >= '2017-12-31' ? 30 : 15);
    expect(overdueReports(task([owner('a')]), d('2018-01-30'), grace)).toEqual([
      { ownerKey: 'a', period: '2017-Q3', dueOn: '2017-10-15' },
    ]);
  });

  it('are not owed for a filed quarter, after a completion, or by an unassigned unit', () => {
    const t = task([
      owner('filed', [{ period: q('2017-Q3'), status: 'in_progress' }]),
      owner('done', [{ period: q('2017-Q3'), status: 'completed' }]),
      owner('nobody', [], false),
    ]);
    // 2018-04-16: Q3, Q4 2017 and Q1 2018 (due 2018-04-15) have fallen due
    expect(overdueReports(t, d('2018-04-16'), fifteen)).toEqual([
      { ownerKey: 'filed', period: '2017-Q4', dueOn: '2018-01-15' },
      { ownerKey: 'filed', period: '2018-Q1', dueOn: '2018-04-15' },
    ]);
  });
});

describe('task status and risks', () => {
  it('is completed only when every assigned owner last reported completed', () => {
    const half = task([
      owner('a', [{ period: q('2017-Q3'), status: 'completed' }]),
      owner('b', [{ period: q('2017-Q3'), status: 'in_progress' }]),
    ]);
    expect(taskProgress(half, d('2017-10-01'), fifteen).status).toBe('in_progress');
    const both = task([
      owner('a', [{ period: q('2017-Q3'), status: 'completed' }]),
      owner('b', [
        { period: q('2017-Q4'), status: 'completed' },
        { period: q('2017-Q3'), status: 'blocked' },
      ]),
    ]);
    expect(taskProgress(both, d('2018-03-01'), fifteen)).toEqual({
      status: 'completed',
      overdue: [],
      risks: [],
    });
    expect(taskProgress(task([owner('a')]), d('2017-10-01'), fifteen).status).toBe('not_started');
    // no assigned owner: nobody can complete it
    expect(taskProgress(task([owner('x', [], false)]), d('2017-10-01'), fifteen).status).toBe(
      'not_started',
    );
  });

  it('names every reason an unfinished task is at risk', () => {
    // deadline 2017-12-31: 2017-10-02 is 90 days before (near), 2017-10-01 is 91 (not)
    const t = task(
      [owner('a', [{ period: q('2017-Q3'), status: 'blocked' }]), owner('x', [], false)],
      '2017-12-31',
    );
    expect(taskProgress(t, d('2017-10-01'), fifteen).risks).toEqual(['blocked', 'unassigned']);
    expect(taskProgress(t, d('2017-10-02'), fifteen).risks).toEqual([
      'deadline_near',
      'blocked',
      'unassigned',
    ]);
    // 2018-01-16: Q4 is overdue (due 2018-01-15) and the deadline has passed
    expect(taskProgress(t, d('2018-01-16'), fifteen).risks).toEqual([
      'overdue_reports',
      'deadline_passed',
      'blocked',
      'unassigned',
    ]);
  });
});
