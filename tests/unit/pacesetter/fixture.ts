import * as Y from 'yjs';
import { addEntry, setMeta } from '../../../core/pacesetter/edits';
import { addTerm } from '../../../core/pacesetter/termEdits';
import { readPaceSetter } from '../../../core/pacesetter/model';
import { PaceSetterOrigin } from '../../../core/pacesetter/origin';
import type { EditResult, NewEntry, PaceSetterView } from '../../../core/pacesetter/types';

// A Grade 8 Natural Sciences pace-setter for 2027 with two terms shaped like a Mpumalanga year:
// term 1 starts on a Wednesday, has a mid-term break week and a public holiday in its last week;
// term 2 starts on the Tuesday after Easter Monday.
//
// Term 1 weeks: 1 = 13–15 Jan (3 days), 2 = 18–22 Jan, … 5 = 8–12 Feb, break 15–19 Feb,
// 6 = 22–26 Feb, … 9 = 15–19 Mar, 10 = 23–24 Mar (22 Mar is Human Rights Day).
// Term 2 weeks: 1 = 6–9 Apr, 2 = 12–16 Apr, … 12 = 21–25 Jun.

export const PACESETTER_ID = 'natural-sciences-8-2027';

export const TERM_1 = {
  number: 1,
  start: '2027-01-13',
  end: '2027-03-24',
  nonTeachingDays: [
    { date: '2027-02-15', label: 'Mid-term break' },
    { date: '2027-02-16', label: 'Mid-term break' },
    { date: '2027-02-17', label: 'Mid-term break' },
    { date: '2027-02-18', label: 'Mid-term break' },
    { date: '2027-02-19', label: 'Mid-term break' },
    { date: '2027-03-22', label: 'Human Rights Day' },
  ],
};

export const TERM_2 = { number: 2, start: '2027-04-06', end: '2027-06-25' };

export const leader = new PaceSetterOrigin('Thandi Nkosi (leader)');

export function ok(result: EditResult): string {
  if (!result.ok) throw new Error(result.error);
  return result.id;
}

export function paceSetterDoc(): Y.Doc {
  const doc = new Y.Doc();
  ok(setMeta(doc, { subject: 'Natural Sciences', grade: '8', year: 2027 }, leader));
  ok(addTerm(doc, TERM_1, leader));
  ok(addTerm(doc, TERM_2, leader));
  return doc;
}

/** One entry per week of term 1 (weeks 1–10), topics "T1 W<n>", returning the doc and entry ids by week. */
export function termOnePlan(extra: Partial<Record<number, Partial<NewEntry>>> = {}): {
  doc: Y.Doc;
  ids: Record<number, string>;
  view: () => PaceSetterView;
} {
  const doc = paceSetterDoc();
  const ids: Record<number, string> = {};
  for (let week = 1; week <= 10; week++)
    ids[week] = ok(addEntry(doc, { term: 1, week, topic: `T1 W${week}`, ...extra[week] }, leader));
  return { doc, ids, view: () => readPaceSetter(doc, PACESETTER_ID) };
}
