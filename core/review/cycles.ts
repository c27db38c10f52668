import * as Y from 'yjs';
import { compareDates, isIsoDate } from '../pacesetter/isoDate';
import { REVIEW_ORIGIN_LOCAL } from './origin';
import {
  CYCLES,
  instant,
  invalid,
  isoDate,
  isString,
  isTime,
  newReviewId,
  nonBlank,
  person,
  readPerson,
} from './schema';
import type { CycleView, Person } from './types';

// Lesson-study cycles (DOMAIN.md practice 3): the lesson is taught, discussed, revised and
// taught again at the next school. Each teaching is one record, written once and never changed,
// with a snapshot of the plan as taught, so the cluster can see how the lesson grew.
// Records are appended; two recorded offline at once are both kept and numbered by the day
// they were taught, not by the order they reached the server.

export interface NewCycle {
  readonly taughtOn: string;
  readonly school: string;
  readonly teacher: Person;
  readonly planSnapshot: string;
  readonly note: string;
  readonly at: number;
}

const cyclesOf = (review: Y.Doc) => review.getArray<unknown>(CYCLES);

export function recordCycle(review: Y.Doc, cycle: NewCycle, origin: unknown = REVIEW_ORIGIN_LOCAL): string {
  const taughtOn = isoDate(cycle.taughtOn, 'the day the lesson was taught');
  const school = nonBlank(cycle.school, 'the school');
  const teacher = person(cycle.teacher, 'the teacher');
  if (typeof cycle.planSnapshot !== 'string') invalid('the plan snapshot must be text');
  const note = typeof cycle.note === 'string' ? cycle.note : '';
  const at = instant(cycle.at, 'the time of the record');
  const id = newReviewId('cy');
  review.transact(() => {
    cyclesOf(review).push([{ id, taughtOn, school, teacher, planSnapshot: cycle.planSnapshot, note, at }]);
  }, origin);
  return id;
}

/** Every readable cycle, numbered 1, 2, … in the order taught. */
export function readCycles(review: Y.Doc): CycleView[] {
  const cycles: Omit<CycleView, 'n'>[] = [];
  for (const value of cyclesOf(review).toArray()) {
    if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) continue;
    const c = value as Record<string, unknown>;
    const teacher = readPerson(c.teacher);
    const { id, taughtOn, school, planSnapshot, note, at } = c;
    if (!isString(id) || !isIsoDate(taughtOn) || !isString(school) || !teacher) continue;
    if (!isString(planSnapshot) || !isTime(at)) continue;
    cycles.push({ id, taughtOn, school, teacher, planSnapshot, note: isString(note) ? note : '', at });
  }
  cycles.sort((a, b) => compareDates(a.taughtOn, b.taughtOn) || a.at - b.at || (a.id < b.id ? -1 : 1));
  return cycles.map((c, i) => ({ ...c, n: i + 1 }));
}
