import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paceSetterToCsv, parsePaceSetterCsv } from '../../../core/pacesetter/csv';
import { importPaceSetterCsv } from '../../../core/pacesetter/importCsv';
import { readEntries } from '../../../core/pacesetter/model';
import type { EntryView } from '../../../core/pacesetter/types';
import { leader, paceSetterDoc, termOnePlan } from './fixture';

const strip = ({ row: _row, ...e }: { row: number } & Record<string, unknown>) => e;

// Text as leaders type it: any script, commas, quotes, line breaks; trimmed, as the editor stores it.
const text = (max: number) =>
  fc
    .string({
      unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', 'é', 'ب', '5', '-', '(', ')'),
      maxLength: max,
    })
    .map((s) => s.trim());
const item = text(20).filter((s) => s !== '');
const entry: fc.Arbitrary<EntryView> = fc.record({
  id: fc.stringMatching(/^e-[a-z0-9]{6}$/),
  term: fc.integer({ min: 1, max: 4 }),
  week: fc.integer({ min: 1, max: 20 }),
  topic: item,
  subTopics: fc.array(item, { maxLength: 4 }),
  reference: text(30),
  hours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 }), fc.constantFrom(0.5, 1.5, 2.25)),
  priorKnowledge: text(40),
  resources: fc.array(item, { maxLength: 4 }),
  informalAssessment: text(40),
});
const withFormal = fc
  .tuple(
    entry,
    fc.option(
      fc.record({
        type: item,
        weight: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constant(12.5)),
        date: fc.constantFrom('2027-01-29', '2027-03-17', '2028-02-29'),
        common: fc.boolean(),
      }),
      { nil: undefined },
    ),
  )
  .map(([e, formal]) => (formal ? { ...e, formal } : e));

describe('A pace-setter exported to CSV reads back unchanged', () => {
  it('every field of every entry survives export then import (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(withFormal, { selector: (e) => e.id, minLength: 1, maxLength: 8 }),
        (entries) => {
          const parsed = parsePaceSetterCsv(paceSetterToCsv(entries));
          expect(parsed.ok && parsed.entries.map(strip)).toEqual(entries);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the file starts with a byte order mark and uses CRLF, as spreadsheets expect', () => {
    const { view } = termOnePlan();
    const csv = paceSetterToCsv(view().entries.slice(0, 1));
    expect(csv.startsWith('\uFEFFid,term,week,topic,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });
});

describe('Importing into a pace-setter', () => {
  it('re-importing an edited export updates entries in place, keeping their ids', () => {
    const { doc, ids, view } = termOnePlan();
    const edited = paceSetterToCsv(view().entries).replace('T1 W3', 'Photosynthesis');
    expect(importPaceSetterCsv(doc, edited, 'replace', leader)).toEqual({
      ok: true,
      added: 0,
      updated: 10,
      removed: 0,
    });
    const week3 = readEntries(doc).find((e) => e.week === 3)!;
    expect(week3).toMatchObject({ id: ids[3], topic: 'Photosynthesis' });
  });

  it('replace removes entries that are not in the file; merge keeps them', () => {
    const { doc, view } = termOnePlan();
    const firstTwo = paceSetterToCsv(view().entries.slice(0, 2));
    const newRow = 'term,week,topic\n2,1,Forces\n';
    expect(importPaceSetterCsv(doc, newRow, 'merge', leader)).toEqual({
      ok: true,
      added: 1,
      updated: 0,
      removed: 0,
    });
    expect(readEntries(doc)).toHaveLength(11);
    expect(importPaceSetterCsv(doc, firstTwo, 'replace', leader)).toEqual({
      ok: true,
      added: 0,
      updated: 2,
      removed: 9,
    });
    expect(readEntries(doc).map((e) => e.topic)).toEqual(['T1 W1', 'T1 W2']);
  });

  it('an id this pace-setter does not have gets a new id, so a removed entry\u2019s coverage never comes back', () => {
    const doc = paceSetterDoc();
    importPaceSetterCsv(doc, 'id,term,week,topic\ne-gone,1,1,Cells\n', 'replace', leader);
    const [e] = readEntries(doc);
    expect(e?.topic).toBe('Cells');
    expect(e?.id).not.toBe('e-gone');
  });

  it('an updated entry whose row has no formal task loses its old one', () => {
    const { doc, view } = termOnePlan({
      2: { formal: { type: 'Test', weight: 10, date: '2027-01-22', common: true } },
    });
    const csv = paceSetterToCsv(view().entries).replace(',Test,10,2027-01-22,yes', ',,,,');
    expect(importPaceSetterCsv(doc, csv, 'replace', leader).ok).toBe(true);
    expect(readEntries(doc).find((e) => e.week === 2)?.formal).toBeUndefined();
  });
});
