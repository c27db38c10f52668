import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addEntry, addWeek, updateEntry } from '../../../core/pacesetter/edits';
import {
  addNonTeachingDays,
  addTerm,
  removeNonTeachingDays,
  removeTerm,
  setTermDates,
} from '../../../core/pacesetter/termEdits';
import { readEntries, readPaceSetter, readTerms } from '../../../core/pacesetter/model';
import { leader, ok, PACESETTER_ID, paceSetterDoc } from './fixture';

describe('The leader adds weeks and entries', () => {
  it('a new week comes after the last planned week of its term', () => {
    const doc = paceSetterDoc();
    ok(addWeek(doc, { term: 1, topic: 'Cells' }, leader));
    ok(addWeek(doc, { term: 1, topic: 'Tissues' }, leader));
    ok(addEntry(doc, { term: 1, week: 2, topic: 'Microscopes' }, leader));
    expect(readEntries(doc).map((e) => [e.week, e.topic])).toEqual([
      [1, 'Cells'],
      [2, 'Tissues'],
      [2, 'Microscopes'],
    ]);
  });

  it('a week beyond the term\u2019s teaching weeks is refused with what to do', () => {
    const doc = paceSetterDoc();
    expect(addEntry(doc, { term: 1, week: 11, topic: 'Too late' }, leader)).toMatchObject({
      ok: false,
      error: "Term 1 has 10 teaching weeks; change the term's dates or non-teaching days first.",
    });
    // A term with no dates yet takes any week up to 20.
    expect(addEntry(doc, { term: 3, week: 14, topic: 'Later' }, leader).ok).toBe(true);
  });

  it('fields are checked with sentences a person can act on', () => {
    const doc = paceSetterDoc();
    const id = ok(addEntry(doc, { term: 1, week: 1, topic: 'Cells' }, leader));
    const refusal = (patch: Parameters<typeof updateEntry>[2]) => {
      const r = updateEntry(doc, id, patch, leader);
      return r.ok ? 'accepted' : r.error;
    };
    expect(refusal({ topic: '  ' })).toBe('Every entry needs a topic.');
    expect(refusal({ week: 2.5 })).toBe('The week must be a whole number from 1 to 20.');
    expect(refusal({ hours: -1 })).toBe('The hours must be a number from 0 to 200.');
    expect(refusal({ subTopics: ['a; b'] })).toBe(
      'One of the sub-topics contains ";", which separates sub-topics; split it into two.',
    );
    expect(refusal({ formal: { type: 'Test', weight: 0, date: '2027-01-20', common: true } })).toBe(
      'The weight of a formal assessment must be a percentage more than 0 and at most 100.',
    );
    expect(refusal({ formal: { type: '', weight: 10, date: '2027-01-20', common: true } })).toBe(
      'A formal assessment needs a type (for example Test or Practical task).',
    );
    expect(refusal({ formal: { type: 'Test', weight: 10, date: '20-01-2027', common: true } })).toBe(
      'The date of a formal assessment must be a real date written YYYY-MM-DD.',
    );
    expect(updateEntry(doc, 'e-missing', { topic: 'x' }, leader)).toMatchObject({
      ok: false,
      error: 'That entry is no longer in the pace-setter; someone may have removed it.',
    });
    expect(readEntries(doc)[0]?.topic).toBe('Cells');
  });

  it('a change that writes nothing new makes no transaction content', () => {
    const doc = paceSetterDoc();
    const id = ok(addEntry(doc, { term: 1, week: 1, topic: 'Cells', hours: 2 }, leader));
    const before = Y.encodeStateVector(doc);
    ok(updateEntry(doc, id, { topic: 'Cells', hours: 2, subTopics: [] }, leader));
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('removing the formal task with null', () => {
    const doc = paceSetterDoc();
    const formal = { type: 'Test', weight: 10, date: '2027-01-20', common: false };
    const id = ok(addEntry(doc, { term: 1, week: 2, topic: 'Cells', formal }, leader));
    expect(readEntries(doc)[0]?.formal).toEqual(formal);
    ok(updateEntry(doc, id, { formal: null }, leader));
    expect(readEntries(doc)[0]).not.toHaveProperty('formal');
  });
});

describe('The leader sets up terms and holidays', () => {
  it('terms cannot overlap, repeat a number or end before they start', () => {
    const doc = paceSetterDoc();
    expect(addTerm(doc, { number: 3, start: '2027-06-01', end: '2027-09-01' }, leader)).toMatchObject({
      ok: false,
      error: 'These dates overlap term 2 (2027-04-06 to 2027-06-25).',
    });
    expect(addTerm(doc, { number: 2, start: '2027-07-13', end: '2027-09-24' }, leader)).toMatchObject({
      ok: false,
      error: 'Term 2 is already there.',
    });
    expect(addTerm(doc, { number: 3, start: '2027-09-24', end: '2027-07-13' }, leader)).toMatchObject({
      ok: false,
      error: 'A term cannot end before it starts.',
    });
    expect(addTerm(doc, { number: 5, start: '2027-10-05', end: '2027-12-08' }, leader).ok).toBe(false);
    expect(addTerm(doc, { number: 3, start: '2027-07-13', end: '2027-09-24' }, leader).ok).toBe(true);
  });

  it('holidays are added and removed inside their term only', () => {
    const doc = paceSetterDoc();
    const term2 = readTerms(doc)[1]!.id;
    expect(addNonTeachingDays(doc, term2, { from: '2027-03-01' }, leader)).toMatchObject({
      ok: false,
      error: '2027-03-01 is not inside term 2 (2027-04-06 to 2027-06-25).',
    });
    ok(addNonTeachingDays(doc, term2, { from: '2027-04-27', label: 'Freedom Day' }, leader));
    expect(addNonTeachingDays(doc, term2, { from: '2027-04-27' }, leader)).toMatchObject({
      ok: false,
      error: '2027-04-27 is already a non-teaching day.',
    });
    ok(removeNonTeachingDays(doc, term2, ['2027-04-27'], leader));
    expect(readTerms(doc)[1]?.nonTeachingDays).toEqual([]);
  });

  it('a break of several days marks each weekday in it, skipping the weekend', () => {
    const doc = paceSetterDoc();
    const term2 = readTerms(doc)[1]!.id;
    ok(addNonTeachingDays(doc, term2, { from: '2027-05-14', to: '2027-05-18', label: 'Exam break' }, leader));
    expect(readTerms(doc)[1]?.nonTeachingDays.map((d) => d.date)).toEqual([
      '2027-05-14',
      '2027-05-17',
      '2027-05-18',
    ]);
    expect(addNonTeachingDays(doc, term2, { from: '2027-05-15', to: '2027-05-16' }, leader)).toMatchObject({
      ok: false,
      error: 'Those days are already non-teaching days or a weekend.',
    });
    expect(addNonTeachingDays(doc, term2, { from: '2027-05-20', to: '2027-05-19' }, leader).ok).toBe(false);
  });

  it('moving a term\u2019s dates and removing a term keep its entries', () => {
    const doc = paceSetterDoc();
    const [term1] = readTerms(doc);
    ok(addEntry(doc, { term: 1, week: 1, topic: 'Cells' }, leader));
    ok(setTermDates(doc, term1!.id, { start: '2027-01-12', end: '2027-03-24' }, leader));
    expect(readTerms(doc)[0]).toMatchObject({ start: '2027-01-12' });
    ok(removeTerm(doc, term1!.id, leader));
    expect(readPaceSetter(doc, PACESETTER_ID)).toMatchObject({
      terms: [{ number: 2 }],
      entries: [{ topic: 'Cells' }],
    });
  });
});

describe('Reading a document written by another client', () => {
  it('missing fields read as empty, an entry without id is left out, duplicated ids keep the first', () => {
    const doc = new Y.Doc();
    const entries = doc.getArray<Y.Map<unknown>>('entries');
    const add = (fields: Record<string, unknown>) => {
      const m = new Y.Map<unknown>();
      entries.push([m]);
      for (const [k, v] of Object.entries(fields)) m.set(k, v);
    };
    add({
      id: 'e-1',
      term: 1,
      week: 1,
      topic: 'Cells',
      formal: { type: 'Test', weight: 10, date: '2027-01-20', common: true },
    });
    add({ term: 1, week: 2, topic: 'No id' });
    add({ id: 'e-1', term: 1, week: 3, topic: 'Copy' });
    const view = readPaceSetter(doc, PACESETTER_ID);
    expect(view.entries).toEqual([
      {
        id: 'e-1',
        term: 1,
        week: 1,
        topic: 'Cells',
        subTopics: [],
        reference: '',
        hours: 0,
        priorKnowledge: '',
        resources: [],
        informalAssessment: '',
        formal: { type: 'Test', weight: 10, date: '2027-01-20', common: true },
      },
    ]);
    expect(view.meta).toEqual({ subject: '', grade: '', year: 0 });
  });
});
