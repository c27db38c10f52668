import { describe, expect, it } from 'vitest';
import { thisWeek } from '../../../core/pacesetter/thisWeek';
import { termOnePlan } from './fixture';

describe('This week tells what every school teaches now', () => {
  it('in a teaching week: the week, its dates, its entries and the next common paper', () => {
    const { view } = termOnePlan({
      9: { formal: { type: 'Common test', weight: 25, date: '2027-03-17', common: true } },
    });
    const now = thisWeek(view(), '2027-02-24');
    expect(now.place).toEqual({ kind: 'week', term: 1, week: 6, teachingDay: true });
    expect(now.week).toMatchObject({ first: '2027-02-22', last: '2027-02-26' });
    expect(now.entries.map((e) => e.topic)).toEqual(['T1 W6']);
    expect(now.nextCommon?.formal.date).toBe('2027-03-17');
  });

  it('in the mid-term break and the holidays there is no week and nothing to teach', () => {
    const { view } = termOnePlan();
    expect(thisWeek(view(), '2027-02-17')).toMatchObject({
      place: { kind: 'break', afterWeek: 5 },
      entries: [],
    });
    expect(thisWeek(view(), '2027-04-01')).toMatchObject({ place: { kind: 'between-terms' }, entries: [] });
    expect(thisWeek(view(), '2027-04-01').week).toBeUndefined();
  });
});
