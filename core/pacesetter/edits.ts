import { uint53 } from 'lib0/random';
import * as Y from 'yjs';
import { schoolCalendar, weeksInTerm } from './calendar';
import { compareDates, dayNumber, isIsoDate } from './isoDate';
import {
  entriesArray,
  type FieldMap,
  findEntryMap,
  findTermMap,
  metaMap,
  readEntries,
  readTerm,
  readTerms,
  termsArray,
} from './model';
import type { PaceSetterOrigin } from './origin';
import type {
  EditResult,
  EntryPatch,
  FormalAssessment,
  NewEntry,
  NonTeachingDay,
  PaceSetterMeta,
} from './types';
import { entryPatchProblems, LIMITS, termNumberProblem, topicProblem } from './validate';

// Changes to a pace-setter document. Each runs in one transaction with the caller's origin and
// writes only the fields that change, so concurrent edits of other fields survive (model.ts).
// Validation failures come back as a sentence for the person, never as an exception.

const fail = (error: string): EditResult => ({ ok: false, error });

/** Random, not counted: ids are made offline on several devices at once and must never collide or be reused. */
export function newId(prefix: 'e' | 't'): string {
  return `${prefix}-${uint53().toString(36).padStart(11, '0')}`;
}

export function setMeta(doc: Y.Doc, patch: Partial<PaceSetterMeta>, origin: PaceSetterOrigin): EditResult {
  if (patch.year !== undefined && !(Number.isInteger(patch.year) && patch.year >= 2000 && patch.year <= 2100))
    return fail('The year must be a year such as 2027.');
  if (patch.subject !== undefined && patch.subject.trim() === '') return fail('The subject cannot be empty.');
  doc.transact(() => {
    const m = metaMap(doc);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && m.get(k) !== v) m.set(k, v);
  }, origin);
  return { ok: true, id: 'meta' };
}

export interface NewTerm {
  readonly number: number;
  readonly start: string;
  readonly end: string;
  readonly nonTeachingDays?: readonly NonTeachingDay[];
}

function termDatesProblem(doc: Y.Doc, start: string, end: string, except?: string): string | undefined {
  if (!isIsoDate(start) || !isIsoDate(end)) return 'Term dates must be real dates written YYYY-MM-DD.';
  if (compareDates(start, end) > 0) return 'A term cannot end before it starts.';
  if (dayNumber(end) - dayNumber(start) > 366) return 'A term cannot be longer than a year.';
  const other = readTerms(doc).find(
    (t) => t.id !== except && compareDates(t.start, end) <= 0 && compareDates(start, t.end) <= 0,
  );
  return other ? `These dates overlap term ${other.number} (${other.start} to ${other.end}).` : undefined;
}

export function addTerm(doc: Y.Doc, term: NewTerm, origin: PaceSetterOrigin): EditResult {
  const numberProblem = termNumberProblem(term.number);
  if (numberProblem) return fail(numberProblem);
  if (readTerms(doc).some((t) => t.number === term.number))
    return fail(`Term ${term.number} is already there.`);
  const dates = termDatesProblem(doc, term.start, term.end);
  if (dates) return fail(dates);
  const days = term.nonTeachingDays ?? [];
  const outside = days.find((d) => !isIsoDate(d.date) || d.date < term.start || d.date > term.end);
  if (outside) return fail(`${outside.date} is not a date inside the term.`);
  const id = newId('t');
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('id', id);
    m.set('number', term.number);
    m.set('start', term.start);
    m.set('end', term.end);
    m.set('nonTeachingDays', Y.Array.from(days.map((d) => ({ ...d }))));
    termsArray(doc).push([m]);
  }, origin);
  return { ok: true, id };
}

export function setTermDates(
  doc: Y.Doc,
  termId: string,
  dates: { readonly start: string; readonly end: string },
  origin: PaceSetterOrigin,
): EditResult {
  const m = findTermMap(doc, termId);
  if (!m) return fail('That term is no longer in the pace-setter.');
  const problem = termDatesProblem(doc, dates.start, dates.end, termId);
  if (problem) return fail(problem);
  doc.transact(() => {
    if (m.get('start') !== dates.start) m.set('start', dates.start);
    if (m.get('end') !== dates.end) m.set('end', dates.end);
  }, origin);
  return { ok: true, id: termId };
}

/** Removing a term keeps its entries (they point at the term number, not the term). */
export function removeTerm(doc: Y.Doc, termId: string, origin: PaceSetterOrigin): EditResult {
  const terms = termsArray(doc);
  const at = terms.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === termId);
  if (at < 0) return fail('That term is no longer in the pace-setter.');
  doc.transact(() => terms.delete(at, 1), origin);
  return { ok: true, id: termId };
}

function nonTeachingArray(m: FieldMap): Y.Array<unknown> {
  const current = m.get('nonTeachingDays');
  if (current instanceof Y.Array) return current;
  // An older document held a plain list: turn it into a Y.Array once, keeping its days.
  const days = Array.isArray(current) ? current : [];
  const arr = Y.Array.from<object>(days.map((d) => (typeof d === 'string' ? { date: d } : d)));
  m.set('nonTeachingDays', arr);
  return arr as Y.Array<unknown>;
}

export function addNonTeachingDay(
  doc: Y.Doc,
  termId: string,
  day: NonTeachingDay,
  origin: PaceSetterOrigin,
): EditResult {
  const m = findTermMap(doc, termId);
  const term = m && readTerm(m);
  if (!m || !term) return fail('That term is no longer in the pace-setter.');
  if (!isIsoDate(day.date)) return fail('A non-teaching day must be a real date written YYYY-MM-DD.');
  if (day.date < term.start || day.date > term.end)
    return fail(`${day.date} is not inside term ${term.number} (${term.start} to ${term.end}).`);
  if (term.nonTeachingDays.some((d) => d.date === day.date))
    return fail(`${day.date} is already a non-teaching day.`);
  const label = day.label?.trim();
  doc.transact(() => nonTeachingArray(m).push([{ date: day.date, ...(label ? { label } : {}) }]), origin);
  return { ok: true, id: termId };
}

export function removeNonTeachingDay(
  doc: Y.Doc,
  termId: string,
  date: string,
  origin: PaceSetterOrigin,
): EditResult {
  const m = findTermMap(doc, termId);
  if (!m) return fail('That term is no longer in the pace-setter.');
  doc.transact(() => {
    const arr = nonTeachingArray(m);
    // Delete from the end so indexes stay valid; a day marked twice goes entirely.
    for (let i = arr.length - 1; i >= 0; i--) {
      const item = arr.get(i) as { date?: unknown } | string;
      if ((typeof item === 'string' ? item : item?.date) === date) arr.delete(i, 1);
    }
  }, origin);
  return { ok: true, id: termId };
}

/** Writes the patch's fields into an entry map; only values that differ, so others' edits stay. */
export function writeEntryFields(m: FieldMap, patch: EntryPatch): void {
  for (const [key, value] of Object.entries(patch) as [keyof EntryPatch, unknown][]) {
    if (value === undefined) continue;
    if (key === 'formal') {
      writeFormal(m, value as FormalAssessment | null);
    } else if (Array.isArray(value)) {
      const old = m.get(key);
      if (!Array.isArray(old) || old.length !== value.length || old.some((v, i) => v !== value[i]))
        m.set(
          key,
          value.map((s: string) => s.trim()),
        );
    } else {
      const v = typeof value === 'string' ? value.trim() : value;
      if (m.get(key) !== v) m.set(key, v);
    }
  }
}

function writeFormal(m: FieldMap, formal: FormalAssessment | null): void {
  if (formal === null) {
    if (m.has('formal')) m.delete('formal');
    return;
  }
  let f = m.get('formal');
  if (!(f instanceof Y.Map)) {
    f = new Y.Map<unknown>();
    m.set('formal', f);
  }
  const fm = f as FieldMap;
  const next: FormalAssessment = { ...formal, type: formal.type.trim() };
  for (const [k, v] of Object.entries(next)) if (fm.get(k) !== v) fm.set(k, v);
}

const EMPTY: Omit<NewEntry, 'term' | 'week' | 'topic'> = {
  subTopics: [],
  reference: '',
  hours: 0,
  priorKnowledge: '',
  resources: [],
  informalAssessment: '',
};

function firstProblem(patch: EntryPatch): string | undefined {
  return entryPatchProblems(patch)[0]?.message;
}

function weekBeyondTerm(doc: Y.Doc, term: number, week: number): string | undefined {
  const weeks = weeksInTerm(schoolCalendar(readTerms(doc)), term);
  return weeks !== undefined && week > weeks
    ? `Term ${term} has ${weeks} teaching weeks; change the term's dates or non-teaching days first.`
    : undefined;
}

export function addEntry(doc: Y.Doc, entry: NewEntry, origin: PaceSetterOrigin): EditResult {
  const full = { ...EMPTY, ...entry };
  const problem = firstProblem(full) ?? weekBeyondTerm(doc, full.term, full.week);
  if (problem) return fail(problem);
  const id = newId('e');
  doc.transact(() => {
    // Integrated first, then filled: reading a map that is not in a document yet is not allowed.
    const m = new Y.Map<unknown>();
    entriesArray(doc).push([m]);
    m.set('id', id);
    writeEntryFields(m, full);
  }, origin);
  return { ok: true, id };
}

/** Adds a week after the term's last planned week, with its first entry. */
export function addWeek(
  doc: Y.Doc,
  week: { readonly term: number; readonly topic: string },
  origin: PaceSetterOrigin,
): EditResult {
  const problem = termNumberProblem(week.term) ?? topicProblem(week.topic);
  if (problem) return fail(problem);
  const last = readEntries(doc)
    .filter((e) => e.term === week.term)
    .reduce((max, e) => Math.max(max, e.week), 0);
  if (last >= LIMITS.maxWeek) return fail(`Term ${week.term} already has ${LIMITS.maxWeek} weeks.`);
  return addEntry(doc, { term: week.term, week: last + 1, topic: week.topic }, origin);
}

export function updateEntry(
  doc: Y.Doc,
  entryId: string,
  patch: EntryPatch,
  origin: PaceSetterOrigin,
): EditResult {
  const m = findEntryMap(doc, entryId);
  if (!m) return fail('That entry is no longer in the pace-setter; someone may have removed it.');
  const problem = firstProblem(patch);
  if (problem) return fail(problem);
  const term = patch.term ?? (m.get('term') as number);
  const moved = patch.term !== undefined || patch.week !== undefined;
  const beyond = moved ? weekBeyondTerm(doc, term, patch.week ?? (m.get('week') as number)) : undefined;
  if (beyond) return fail(beyond);
  doc.transact(() => writeEntryFields(m, patch), origin);
  return { ok: true, id: entryId };
}

export function removeEntry(doc: Y.Doc, entryId: string, origin: PaceSetterOrigin): EditResult {
  const entries = entriesArray(doc);
  const at = entries.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === entryId);
  if (at < 0) return fail('That entry is no longer in the pace-setter; someone may have removed it.');
  doc.transact(() => entries.delete(at, 1), origin);
  return { ok: true, id: entryId };
}
