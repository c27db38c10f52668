import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  discussionText,
  readCycles,
  readDiscussion,
  recordCycle,
  ReviewError,
} from '../../../core/review/reviewDoc';
import { ayesha, PLAN, sipho, syncAll } from './fixture';

describe('The post-lesson discussion and the lesson-study cycles read back in their order', () => {
  it('the teacher, the planners and the observers write their parts of the discussion at the same time', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const c = new Y.Doc();
    discussionText(a, 'observers').insert(0, 'Learners were engaged.');
    discussionText(b, 'teacher').insert(0, 'I ran out of time for the exit ticket.');
    discussionText(c, 'planners').insert(0, 'We planned 10 minutes for filtering; it took 20.');
    syncAll(a, b, c);
    const d = readDiscussion(a);
    expect(Object.keys(d)).toEqual(['teacher', 'planners', 'observers']);
    expect(d).toEqual({
      teacher: 'I ran out of time for the exit ticket.',
      planners: 'We planned 10 minutes for filtering; it took 20.',
      observers: 'Learners were engaged.',
    });
    expect(readDiscussion(b)).toEqual(d);
  });

  it('an empty review has an empty discussion', () => {
    expect(readDiscussion(new Y.Doc())).toEqual({ teacher: '', planners: '', observers: '' });
  });

  it('cycles recorded offline at two schools are numbered by the day they were taught', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    recordCycle(b, {
      taughtOn: '2027-03-19',
      school: 'Mandlethu Secondary',
      teacher: ayesha,
      planSnapshot: `${PLAN}4. Revised: groups of three.\n`,
      note: 'Groups of three worked better.',
      at: 5000,
    });
    recordCycle(a, {
      taughtOn: '2027-03-12',
      school: 'Kwaggafontein',
      teacher: sipho,
      planSnapshot: PLAN,
      note: '',
      at: 9000,
    });
    syncAll(a, b);
    const cycles = readCycles(a);
    expect(cycles.map((c) => [c.n, c.taughtOn, c.teacher.name])).toEqual([
      [1, '2027-03-12', 'Sipho Mahlangu'],
      [2, '2027-03-19', 'Ayesha Soomro'],
    ]);
    expect(cycles[1]!.planSnapshot).toContain('Revised: groups of three.');
    expect(readCycles(b)).toEqual(cycles);
  });

  it('a cycle needs the day it was taught, a school and a teacher', () => {
    const review = new Y.Doc();
    const base = {
      taughtOn: '2027-03-12',
      school: 'Kwaggafontein',
      teacher: sipho,
      planSnapshot: PLAN,
      note: '',
      at: 1,
    };
    for (const bad of [{ taughtOn: 'next Friday' }, { school: '' }, { teacher: { id: 'x' } }]) {
      expect(() => recordCycle(review, { ...base, ...bad } as never)).toThrow(ReviewError);
    }
    expect(readCycles(review)).toEqual([]);
  });
});
