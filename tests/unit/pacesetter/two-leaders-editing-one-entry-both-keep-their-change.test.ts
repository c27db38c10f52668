import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addEntry, addWeek, removeEntry, updateEntry } from '../../../core/pacesetter/edits';
import { addNonTeachingDays } from '../../../core/pacesetter/termEdits';
import { readPaceSetter } from '../../../core/pacesetter/model';
import { PaceSetterOrigin } from '../../../core/pacesetter/origin';
import { leader, ok, PACESETTER_ID, paceSetterDoc } from './fixture';

const advisor = new PaceSetterOrigin('Mr Dlamini (advisor)');

/** Two devices that start from the same document and then edit offline. */
function twoDevices() {
  const a = paceSetterDoc();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b };
}

/** Reconnect: each device sends the other what it has not seen. */
function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

const view = (doc: Y.Doc) => readPaceSetter(doc, PACESETTER_ID);

describe('Two leaders editing one entry at the same time both keep their change', () => {
  it('one changes the topic, the other the hours and resources: the entry has all three', () => {
    const { a, b } = twoDevices();
    const id = ok(addEntry(a, { term: 1, week: 3, topic: 'Photosynthesis' }, leader));
    sync(a, b);
    ok(updateEntry(a, id, { topic: 'Photosynthesis and respiration' }, leader));
    ok(updateEntry(b, id, { hours: 4, resources: ['Leaves (no-cost)'] }, advisor));
    sync(a, b);
    for (const doc of [a, b])
      expect(view(doc).entries[0]).toMatchObject({
        topic: 'Photosynthesis and respiration',
        hours: 4,
        resources: ['Leaves (no-cost)'],
      });
  });

  it('one moves the common test date while the other corrects its weight', () => {
    const { a, b } = twoDevices();
    const formal = { type: 'Common test', weight: 20, date: '2027-03-10', common: true };
    const id = ok(addEntry(a, { term: 1, week: 8, topic: 'Revision', formal }, leader));
    sync(a, b);
    ok(updateEntry(a, id, { formal: { ...formal, date: '2027-03-11' } }, leader));
    ok(updateEntry(b, id, { formal: { ...formal, weight: 25 } }, advisor));
    sync(a, b);
    expect(view(a).entries[0]?.formal).toEqual({ ...formal, date: '2027-03-11', weight: 25 });
    expect(view(b)).toEqual(view(a));
  });

  it('both add a week to the same term: both weeks are kept, neither overwrites the other', () => {
    const { a, b } = twoDevices();
    ok(addWeek(a, { term: 1, topic: 'Cells' }, leader));
    ok(addWeek(b, { term: 1, topic: 'Tissues' }, advisor));
    sync(a, b);
    expect(
      view(a)
        .entries.map((e) => e.topic)
        .sort(),
    ).toEqual(['Cells', 'Tissues']);
  });

  it('both mark different holidays in one term: both are kept', () => {
    const { a, b } = twoDevices();
    const termId = view(a).terms[1]!.id;
    ok(addNonTeachingDays(a, termId, { from: '2027-04-27', label: 'Freedom Day' }, leader));
    ok(addNonTeachingDays(b, termId, { from: '2027-06-16', label: 'Youth Day' }, advisor));
    sync(a, b);
    expect(view(b).terms[1]?.nonTeachingDays).toEqual([
      { date: '2027-04-27', label: 'Freedom Day' },
      { date: '2027-06-16', label: 'Youth Day' },
    ]);
  });

  it('an edit to an entry the other leader removed does not bring it back', () => {
    const { a, b } = twoDevices();
    const id = ok(addEntry(a, { term: 1, week: 2, topic: 'Old topic' }, leader));
    sync(a, b);
    ok(removeEntry(a, id, leader));
    ok(updateEntry(b, id, { topic: 'Edited' }, advisor));
    sync(a, b);
    expect(view(a).entries).toEqual([]);
    expect(view(b).entries).toEqual([]);
  });

  it('every change carries the editor\u2019s origin', () => {
    const doc = paceSetterDoc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    ok(addEntry(doc, { term: 1, week: 1, topic: 'Cells' }, advisor));
    expect(origins).toEqual([advisor]);
  });
});
