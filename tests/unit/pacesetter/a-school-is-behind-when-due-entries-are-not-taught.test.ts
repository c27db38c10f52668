import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { clusterProgress, nextCommonAssessment, schoolProgress } from '../../../core/pacesetter/behind';
import { readCoverage, setCoverage } from '../../../core/pacesetter/coverage';
import { addEntry } from '../../../core/pacesetter/edits';
import { PaceSetterOrigin } from '../../../core/pacesetter/origin';
import type { CoverageStatus, PaceSetterView } from '../../../core/pacesetter/types';
import { leader, ok, PACESETTER_ID, termOnePlan } from './fixture';

const teacher = new PaceSetterOrigin('Sipho Mahlangu (teacher)');

/** A school's coverage doc with the given statuses by week of term 1. */
function coverage(
  view: PaceSetterView,
  ids: Record<number, string>,
  statuses: Record<number, CoverageStatus>,
) {
  const doc = new Y.Doc();
  for (const [week, status] of Object.entries(statuses))
    ok(setCoverage(doc, view, { entryId: ids[Number(week)]!, status }, { name: 'Sipho', now: 1 }, teacher));
  return readCoverage(doc, PACESETTER_ID);
}

const taughtThrough = (last: number): Record<number, CoverageStatus> =>
  Object.fromEntries(Array.from({ length: last }, (_, i) => [i + 1, 'taught' as const]));

describe('A school is as many weeks behind as lie between this week and its earliest untaught due entry', () => {
  it('on the Wednesday of week 5, a school that taught weeks 1–4 is on pace', () => {
    const { view, ids } = termOnePlan();
    const p = schoolProgress(view(), coverage(view(), ids, taughtThrough(4)), 'kwaggafontein', '2027-02-10');
    expect(p).toMatchObject({ weeksBehind: 0, due: 4, taught: 4, untaught: [] });
    expect(p.earliestUntaught).toBeUndefined();
  });

  it('on the Wednesday of week 5, a school that taught only weeks 1–2 is 2 weeks behind', () => {
    const { view, ids } = termOnePlan();
    const p = schoolProgress(view(), coverage(view(), ids, taughtThrough(2)), 'kwaggafontein', '2027-02-10');
    expect(p.weeksBehind).toBe(2);
    expect(p.earliestUntaught).toEqual({ entryId: ids[3], term: 1, week: 3 });
    expect(p.untaught.map((r) => r.week)).toEqual([3, 4]);
  });

  it('a partly taught week counts as not taught', () => {
    const { view, ids } = termOnePlan();
    const p = schoolProgress(
      view(),
      coverage(view(), ids, { ...taughtThrough(4), 3: 'partly-taught' }),
      's',
      '2027-02-10',
    );
    expect(p.weeksBehind).toBe(2);
  });

  it('a skipped week does not hold the school back but is listed as a gap', () => {
    const { view, ids } = termOnePlan();
    const p = schoolProgress(
      view(),
      coverage(view(), ids, { ...taughtThrough(4), 2: 'skipped' }),
      's',
      '2027-02-10',
    );
    expect(p.weeksBehind).toBe(0);
    expect(p.skipped).toEqual([{ entryId: ids[2], term: 1, week: 2 }]);
    expect(p.taught).toBe(3);
  });

  it('the mid-term break does not count as a week behind', () => {
    const { view, ids } = termOnePlan();
    // Monday of week 6 (after the break): weeks 1–5 are due; week 5 untaught is one week behind.
    const p = schoolProgress(view(), coverage(view(), ids, taughtThrough(4)), 's', '2027-02-22');
    expect(p.weeksBehind).toBe(1);
  });

  it('this week is never due: on the Saturday of week 5 nothing of week 5 is owed yet', () => {
    const { view, ids } = termOnePlan();
    expect(
      schoolProgress(view(), coverage(view(), ids, taughtThrough(4)), 's', '2027-02-13').weeksBehind,
    ).toBe(0);
  });

  it('in the holidays after term 1 every week of term 1 is due', () => {
    const { view, ids } = termOnePlan();
    const p = schoolProgress(view(), coverage(view(), ids, taughtThrough(8)), 's', '2027-04-01');
    expect(p).toMatchObject({ weeksBehind: 2, due: 10, taught: 8 });
  });

  it('a school with no coverage at all is behind from week 1', () => {
    const { view } = termOnePlan();
    expect(schoolProgress(view(), undefined, 's', '2027-02-10').weeksBehind).toBe(4);
    expect(schoolProgress(view(), undefined, 's', '2027-01-14').weeksBehind).toBe(0);
  });

  it('weeks behind are counted across the end of a term', () => {
    const { doc, view, ids } = termOnePlan();
    ok(addEntry(doc, { term: 2, week: 1, topic: 'T2 W1' }, leader));
    ok(addEntry(doc, { term: 2, week: 2, topic: 'T2 W2' }, leader));
    // Wednesday of term 2 week 3: term 1 week 10 untaught is 3 weeks behind (T1W10, T2W1, T2W2).
    const p = schoolProgress(view(), coverage(view(), ids, taughtThrough(9)), 's', '2027-04-21');
    expect(p.weeksBehind).toBe(3);
  });

  it('entries of a term without dates cannot be due, and are counted as unscheduled', () => {
    const { doc, view } = termOnePlan();
    ok(addEntry(doc, { term: 3, week: 1, topic: 'Not dated yet' }, leader));
    const p = schoolProgress(view(), undefined, 's', '2027-12-01');
    expect(p.unscheduled).toBe(1);
    expect(p.due).toBe(10);
  });
});

describe('The cluster grid gets every school in order', () => {
  it('reports one summary per school, including schools with no coverage yet', () => {
    const { view, ids } = termOnePlan();
    const schools = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const cov = { a: coverage(view(), ids, taughtThrough(4)), b: coverage(view(), ids, taughtThrough(2)) };
    const grid = clusterProgress(view(), cov, schools, '2027-02-10');
    expect(grid.map((p) => [p.schoolId, p.weeksBehind])).toEqual([
      ['a', 0],
      ['b', 2],
      ['c', 4],
    ]);
  });
});

describe('The next common assessment is the soonest common paper from today', () => {
  it('skips papers that are not common and papers already written', () => {
    const { view } = termOnePlan({
      3: { formal: { type: 'Class test', weight: 10, date: '2027-01-29', common: true } },
      6: { formal: { type: 'Practical task', weight: 20, date: '2027-02-24', common: false } },
      9: { formal: { type: 'Common test', weight: 25, date: '2027-03-17', common: true } },
    });
    expect(nextCommonAssessment(view(), '2027-02-10')?.formal).toEqual({
      type: 'Common test',
      weight: 25,
      date: '2027-03-17',
      common: true,
    });
    expect(nextCommonAssessment(view(), '2027-01-29')?.formal.type).toBe('Class test');
    expect(nextCommonAssessment(view(), '2027-03-18')).toBeUndefined();
  });
});
