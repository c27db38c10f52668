// A room's last answer to a sync step 1, kept for a moment in case the next one asks the same.
//
// Teachers open a plan together: at a cluster meeting, or when the leader shares the week's
// plan and the schools open it at once. Every one of them has nothing of it yet, so each asks
// with the same (empty) state vector, and encoding the answer walks the whole document: 2.3 ms
// and about 90 KB of short-lived buffers for a 20 KB plan with its history, each time. One
// encoding serves them all while the document is unchanged. The answer is kept only briefly, so
// a room that is not being joined holds no copy of its document beyond the Y.Doc itself.

/** How long an answer is kept after it was made: long enough for a group opening a plan together. */
export const ANSWER_KEPT_MS = 1000;

interface Entry<T> {
  readonly compact: boolean;
  readonly stateVector: Uint8Array;
  readonly answer: T;
}

/** `T`: the answer as the room sends it (bytes nobody may change, with what it counts of them). */
export class RecentAnswer<T> {
  private entry: Entry<T> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The kept answer, if it answered the same state vector for a client that asked for the same
   * encoding (`compact`). The room clears it whenever its document changes.
   */
  find(compact: boolean, stateVector: Uint8Array): T | undefined {
    const entry = this.entry;
    if (entry === null || entry.compact !== compact) return undefined;
    return Buffer.compare(entry.stateVector, stateVector) === 0 ? entry.answer : undefined;
  }

  /** Keeps `answer` for ANSWER_KEPT_MS, in place of the one kept before. */
  keep(compact: boolean, stateVector: Uint8Array, answer: T): void {
    // The state vector is a view into the client's frame; a copy keeps only its few bytes.
    this.entry = { compact, stateVector: stateVector.slice(), answer };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.clear(), ANSWER_KEPT_MS);
    // A kept answer is no reason to keep the process running.
    this.timer.unref?.();
  }

  /** Called on every change of the document (each keystroke): nothing to do when nothing is kept. */
  clear(): void {
    if (this.entry === null) return;
    this.entry = null;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
