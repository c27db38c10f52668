// What the editor still lacks: the delta from the editor's text (LF coordinates) to Y.Text.
//
// Every change that reaches Y.Text other than through the editor (a colleague's, undo/redo)
// is composed in; the apply queue takes it out to send it, and gives it back when the editor
// rejected it. A user's edit is made against the editor's text, which lacks all of this, so it
// is transformed through it before it goes to Y.Text: exact, and O(1) when nothing is pending.

import { compose, type Delta, IDENTITY, isIdentity, transform } from './delta';

export class PendingChanges {
  private delta: Delta = IDENTITY;

  get isEmpty(): boolean {
    return isIdentity(this.delta);
  }

  get current(): Delta {
    return this.delta;
  }

  /** Starts over from a delta computed from both texts (at start, or after an anomaly). */
  reset(delta: Delta): void {
    this.delta = delta;
  }

  /** Y.Text changed (its event delta, relative to Y.Text before); the editor lacks that too. */
  addYTextChange(change: Delta): void {
    this.delta = compose(this.delta, change);
  }

  /**
   * The user changed the editor; returns the same change for Y.Text. A pending insert at the
   * user's position goes first, on both sides, so both orders agree; text the user never saw
   * is never deleted by the user's delete, and text the user typed into a pending delete survives.
   */
  mapUserChange(change: Delta): Delta {
    if (this.isEmpty) return change;
    const forYText = transform(this.delta, change, true);
    this.delta = transform(change, this.delta, false);
    return forYText;
  }

  /** The editor holds something Y.Text must not (e.g. a CR): fix the editor first. */
  fixEditorFirst(fix: Delta): void {
    this.delta = compose(fix, this.delta);
  }

  /** Takes everything to send it; what arrives meanwhile is relative to the text we asked for. */
  takeAll(): Delta {
    const taken = this.delta;
    this.delta = IDENTITY;
    return taken;
  }

  /** A sent delta the editor did not apply is owed again, before what arrived meanwhile. */
  giveBack(sent: Delta): void {
    this.delta = compose(sent, this.delta);
  }
}
