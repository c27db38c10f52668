import { describe, expect, it } from 'vitest';
import {
  findWeek,
  placeOf,
  schoolCalendar,
  teachingWeeks,
  weekOfDate,
  weeksInTerm,
  weeksOver,
} from '../../../core/pacesetter/calendar';
import { addDays, isIsoDate, weekday } from '../../../core/pacesetter/isoDate';
import { readTerms } from '../../../core/pacesetter/model';
import { paceSetterDoc } from './fixture';

const calendar = () => schoolCalendar(readTerms(paceSetterDoc()));

describe('Teaching weeks run Monday to Friday inside the term dates', () => {
  it('a term starting on a Wednesday has a short first week of three days', () => {
    const week1 = findWeek(calendar(), 1, 1)!;
    expect(week1).toMatchObject({ monday: '2027-01-11', first: '2027-01-13', last: '2027-01-15' });
    expect(week1.teachingDays).toEqual(['2027-01-13', '2027-01-14', '2027-01-15']);
  });

  it('a week of non-teaching days gets no number and the next week carries on counting', () => {
    const c = calendar();
    expect(findWeek(c, 1, 5)).toMatchObject({ first: '2027-02-08', last: '2027-02-12' });
    expect(findWeek(c, 1, 6)).toMatchObject({ first: '2027-02-22', last: '2027-02-26' });
    expect(weeksInTerm(c, 1)).toBe(10);
  });

  it('a public holiday shortens its week without removing it', () => {
    expect(findWeek(calendar(), 1, 10)).toMatchObject({ first: '2027-03-23', last: '2027-03-24' });
  });

  it('term 2 counts its own weeks from 1, and a term with no dates has no weeks', () => {
    const c = calendar();
    expect(findWeek(c, 2, 1)).toMatchObject({ first: '2027-04-06', last: '2027-04-09' });
    expect(weeksInTerm(c, 2)).toBe(12);
    expect(weeksInTerm(c, 3)).toBeUndefined();
    expect(findWeek(c, 3, 1)).toBeUndefined();
  });

  it('a term that starts on a Saturday begins with the following Monday', () => {
    const weeks = teachingWeeks({
      id: 't',
      number: 3,
      start: '2027-07-17',
      end: '2027-07-30',
      nonTeachingDays: [],
    });
    expect(weeks.map((w) => w.first)).toEqual(['2027-07-19', '2027-07-26']);
  });
});

describe('A date is placed in its term and week, a break, or the holidays', () => {
  it('a Wednesday in week 5 is a teaching day of term 1 week 5', () => {
    expect(placeOf(calendar(), '2027-02-10')).toEqual({ kind: 'week', term: 1, week: 5, teachingDay: true });
  });

  it('a Saturday still belongs to its week, but is not a teaching day', () => {
    expect(placeOf(calendar(), '2027-02-13')).toEqual({ kind: 'week', term: 1, week: 5, teachingDay: false });
    expect(weekOfDate(calendar(), '2027-02-14')?.week).toBe(5);
  });

  it('a public holiday is in its week, not a teaching day, and says what it is', () => {
    expect(placeOf(calendar(), '2027-03-22')).toEqual({
      kind: 'week',
      term: 1,
      week: 10,
      teachingDay: false,
      label: 'Human Rights Day',
    });
  });

  it('the mid-term break is a break after week 5', () => {
    expect(placeOf(calendar(), '2027-02-17')).toEqual({
      kind: 'break',
      term: 1,
      afterWeek: 5,
      label: 'Mid-term break',
    });
    expect(weekOfDate(calendar(), '2027-02-17')).toBeUndefined();
  });

  it('the Easter holidays are between term 1 and term 2', () => {
    expect(placeOf(calendar(), '2027-04-01')).toEqual({ kind: 'between-terms', after: 1, before: 2 });
  });

  it('before the first term and after the last, only one side is named', () => {
    expect(placeOf(calendar(), '2027-01-05')).toEqual({ kind: 'between-terms', before: 1 });
    expect(placeOf(calendar(), '2027-12-01')).toEqual({ kind: 'between-terms', after: 2 });
  });

  it('the first days of a short first week before the term starts are not in the term', () => {
    expect(placeOf(calendar(), '2027-01-11')).toEqual({ kind: 'between-terms', before: 1 });
  });
});

describe('Weeks over on a date decide what is due', () => {
  it('in week 5 four weeks are over; in the break after it, five', () => {
    const c = calendar();
    expect(weeksOver(c, '2027-02-10')).toBe(4);
    expect(weeksOver(c, '2027-02-14')).toBe(4);
    expect(weeksOver(c, '2027-02-17')).toBe(5);
  });

  it('in the holidays after term 1 all ten weeks are over, and none before the year starts', () => {
    const c = calendar();
    expect(weeksOver(c, '2027-04-01')).toBe(10);
    expect(weeksOver(c, '2027-01-01')).toBe(0);
  });
});

describe('Dates are calendar days, never instants', () => {
  it('rejects dates that do not exist and counts weekdays from Monday', () => {
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('15/03/2027')).toBe(false);
    expect(weekday('2027-03-15')).toBe(0);
    expect(weekday('2027-03-21')).toBe(6);
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
  });
});
