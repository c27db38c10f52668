import * as Y from 'yjs';
import { schoolCalendar, weeksInTerm } from './calendar';
import { newId } from './ids';
import { entriesArray, type FieldMap, findEntryMap, metaMap, readEntries, readTerms } from './model';
import type { PaceSetterOrigin } from './origin';
import type { EditResult, EntryPatch, FormalAssessment, NewEntry, PaceSetterMeta } from './types';
import { type Problem, problem, refused } from './problems';
import { entryPatchProblems, LIMITS, termNumberProblem, topicProblem } from './validate';

// Changes to a pace-setter's entries and details (terms: termEdits.ts). Each runs in one transaction with the caller's origin and
// writes only the fields that change, so concurrent edits of other fields survive (model.ts).
// Validation failures come back as a problem for the person (problems.ts), never as an exception.

const fail = (p: Problem): EditResult => refused(p);

export function setMeta(doc: Y.Doc, patch: Partial<PaceSetterMeta>, origin: PaceSetterOrigin): EditResult {
  if (patch.year !== undefined && !(Number.isInteger(patch.year) && patch.year >= 2000 && patch.year <= 2100))
    return fail(problem('year-invalid'));
  if (patch.subject !== undefined && patch.subject.trim() === '') return fail(problem('subject-empty'));
  doc.transact(() => {
    const m = metaMap(doc);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && m.get(k) !== v) m.set(k, v);
  }, origin);
  return { ok: true, id: 'meta' };
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

function firstProblem(patch: EntryPatch): Problem | undefined {
  return entryPatchProblems(patch)[0]?.problem;
}

function weekBeyondTerm(doc: Y.Doc, term: number, week: number): Problem | undefined {
  const weeks = weeksInTerm(schoolCalendar(readTerms(doc)), term);
  return weeks !== undefined && week > weeks ? problem('week-beyond-term', { term, weeks }) : undefined;
}

export function addEntry(doc: Y.Doc, entry: NewEntry, origin: PaceSetterOrigin): EditResult {
  const full = { ...EMPTY, ...entry };
  const found = firstProblem(full) ?? weekBeyondTerm(doc, full.term, full.week);
  if (found) return fail(found);
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
  const found = termNumberProblem(week.term) ?? topicProblem(week.topic);
  if (found) return fail(found);
  const last = readEntries(doc)
    .filter((e) => e.term === week.term)
    .reduce((max, e) => Math.max(max, e.week), 0);
  if (last >= LIMITS.maxWeek) return fail(problem('term-full', { term: week.term, max: LIMITS.maxWeek }));
  return addEntry(doc, { term: week.term, week: last + 1, topic: week.topic }, origin);
}

export function updateEntry(
  doc: Y.Doc,
  entryId: string,
  patch: EntryPatch,
  origin: PaceSetterOrigin,
): EditResult {
  const m = findEntryMap(doc, entryId);
  if (!m) return fail(problem('entry-gone'));
  const found = firstProblem(patch);
  if (found) return fail(found);
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
  if (at < 0) return fail(problem('entry-gone'));
  doc.transact(() => entries.delete(at, 1), origin);
  return { ok: true, id: entryId };
}
