import * as Y from 'yjs';
import { addDays, compareDates, dayNumber, isIsoDate, isWeekend } from './isoDate';
import { newId } from './ids';
import { type FieldMap, findTermMap, readTerm, readTerms, termsArray } from './model';
import type { PaceSetterOrigin } from './origin';
import type { EditResult, NonTeachingDay } from './types';
import { type Problem, problem, refused } from './problems';
import { termNumberProblem } from './validate';

// Changes to a pace-setter's terms: their dates and their non-teaching days. Entries point at a
// term by its number, so changing or removing a term never touches them.

const fail = (p: Problem): EditResult => refused(p);

export interface NewTerm {
  readonly number: number;
  readonly start: string;
  readonly end: string;
  readonly nonTeachingDays?: readonly NonTeachingDay[];
}

function termDatesProblem(doc: Y.Doc, start: string, end: string, except?: string): Problem | undefined {
  if (!isIsoDate(start) || !isIsoDate(end)) return problem('term-dates-invalid');
  if (compareDates(start, end) > 0) return problem('term-ends-before-start');
  if (dayNumber(end) - dayNumber(start) > 366) return problem('term-too-long');
  const other = readTerms(doc).find(
    (t) => t.id !== except && compareDates(t.start, end) <= 0 && compareDates(start, t.end) <= 0,
  );
  return other
    ? problem('term-overlap', { term: other.number, start: other.start, end: other.end })
    : undefined;
}

export function addTerm(doc: Y.Doc, term: NewTerm, origin: PaceSetterOrigin): EditResult {
  const numberProblem = termNumberProblem(term.number);
  if (numberProblem) return fail(numberProblem);
  if (readTerms(doc).some((t) => t.number === term.number))
    return fail(problem('term-exists', { term: term.number }));
  const dates = termDatesProblem(doc, term.start, term.end);
  if (dates) return fail(dates);
  const days = term.nonTeachingDays ?? [];
  const outside = days.find((d) => !isIsoDate(d.date) || d.date < term.start || d.date > term.end);
  if (outside) return fail(problem('day-outside-new-term', { date: String(outside.date) }));
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
  if (!m) return fail(problem('term-gone'));
  const found = termDatesProblem(doc, dates.start, dates.end, termId);
  if (found) return fail(found);
  doc.transact(() => {
    if (m.get('start') !== dates.start) m.set('start', dates.start);
    if (m.get('end') !== dates.end) m.set('end', dates.end);
  }, origin);
  return { ok: true, id: termId };
}

export function removeTerm(doc: Y.Doc, termId: string, origin: PaceSetterOrigin): EditResult {
  const terms = termsArray(doc);
  const at = terms.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === termId);
  if (at < 0) return fail(problem('term-gone'));
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

/** A holiday, or a break of several days: every weekday from `from` to `to` (both included). */
export interface NonTeachingRange {
  readonly from: string;
  /** The same as `from` when missing: one day. */
  readonly to?: string;
  readonly label?: string;
}

/** Most days one range may mark: a long break, not a whole term by mistake. */
const MAX_RANGE_DAYS = 62;

export function addNonTeachingDays(
  doc: Y.Doc,
  termId: string,
  range: NonTeachingRange,
  origin: PaceSetterOrigin,
): EditResult {
  const m = findTermMap(doc, termId);
  const term = m && readTerm(m);
  if (!m || !term) return fail(problem('term-gone'));
  const to = range.to?.trim() || range.from;
  if (!isIsoDate(range.from) || !isIsoDate(to)) return fail(problem('days-invalid'));
  if (compareDates(range.from, to) > 0) return fail(problem('days-reversed'));
  for (const date of [range.from, to])
    if (date < term.start || date > term.end)
      return fail(problem('day-outside-term', { date, term: term.number, start: term.start, end: term.end }));
  if (dayNumber(to) - dayNumber(range.from) >= MAX_RANGE_DAYS)
    return fail(problem('days-too-many', { max: MAX_RANGE_DAYS }));
  const marked = new Set(term.nonTeachingDays.map((d) => d.date));
  const label = range.label?.trim();
  const days: object[] = [];
  // Weekends are never teaching days, so only weekdays are stored.
  for (let d = range.from; compareDates(d, to) <= 0; d = addDays(d, 1))
    if (!isWeekend(d) && !marked.has(d)) days.push({ date: d, ...(label ? { label } : {}) });
  if (days.length === 0)
    return fail(
      range.from === to && !isWeekend(to)
        ? problem('day-already-off', { date: to })
        : problem('days-already-off'),
    );
  doc.transact(() => nonTeachingArray(m).push(days), origin);
  return { ok: true, id: termId };
}

export function removeNonTeachingDays(
  doc: Y.Doc,
  termId: string,
  dates: readonly string[],
  origin: PaceSetterOrigin,
): EditResult {
  const m = findTermMap(doc, termId);
  if (!m) return fail(problem('term-gone'));
  const remove = new Set(dates);
  doc.transact(() => {
    const arr = nonTeachingArray(m);
    // Delete from the end so indexes stay valid; a day marked twice goes entirely.
    for (let i = arr.length - 1; i >= 0; i--) {
      const item = arr.get(i) as { date?: unknown } | string;
      if (remove.has(String(typeof item === 'string' ? item : item?.date))) arr.delete(i, 1);
    }
  }, origin);
  return { ok: true, id: termId };
}
