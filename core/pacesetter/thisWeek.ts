import { type DatePlace, findWeek, placeOf, schoolCalendar, type TeachingWeek } from './calendar';
import { nextCommonAssessment, type UpcomingAssessment } from './behind';
import type { IsoDate } from './isoDate';
import type { EntryView, PaceSetterView } from './types';

// What one pace-setter says about today, for the "This Week" sidebar and the editor's header.

export interface ThisWeek {
  readonly place: DatePlace;
  /** Today's teaching week; missing in a break or the holidays. */
  readonly week?: TeachingWeek;
  /** The entries planned for today's week (empty in a break or the holidays). */
  readonly entries: readonly EntryView[];
  readonly nextCommon?: UpcomingAssessment;
}

export function thisWeek(pacesetter: PaceSetterView, today: IsoDate): ThisWeek {
  const calendar = schoolCalendar(pacesetter.terms);
  const place = placeOf(calendar, today);
  const week = place.kind === 'week' ? findWeek(calendar, place.term, place.week) : undefined;
  const entries = week ? pacesetter.entries.filter((e) => e.term === week.term && e.week === week.week) : [];
  const nextCommon = nextCommonAssessment(pacesetter, today);
  return { place, ...(week ? { week } : {}), entries, ...(nextCommon ? { nextCommon } : {}) };
}
