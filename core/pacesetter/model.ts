import * as Y from 'yjs';
import { isIsoDate } from './isoDate';
import type {
  EntryView,
  FormalAssessment,
  NonTeachingDay,
  PaceSetterMeta,
  PaceSetterView,
  TermView,
} from './types';

// How a pace-setter lives in its Y.Doc, and reading it into plain views.
//
// Each entry and each term is a Y.Map of scalar fields, so two leaders who change different
// fields of one entry at the same time both keep their change (a whole-object value would let
// the later writer silently undo the other). The formal assessment is a nested Y.Map for the same
// reason (one leader moves the date while another fixes the weight). Sub-topics and resources are
// plain JSON arrays: the editor replaces a whole list at once, and merging two people's halves
// of a reordered list item by item would make a list neither of them wrote. Non-teaching days
// are a Y.Array of plain {date, label} objects, so two leaders adding different holidays keep both.
//
// Readers are forgiving: a document written by an older or buggy client still shows, with
// missing text read as empty and missing numbers as 0; an entry without an id is left out
// because nothing (coverage, plans) could point at it.

export const META = 'meta';
export const TERMS = 'terms';
export const ENTRIES = 'entries';

export type FieldMap = Y.Map<unknown>;

export const metaMap = (doc: Y.Doc): FieldMap => doc.getMap(META);
export const termsArray = (doc: Y.Doc): Y.Array<FieldMap> => doc.getArray<FieldMap>(TERMS);
export const entriesArray = (doc: Y.Doc): Y.Array<FieldMap> => doc.getArray<FieldMap>(ENTRIES);

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

/** Plain objects and Y.Maps read alike, so hand-written or older documents still show. */
function fields(v: unknown): Record<string, unknown> | undefined {
  if (v instanceof Y.Map) return v.toJSON() as Record<string, unknown>;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Y.AbstractType))
    return v as Record<string, unknown>;
  return undefined;
}

export function readMeta(doc: Y.Doc): PaceSetterMeta {
  const m = metaMap(doc);
  const title = text(m.get('title'));
  return {
    subject: text(m.get('subject')),
    grade: String(m.get('grade') ?? ''),
    year: num(m.get('year')),
    ...(title ? { title } : {}),
  };
}

function readNonTeachingDays(v: unknown): NonTeachingDay[] {
  const items = v instanceof Y.Array ? v.toArray() : Array.isArray(v) ? v : [];
  const days = new Map<string, NonTeachingDay>();
  for (const item of items) {
    const f = typeof item === 'string' ? { date: item } : fields(item);
    if (!f || !isIsoDate(f.date)) continue;
    const label = text(f.label).trim();
    // Two leaders marking the same day keep one mark; a labelled one is more useful.
    if (!days.has(f.date) || label) days.set(f.date, { date: f.date, ...(label ? { label } : {}) });
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

export function readTerm(map: FieldMap): TermView | undefined {
  const id = map.get('id');
  const start = map.get('start');
  const end = map.get('end');
  if (typeof id !== 'string' || !isIsoDate(start) || !isIsoDate(end)) return undefined;
  return {
    id,
    number: num(map.get('number')),
    start,
    end,
    nonTeachingDays: readNonTeachingDays(map.get('nonTeachingDays')),
  };
}

function readFormal(v: unknown): FormalAssessment | undefined {
  const f = fields(v);
  if (!f || typeof f.type !== 'string' || !isIsoDate(f.date)) return undefined;
  return { type: f.type, weight: num(f.weight), date: f.date, common: f.common === true };
}

export function readEntry(map: FieldMap): EntryView | undefined {
  const id = map.get('id');
  if (typeof id !== 'string' || id === '') return undefined;
  const formal = readFormal(map.get('formal'));
  return {
    id,
    term: num(map.get('term')),
    week: num(map.get('week')),
    topic: text(map.get('topic')),
    subTopics: strings(map.get('subTopics')),
    reference: text(map.get('reference')),
    hours: num(map.get('hours')),
    priorKnowledge: text(map.get('priorKnowledge')),
    resources: strings(map.get('resources')),
    informalAssessment: text(map.get('informalAssessment')),
    ...(formal ? { formal } : {}),
  };
}

export function readTerms(doc: Y.Doc): TermView[] {
  return termsArray(doc)
    .toArray()
    .filter((m): m is FieldMap => m instanceof Y.Map)
    .map(readTerm)
    .filter((t): t is TermView => t !== undefined)
    .sort((a, b) => a.number - b.number || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

export function readEntries(doc: Y.Doc): EntryView[] {
  const seen = new Set<string>();
  const read: { entry: EntryView; at: number }[] = [];
  entriesArray(doc).forEach((m, at) => {
    const entry = m instanceof Y.Map ? readEntry(m) : undefined;
    // An id is never reused; if a faulty client duplicated one, the first entry keeps it.
    if (!entry || seen.has(entry.id)) return;
    seen.add(entry.id);
    read.push({ entry, at });
  });
  read.sort((a, b) => a.entry.term - b.entry.term || a.entry.week - b.entry.week || a.at - b.at);
  return read.map((r) => r.entry);
}

export function readPaceSetter(doc: Y.Doc, id: string): PaceSetterView {
  return { id, meta: readMeta(doc), terms: readTerms(doc), entries: readEntries(doc) };
}

export function findEntryMap(doc: Y.Doc, entryId: string): FieldMap | undefined {
  return entriesArray(doc)
    .toArray()
    .find((m) => m instanceof Y.Map && m.get('id') === entryId);
}

export function findTermMap(doc: Y.Doc, termId: string): FieldMap | undefined {
  return termsArray(doc)
    .toArray()
    .find((m) => m instanceof Y.Map && m.get('id') === termId);
}

/** A pace-setter's id from its subject, grade and year, as in `natural-sciences-8-2027`. */
export function paceSetterId(meta: Pick<PaceSetterMeta, 'subject' | 'grade' | 'year'>): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return [slug(meta.subject) || 'subject', slug(String(meta.grade)) || 'grade', String(meta.year)].join('-');
}
