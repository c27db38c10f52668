import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNextStep,
  addThread,
  readCycles,
  readNextSteps,
  readThreads,
  recordCycle,
} from '../../../core/review/reviewDoc';
import { CYCLES, STEPS, THREADS } from '../../../core/review/schema';
import { planDoc, rangeOf, sipho, thandi } from './fixture';

/** A thread map as a client might write it by hand, with anchor bytes of its own. */
function rawThread(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ...Object.entries(fields),
    ['start', new Uint8Array([1])],
    ['end', new Uint8Array([1])],
  ]);
}

describe('A review written by a buggy or older client still reads: what cannot be read is skipped', () => {
  it('malformed threads and comments are skipped and the good ones still show', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const good = addThread(review, plan, {
      ...rangeOf(plan, 'in pairs'),
      focus: 'learners',
      kind: 'evidence',
      body: '14 of 16 pairs finished.',
      author: thandi,
      at: 1,
    });
    const threads = review.getMap<unknown>(THREADS);
    threads.set('th-string', 'not a map');
    threads.set('th-number', 42);
    threads.set('th-empty', new Y.Map());
    threads.set('th-bad-focus', rawThread({ focus: 'attitude', kind: 'strength', quote: 'x', createdAt: 1 }));
    threads.set('th-no-comments', rawThread({ focus: 'pck', kind: 'strength', quote: 'x', createdAt: 2 }));
    const comments = (threads.get(good) as Y.Map<unknown>).get('comments') as Y.Array<unknown>;
    comments.push(['a plain string', new Y.Map([['body', 'no author']])]);
    (threads.get(good) as Y.Map<unknown>).set('resolution', 'yes');
    const read = readThreads(review);
    expect(read.map((t) => t.id)).toEqual([good]);
    expect(read[0]!.comments.map((c) => c.body)).toEqual(['14 of 16 pairs finished.']);
    expect(read[0]!.resolved).toBe(false);
  });

  it('malformed steps and cycles are skipped, and a bad supporter or outcome is dropped rather than the step', () => {
    const review = new Y.Doc();
    const id = addNextStep(review, { text: 'Share filters', owner: sipho, due: '2027-03-20', at: 1 });
    const steps = review.getMap<unknown>(STEPS);
    steps.set('s-bad', new Y.Map([['text', 3]]));
    steps.set('s-junk', [1, 2, 3]);
    (steps.get(id) as Y.Map<unknown>).set('supporter', 'Thandi');
    (steps.get(id) as Y.Map<unknown>).set('closed', { outcome: 'done' });
    expect(readNextSteps(review)).toEqual([
      { id, text: 'Share filters', owner: sipho, due: '2027-03-20', status: 'open', createdAt: 1 },
    ]);

    recordCycle(review, {
      taughtOn: '2027-03-12',
      school: 'K',
      teacher: sipho,
      planSnapshot: '# Plan',
      note: 'ok',
      at: 1,
    });
    review.getArray<unknown>(CYCLES).push([null, 'text', { id: 'cy-x', taughtOn: 'soon' }, new Y.Map()]);
    expect(readCycles(review).map((c) => c.note)).toEqual(['ok']);
  });

  it('an empty document reads as an empty review', () => {
    const review = new Y.Doc();
    expect(readThreads(review)).toEqual([]);
    expect(readNextSteps(review)).toEqual([]);
    expect(readCycles(review)).toEqual([]);
  });
});
