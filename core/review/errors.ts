export type ReviewErrorCode = 'outcome-required' | 'no-such-thread' | 'no-such-step' | 'invalid';

/**
 * A change to a review that cannot be made. The extension shows its own translated message
 * chosen by `code`; the English `message` is for the log.
 */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';

  constructor(
    readonly code: ReviewErrorCode,
    message: string,
  ) {
    super(message);
  }
}
