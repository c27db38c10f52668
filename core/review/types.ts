// The words of peer observation (DOMAIN.md practices 3–5), shared by the review document, the
// printed round record and the extension. Feedback is about the lesson and the learners, never
// the person: every thread is anchored to a place in the plan and named by its focus.

/** content knowledge, pedagogy, pedagogical content knowledge, learners, resources, assessment */
export const FOCUS_AREAS = ['content', 'pedagogy', 'pck', 'learners', 'resources', 'assessment'] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const FEEDBACK_KINDS = ['evidence', 'strength', 'suggestion', 'question'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export interface Person {
  readonly id: string;
  readonly name: string;
}

export interface FeedbackComment {
  readonly id: string;
  readonly author: Person;
  /** Markdown */
  readonly body: string;
  /** ms since the epoch */
  readonly at: number;
  readonly editedAt?: number;
}

/** Encoded Y.RelativePositions into the plan's Y.Text (see anchors.ts). */
export interface Anchor {
  readonly start: Uint8Array;
  readonly end: Uint8Array;
}

export interface ThreadView {
  readonly id: string;
  readonly focus: FocusArea;
  readonly kind: FeedbackKind;
  /** The anchored text when the thread was made. */
  readonly quote: string;
  readonly anchor: Anchor;
  readonly resolved: boolean;
  readonly resolvedBy?: Person;
  readonly comments: readonly FeedbackComment[];
  readonly createdAt: number;
}

export type StepStatus = 'open' | 'done';

export interface NextStepView {
  readonly id: string;
  readonly text: string;
  readonly owner: Person;
  /** YYYY-MM-DD */
  readonly due: string;
  readonly supporter?: Person;
  readonly status: StepStatus;
  readonly outcome?: string;
  readonly closedAt?: number;
  readonly closedBy?: Person;
  readonly createdAt: number;
}

/** The order of the post-lesson discussion: the teacher speaks first, then the planners, then the observers. */
export const DISCUSSION_PARTS = ['teacher', 'planners', 'observers'] as const;
export type DiscussionPart = (typeof DISCUSSION_PARTS)[number];

/** One teaching of the lesson in a lesson-study round (plan → teach → discuss → revise → re-teach). */
export interface CycleView {
  readonly id: string;
  /** 1-based, in the order taught */
  readonly n: number;
  /** YYYY-MM-DD */
  readonly taughtOn: string;
  readonly school: string;
  readonly teacher: Person;
  /** The plan's Markdown as taught. */
  readonly planSnapshot: string;
  readonly note: string;
  readonly at: number;
}

/** What the server knows of a round (server data, not CRDT): who may read and write is never a field a client could rewrite. */
export type RoundStatus = 'proposed' | 'open' | 'declined' | 'completed';

export interface RoundInfo {
  readonly id: string;
  readonly cluster: string;
  readonly teacher: string;
  readonly observers: readonly string[];
  readonly sharedWith: readonly string[];
  /** '<cluster>/plan/<id>' */
  readonly plan: string | null;
  /** '<cluster>/review/<id>' */
  readonly doc: string;
  readonly status: RoundStatus;
  readonly proposedBy: string | null;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly school: string;
  readonly className: string;
  readonly focusQuestions: readonly string[];
  readonly developmental: boolean;
  readonly lessonStudy: boolean;
}
