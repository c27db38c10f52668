import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { coverageKey, coverageMap, readCoverage, setCoverage } from '../../../core/pacesetter/coverage';
import { PaceSetterOrigin } from '../../../core/pacesetter/origin';
import { PACESETTER_ID, termOnePlan } from './fixture';

const teacher = new PaceSetterOrigin('Sipho Mahlangu');
const sipho = { name: 'Sipho Mahlangu', now: 1_800_000_000_000, today: '2027-02-10' };

describe('A teacher records what their school taught', () => {
  it('writes a record under <pacesetter>#<entry> and reads it back', () => {
    const { view, ids } = termOnePlan();
    const doc = new Y.Doc();
    const result = setCoverage(
      doc,
      view(),
      {
        entryId: ids[3]!,
        status: 'partly-taught',
        completedOn: '2027-02-03',
        note: 'Ran out of iodine',
        catchUp: 'Extra lesson Friday',
      },
      sipho,
      teacher,
    );
    expect(result).toEqual({ ok: true, id: ids[3] });
    expect(coverageMap(doc).has(coverageKey(PACESETTER_ID, ids[3]!))).toBe(true);
    expect(readCoverage(doc, PACESETTER_ID)).toEqual({
      [ids[3]!]: {
        status: 'partly-taught',
        completedOn: '2027-02-03',
        note: 'Ran out of iodine',
        catchUp: 'Extra lesson Friday',
        updatedBy: 'Sipho Mahlangu',
        updatedAt: 1_800_000_000_000,
      },
    });
  });

  it('a later change keeps fields it does not mention, and null clears one', () => {
    const { view, ids } = termOnePlan();
    const doc = new Y.Doc();
    setCoverage(
      doc,
      view(),
      { entryId: ids[3]!, status: 'partly-taught', note: 'Half done', catchUp: 'Friday' },
      sipho,
      teacher,
    );
    setCoverage(
      doc,
      view(),
      { entryId: ids[3]!, status: 'taught', completedOn: '2027-02-05', catchUp: null },
      sipho,
      teacher,
    );
    expect(readCoverage(doc, PACESETTER_ID)[ids[3]!]).toMatchObject({
      status: 'taught',
      completedOn: '2027-02-05',
      note: 'Half done',
    });
    expect(readCoverage(doc, PACESETTER_ID)[ids[3]!]?.catchUp).toBeUndefined();
  });

  it('back to not started clears the date taught', () => {
    const { view, ids } = termOnePlan();
    const doc = new Y.Doc();
    setCoverage(
      doc,
      view(),
      { entryId: ids[1]!, status: 'taught', completedOn: '2027-01-14' },
      sipho,
      teacher,
    );
    setCoverage(doc, view(), { entryId: ids[1]!, status: 'not-started' }, sipho, teacher);
    expect(readCoverage(doc, PACESETTER_ID)[ids[1]!]?.completedOn).toBeUndefined();
  });

  it('refuses a date in the future, an unknown entry and an unknown status, with reasons', () => {
    const { view, ids } = termOnePlan();
    const doc = new Y.Doc();
    expect(
      setCoverage(
        doc,
        view(),
        { entryId: ids[6]!, status: 'taught', completedOn: '2027-02-24' },
        sipho,
        teacher,
      ),
    ).toMatchObject({
      ok: false,
      error: 'The date taught cannot be after today.',
    });
    expect(setCoverage(doc, view(), { entryId: 'e-nope', status: 'taught' }, sipho, teacher)).toMatchObject({
      ok: false,
      error: 'That entry is no longer in the pace-setter; someone may have removed it.',
    });
    const bogus = { entryId: ids[1]!, status: 'done' } as unknown as Parameters<typeof setCoverage>[2];
    expect(setCoverage(doc, view(), bogus, sipho, teacher).ok).toBe(false);
    expect(coverageMap(doc).size).toBe(0);
  });

  it('one school\u2019s document holds several pace-setters apart', () => {
    const { view, ids } = termOnePlan();
    const doc = new Y.Doc();
    setCoverage(doc, view(), { entryId: ids[1]!, status: 'taught' }, sipho, teacher);
    setCoverage(
      doc,
      { ...view(), id: 'mathematics-8-2027' },
      { entryId: ids[1]!, status: 'skipped' },
      sipho,
      teacher,
    );
    expect(readCoverage(doc, PACESETTER_ID)[ids[1]!]?.status).toBe('taught');
    expect(readCoverage(doc, 'mathematics-8-2027')[ids[1]!]?.status).toBe('skipped');
  });

  it('two teachers of one school editing one record keep both changes', () => {
    const { view, ids } = termOnePlan();
    const a = new Y.Doc();
    setCoverage(a, view(), { entryId: ids[2]!, status: 'partly-taught' }, sipho, teacher);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setCoverage(
      a,
      view(),
      { entryId: ids[2]!, status: 'partly-taught', note: 'Projector broke' },
      sipho,
      teacher,
    );
    setCoverage(
      b,
      view(),
      { entryId: ids[2]!, status: 'partly-taught', catchUp: 'Saturday class' },
      { ...sipho, name: 'Lindiwe' },
      teacher,
    );
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readCoverage(a, PACESETTER_ID)[ids[2]!]).toMatchObject({
      note: 'Projector broke',
      catchUp: 'Saturday class',
    });
    expect(readCoverage(a, PACESETTER_ID)).toEqual(readCoverage(b, PACESETTER_ID));
  });
});
