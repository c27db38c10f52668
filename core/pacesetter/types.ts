import type { IsoDate } from './isoDate';
import type { Problem } from './problems';

// Plain, immutable, JSON-serialisable views of the pace-setter and coverage documents. The
// extension reads them from the Y.Docs (model.ts, coverage.ts) and posts them to the webview
// as they are; nothing here refers to Yjs, so the webview bundle does not pull Yjs in.

export interface PaceSetterMeta {
  readonly subject: string;
  readonly grade: string;
  readonly year: number;
  readonly title?: string;
}

/** A weekday inside a term's dates when no school teaches (public holiday, exam day, sports day). */
export interface NonTeachingDay {
  readonly date: IsoDate;
  readonly label?: string;
}

export interface TermView {
  readonly id: string;
  /** 1 to 4. */
  readonly number: number;
  /** First and last day of the term, both included. */
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** Sorted by date. */
  readonly nonTeachingDays: readonly NonTeachingDay[];
}

/** A formal assessment task; `common` means every school writes the same paper on `date`. */
export interface FormalAssessment {
  readonly type: string;
  /** Percent of the term mark, more than 0 and at most 100. */
  readonly weight: number;
  readonly date: IsoDate;
  readonly common: boolean;
}

export interface EntryView {
  /** Stable and never reused: coverage records and lesson plans point at it. */
  readonly id: string;
  readonly term: number;
  /** 1-based teaching week of the term (see calendar.ts for how weeks are counted). */
  readonly week: number;
  readonly topic: string;
  readonly subTopics: readonly string[];
  /** CAPS page or SLO codes. */
  readonly reference: string;
  /** Teaching hours; 0 when the pace-setter does not say. */
  readonly hours: number;
  readonly priorKnowledge: string;
  /** Each may end with a cost mark, " (no-cost)" or " (low-cost)" (see resources.ts). */
  readonly resources: readonly string[];
  readonly informalAssessment: string;
  readonly formal?: FormalAssessment;
}

/** The fields a leader writes; everything of an entry but its id. */
export type EntryFields = Omit<EntryView, 'id'>;

/** A change to some fields of an entry. `formal: null` removes the formal task. */
export type EntryPatch = Partial<Omit<EntryFields, 'formal'>> & { readonly formal?: FormalAssessment | null };

/** What a new entry needs; the rest defaults to empty. */
export type NewEntry = Pick<EntryFields, 'term' | 'week' | 'topic'> & EntryPatch;

export interface PaceSetterView {
  /** The document id, e.g. `natural-sciences-8-2027`; the first half of coverage keys. */
  readonly id: string;
  readonly meta: PaceSetterMeta;
  /** Sorted by term number. */
  readonly terms: readonly TermView[];
  /** Sorted by term, then week, then the order the leader added them. */
  readonly entries: readonly EntryView[];
}

export const COVERAGE_STATUSES = ['not-started', 'taught', 'partly-taught', 'skipped'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export function isCoverageStatus(value: unknown): value is CoverageStatus {
  return typeof value === 'string' && (COVERAGE_STATUSES as readonly string[]).includes(value);
}

export interface CoverageRecord {
  readonly status: CoverageStatus;
  readonly completedOn?: IsoDate;
  readonly note?: string;
  /** How the school will make up what it has not taught yet. */
  readonly catchUp?: string;
  /** The member's name, shown beside the record. */
  readonly updatedBy: string;
  /** Milliseconds since 1970. */
  readonly updatedAt: number;
}

/** One school's coverage of one pace-setter, by entry id. Entries with no record are not started. */
export type CoverageView = Readonly<Record<string, CoverageRecord>>;

/** A member's expertise, held by the server (not in a document). */
export interface Expertise {
  readonly memberId: string;
  readonly name: string;
  readonly school: string;
  /** Topics the member is confident to help with, as they wrote them. */
  readonly topics: readonly string[];
}

/**
 * Result of an edit: the id of what was added or changed, or why not. The extension shows
 * `problem` translated (extension/pacesetter/problemText.ts); `error` is its English sentence.
 */
export type EditResult =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly error: string; readonly problem: Problem };
