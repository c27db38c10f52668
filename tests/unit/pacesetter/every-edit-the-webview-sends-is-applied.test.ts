import { describe, expect, it } from 'vitest';
import { applyPaceSetterEdit } from '../../../core/pacesetter/applyEdit';
import { isPaceSetterEdit, type PaceSetterEdit } from '../../../core/pacesetter/editTypes';
import { readPaceSetter } from '../../../core/pacesetter/model';
import { isWebviewMessage } from '../../../webview/pacesetter/protocol';
import { leader, PACESETTER_ID, paceSetterDoc } from './fixture';

describe('Every edit the webview sends is applied by one call', () => {
  it('terms, holidays, weeks and entries, each with its effect', () => {
    const doc = paceSetterDoc();
    const view = () => readPaceSetter(doc, PACESETTER_ID);
    const apply = (edit: PaceSetterEdit) => {
      const r = applyPaceSetterEdit(doc, edit, leader);
      if (!r.ok) throw new Error(r.error);
      return r.id;
    };
    const term3 = apply({ type: 'addTerm', term: { number: 3, start: '2027-07-13', end: '2027-09-24' } });
    apply({ type: 'setTermDates', termId: term3, start: '2027-07-14', end: '2027-09-24' });
    apply({ type: 'addNonTeachingDays', termId: term3, range: { from: '2027-08-09', label: "Women's Day" } });
    expect(view().terms[2]).toMatchObject({ start: '2027-07-14', nonTeachingDays: [{ date: '2027-08-09' }] });
    apply({ type: 'removeNonTeachingDays', termId: term3, dates: ['2027-08-09'] });
    const first = apply({ type: 'addWeek', term: 3, topic: 'Energy transfer' });
    const second = apply({ type: 'addEntry', entry: { term: 3, week: 1, topic: 'Heat' } });
    apply({ type: 'updateEntry', entryId: second, patch: { hours: 2 } });
    expect(view().entries.map((e) => [e.week, e.topic, e.hours])).toEqual([
      [1, 'Energy transfer', 0],
      [1, 'Heat', 2],
    ]);
    apply({ type: 'removeEntry', entryId: first });
    apply({ type: 'removeTerm', termId: term3 });
    expect(view().terms.map((t) => t.number)).toEqual([1, 2]);
    expect(view().entries.map((e) => e.topic)).toEqual(['Heat']);
  });

  it('a refusal is a sentence, and nothing is written', () => {
    const doc = paceSetterDoc();
    expect(applyPaceSetterEdit(doc, { type: 'addWeek', term: 1, topic: ' ' }, leader)).toMatchObject({
      ok: false,
      error: 'Every entry needs a topic.',
    });
    expect(readPaceSetter(doc, PACESETTER_ID).entries).toEqual([]);
  });

  it('tells edits from other requests, and well-formed messages from anything else', () => {
    expect(isPaceSetterEdit({ type: 'updateEntry' })).toBe(true);
    expect(isPaceSetterEdit({ type: 'setCoverage' })).toBe(false);
    expect(isWebviewMessage({ type: 'ready' })).toBe(true);
    expect(isWebviewMessage({ type: 'removeEntry', requestId: 3, entryId: 'e-1' })).toBe(true);
    expect(isWebviewMessage({ type: 'removeEntry', entryId: 'e-1' })).toBe(false);
    expect(isWebviewMessage({ type: 'dropTables', requestId: 1 })).toBe(false);
    expect(isWebviewMessage(null)).toBe(false);
  });
});
