import { schoolCalendar, weekOrdinal, weeksOver } from './calendar';
import { compareDates, type IsoDate } from './isoDate';
import type { CoverageStatus, CoverageView, EntryView, FormalAssessment, PaceSetterView } from './types';

// Is a school keeping pace? An entry is due once its week is over (calendar.ts, weeksOver): on
// the Wednesday of week 5, weeks 1–4 are due and week 5 is still being taught. A school is as
// many weeks behind as lie between today's week and the week of its earliest due entry that is
// not taught ("not started" or "partly taught"): untaught week 3 on week 5 is 2 weeks behind.
//
// "Skipped" does not hold a school back: it is a decision (the leader agreed to drop or move the
// topic, or the school will catch it up elsewhere), and the school's pace is where it teaches
// now. It is still a gap in coverage, so skipped entries are counted and listed separately for
// the leader and advisor to see; they are never silently counted as taught.
//
// Entries in a term with no dates yet cannot be due; they are counted as unscheduled.

export interface EntryRef {
  readonly entryId: string;
  readonly term: number;
  readonly week: number;
}

export interface SchoolProgress {
  readonly schoolId: string;
  /** 0 when the school is on pace (or ahead). */
  readonly weeksBehind: number;
  /** The earliest due entry not taught: where the school is. */
  readonly earliestUntaught?: EntryRef;
  /** Due entries not taught (not started or partly taught), in pace-setter order. */
  readonly untaught: readonly EntryRef[];
  /** Due entries the school skipped. */
  readonly skipped: readonly EntryRef[];
  /** How many entries are due, and how many of those are taught. */
  readonly due: number;
  readonly taught: number;
  /** Entries whose term has no dates, so they cannot be due. */
  readonly unscheduled: number;
}

export function statusOf(coverage: CoverageView | undefined, entryId: string): CoverageStatus {
  return coverage?.[entryId]?.status ?? 'not-started';
}

const ref = (e: EntryView): EntryRef => ({ entryId: e.id, term: e.term, week: e.week });

/** Entries whose week is over on this date, in pace-setter order, with their week's position in the year. */
export function dueEntries(
  pacesetter: PaceSetterView,
  today: IsoDate,
): { entry: EntryView; ordinal: number }[] {
  const calendar = schoolCalendar(pacesetter.terms);
  const now = weeksOver(calendar, today);
  const due: { entry: EntryView; ordinal: number }[] = [];
  for (const entry of pacesetter.entries) {
    const ordinal = weekOrdinal(calendar, entry.term, entry.week);
    if (ordinal !== undefined && ordinal < now) due.push({ entry, ordinal });
  }
  return due.sort((a, b) => a.ordinal - b.ordinal);
}

export function schoolProgress(
  pacesetter: PaceSetterView,
  coverage: CoverageView | undefined,
  schoolId: string,
  today: IsoDate,
): SchoolProgress {
  const calendar = schoolCalendar(pacesetter.terms);
  const now = weeksOver(calendar, today);
  const due = dueEntries(pacesetter, today);
  const untaught = due.filter(({ entry }) => {
    const s = statusOf(coverage, entry.id);
    return s === 'not-started' || s === 'partly-taught';
  });
  const skipped = due.filter(({ entry }) => statusOf(coverage, entry.id) === 'skipped');
  const taught = due.filter(({ entry }) => statusOf(coverage, entry.id) === 'taught').length;
  const first = untaught[0];
  const unscheduled = pacesetter.entries.filter(
    (e) => weekOrdinal(calendar, e.term, e.week) === undefined,
  ).length;
  return {
    schoolId,
    weeksBehind: first ? now - first.ordinal : 0,
    ...(first ? { earliestUntaught: ref(first.entry) } : {}),
    untaught: untaught.map((d) => ref(d.entry)),
    skipped: skipped.map((d) => ref(d.entry)),
    due: due.length,
    taught,
    unscheduled,
  };
}

/** Every school's progress, in the order of `schools`, for the cluster grid. */
export function clusterProgress(
  pacesetter: PaceSetterView,
  coverage: Readonly<Record<string, CoverageView>>,
  schools: readonly { readonly id: string }[],
  today: IsoDate,
): SchoolProgress[] {
  return schools.map((s) => schoolProgress(pacesetter, coverage[s.id], s.id, today));
}

export interface UpcomingAssessment {
  readonly entry: EntryView;
  readonly formal: FormalAssessment;
}

/** Formal assessments on or after today, soonest first; only common papers when `commonOnly`. */
export function upcomingAssessments(
  pacesetter: PaceSetterView,
  today: IsoDate,
  commonOnly = false,
): UpcomingAssessment[] {
  return pacesetter.entries
    .filter((e): e is EntryView & { formal: FormalAssessment } => e.formal !== undefined)
    .filter((e) => compareDates(e.formal.date, today) >= 0 && (!commonOnly || e.formal.common))
    .map((entry) => ({ entry, formal: entry.formal }))
    .sort((a, b) => compareDates(a.formal.date, b.formal.date));
}

/** The next paper every school writes on the same day, if one is planned. */
export function nextCommonAssessment(
  pacesetter: PaceSetterView,
  today: IsoDate,
): UpcomingAssessment | undefined {
  return upcomingAssessments(pacesetter, today, true)[0];
}
