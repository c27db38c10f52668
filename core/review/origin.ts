// The origin of every transaction this module makes on a review document. Typed, one instance
// per editor (or the shared local default): an observer recognises its own writes, and an undo
// manager can track exactly one person's feedback edits.
export class ReviewOrigin {
  readonly kind = 'review' as const;

  constructor(readonly label: string) {}

  toString(): string {
    return `review(${this.label})`;
  }
}

/** The origin used when a caller passes none. */
export const REVIEW_ORIGIN_LOCAL = new ReviewOrigin('local');
