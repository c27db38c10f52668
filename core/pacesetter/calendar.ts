import { addDays, compareDates, type IsoDate, mondayOf, weekday } from './isoDate';
import type { TermView } from './types';

// Teaching weeks. A week runs Monday to Sunday; its teaching days are the weekdays inside the
// term's dates that are not marked non-teaching. A week counts (gets a number) when it has at
// least one teaching day, so:
// - a term that starts on a Wednesday has a short week 1 (Wednesday to Friday), and one that
//   ends on a Tuesday has a short last week: pace-setters count these as weeks, and so do we;
// - a week off inside a term (every weekday non-teaching, e.g. a mid-term break) gets no number,
//   and the weeks after it carry on counting, so "week 6" is the sixth week the schools teach;
// - a public holiday on a weekday shortens its week but does not remove it.

export interface TeachingWeek {
  readonly term: number;
  readonly week: number;
  readonly monday: IsoDate;
  readonly sunday: IsoDate;
  /** First and last teaching day: the date range of the week for people. */
  readonly first: IsoDate;
  readonly last: IsoDate;
  readonly teachingDays: readonly IsoDate[];
}

/** A term longer than this is a typing mistake; the calendar stops counting rather than hang. */
const MAX_TERM_DAYS = 400;

export function teachingWeeks(term: TermView): TeachingWeek[] {
  const off = new Set(term.nonTeachingDays.map((d) => d.date));
  const weeks: TeachingWeek[] = [];
  let monday = mondayOf(term.start);
  for (
    let i = 0;
    compareDates(monday, term.end) <= 0 && i * 7 < MAX_TERM_DAYS;
    i++, monday = addDays(monday, 7)
  ) {
    const days: IsoDate[] = [];
    for (let d = 0; d < 5; d++) {
      const day = addDays(monday, d);
      if (compareDates(day, term.start) >= 0 && compareDates(day, term.end) <= 0 && !off.has(day))
        days.push(day);
    }
    if (days.length === 0) continue;
    weeks.push({
      term: term.number,
      week: weeks.length + 1,
      monday,
      sunday: addDays(monday, 6),
      first: days[0]!,
      last: days[days.length - 1]!,
      teachingDays: days,
    });
  }
  return weeks;
}

/** The year's terms in date order, each term number once, and all their teaching weeks in order. */
export interface SchoolCalendar {
  readonly terms: readonly TermView[];
  readonly weeks: readonly TeachingWeek[];
}

export function schoolCalendar(terms: readonly TermView[]): SchoolCalendar {
  // Two leaders offline can both add "term 3"; the first one in the document counts until one
  // of them removes theirs (readTerms keeps both visible so they can).
  const byNumber = new Map<number, TermView>();
  for (const t of terms) if (!byNumber.has(t.number)) byNumber.set(t.number, t);
  const sorted = [...byNumber.values()].sort((a, b) => compareDates(a.start, b.start));
  return { terms: sorted, weeks: sorted.flatMap(teachingWeeks) };
}

/** Where a date falls in the school year. */
export type DatePlace =
  /** In a teaching week; `teachingDay` is false on its weekend and on a non-teaching weekday. */
  | {
      readonly kind: 'week';
      readonly term: number;
      readonly week: number;
      readonly teachingDay: boolean;
      readonly label?: string;
    }
  /** Inside a term's dates, in a week with no teaching days (a break), after `afterWeek` weeks of the term. */
  | { readonly kind: 'break'; readonly term: number; readonly afterWeek: number; readonly label?: string }
  /** Outside every term: holidays, or before the first term or after the last (`after`/`before` missing). */
  | { readonly kind: 'between-terms'; readonly after?: number; readonly before?: number };

export function placeOf(calendar: SchoolCalendar, date: IsoDate): DatePlace {
  const term = calendar.terms.find((t) => compareDates(t.start, date) <= 0 && compareDates(date, t.end) <= 0);
  if (!term) {
    const after = [...calendar.terms].reverse().find((t) => compareDates(t.end, date) < 0);
    const before = calendar.terms.find((t) => compareDates(t.start, date) > 0);
    return {
      kind: 'between-terms',
      ...(after ? { after: after.number } : {}),
      ...(before ? { before: before.number } : {}),
    };
  }
  const label = term.nonTeachingDays.find((d) => d.date === date)?.label;
  const labelled = label ? { label } : {};
  const weeks = calendar.weeks.filter((w) => w.term === term.number);
  const week = weeks.find((w) => compareDates(w.monday, date) <= 0 && compareDates(date, w.sunday) <= 0);
  if (week) {
    const teachingDay = weekday(date) < 5 && week.teachingDays.includes(date);
    return { kind: 'week', term: term.number, week: week.week, teachingDay, ...labelled };
  }
  const afterWeek = weeks.filter((w) => compareDates(w.sunday, date) < 0).length;
  return { kind: 'break', term: term.number, afterWeek, ...labelled };
}

/** The teaching week that contains the date, if it is in one ("this week" on a Saturday is still this week). */
export function weekOfDate(calendar: SchoolCalendar, date: IsoDate): TeachingWeek | undefined {
  const place = placeOf(calendar, date);
  return place.kind === 'week' ? findWeek(calendar, place.term, place.week) : undefined;
}

/** The dates of a term's week, or undefined when the term has no dates or fewer weeks. */
export function findWeek(calendar: SchoolCalendar, term: number, week: number): TeachingWeek | undefined {
  return calendar.weeks.find((w) => w.term === term && w.week === week);
}

export function weeksInTerm(calendar: SchoolCalendar, term: number): number | undefined {
  if (!calendar.terms.some((t) => t.number === term)) return undefined;
  return calendar.weeks.filter((w) => w.term === term).length;
}

/**
 * The position of a (term, week) among all the year's teaching weeks, 0-based. A week beyond the
 * last of its term is placed at the term's last week (it is due when the term ends); a term with
 * no dates yet has no position.
 */
export function weekOrdinal(calendar: SchoolCalendar, term: number, week: number): number | undefined {
  let last: number | undefined;
  for (let i = 0; i < calendar.weeks.length; i++) {
    const w = calendar.weeks[i]!;
    if (w.term !== term) continue;
    if (w.week === week) return i;
    last = i;
  }
  return last;
}

/**
 * How many teaching weeks are over on this date: weeks whose Sunday is before it. In a teaching
 * week this is that week's ordinal (the week itself is still being taught); in a break or the
 * holidays it counts every week before.
 */
export function weeksOver(calendar: SchoolCalendar, date: IsoDate): number {
  return calendar.weeks.filter((w) => compareDates(w.sunday, date) < 0).length;
}
