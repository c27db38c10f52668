import * as Y from 'yjs';
import { planText } from '../../../core/plan/planDoc';
import { ReviewError } from '../../../core/review/errors';
import type { Person, RoundInfo } from '../../../core/review/types';

// People and a plan for an observation round in a Mpumalanga cluster: Sipho teaches Grade 8
// Natural Sciences at Kwaggafontein; Thandi and Ayesha observe.

export const sipho: Person = { id: 'm-sipho', name: 'Sipho Mahlangu' };
export const thandi: Person = { id: 'm-thandi', name: 'Thandi Nkosi' };
export const ayesha: Person = { id: 'm-ayesha', name: 'Ayesha Soomro' };

export const PLAN = [
  '---',
  'title: Separating mixtures',
  'grade: 8',
  '---',
  '# Separating mixtures',
  '',
  '1. Learners pour muddy water through a cloth filter in pairs.',
  '2. Ask: why does the water come out clearer?',
  '3. Exit ticket: name two mixtures at home.',
  '',
].join('\n');

/** A plan replica holding `text`, written by `clientID` (fixed, so randomized tests replay exactly). */
export function planDoc(text = PLAN, clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  if (text) planText(doc).insert(0, text);
  return doc;
}

/** Another replica of `doc`, fully synced. */
export function replicaOf(doc: Y.Doc, clientID?: number): Y.Doc {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Brings every doc up to date with every other. */
export function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs)
    for (const to of docs)
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** The offset of `words` in the plan (they must be there). */
export function rangeOf(doc: Y.Doc, words: string): { start: number; end: number } {
  const start = planText(doc).toString().indexOf(words);
  if (start < 0) throw new Error(`not in the plan: ${words}`);
  return { start, end: start + words.length };
}

export function round(overrides: Partial<RoundInfo> = {}): RoundInfo {
  return {
    id: 'r-1',
    cluster: 'nkangala-ns',
    teacher: sipho.id,
    observers: [thandi.id, ayesha.id],
    sharedWith: [],
    plan: 'nkangala-ns/plan/p-1',
    doc: 'nkangala-ns/review/r-1',
    status: 'open',
    proposedBy: sipho.id,
    date: '2027-03-12',
    school: 'Kwaggafontein Secondary',
    className: 'Gr8 NS',
    focusQuestions: ['Do all learners get to handle the filter?'],
    developmental: true,
    lessonStudy: false,
    ...overrides,
  };
}

export const names: ReadonlyMap<string, string> = new Map([sipho, thandi, ayesha].map((p) => [p.id, p.name]));

/** The ReviewError code `f` throws, or undefined when it does not throw. */
export function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ReviewError ? e.code : `not a ReviewError: ${String(e)}`;
  }
  return undefined;
}
