import * as Y from 'yjs';
import { planText } from '../plan/planDoc';
import type { Anchor } from './types';

// Feedback is anchored to a range of the plan's text by two Y.RelativePositions, so the range
// follows the text through everyone's edits, on every replica alike:
// - start names the first anchored character, with assoc >= 0: it resolves to the gap just
//   before that character, so text typed just before the range stays outside it;
// - end names the last anchored character, with assoc -1: it resolves to the gap just after
//   that character, so text typed just after the range stays outside it.
// Text inserted between the first and last anchored characters lies between them in the
// document's item order and so is inside the range.

export function anchorFor(text: Y.Text, start: number, end: number): Anchor {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length))
    throw new RangeError(`an anchor needs 0 <= start < end <= ${text.length}, not ${start}..${end}`);
  return {
    start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, start, 0)),
    end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, end, -1)),
  };
}

export type ResolvedAnchor =
  | { readonly state: 'current'; readonly start: number; readonly end: number }
  /** All the anchored text is gone; `at` is where it was. */
  | { readonly state: 'outdated'; readonly at: number }
  /** The plan replica does not have the anchored text yet (not synced): not outdated! */
  | { readonly state: 'unknown' };

const UNKNOWN: ResolvedAnchor = { state: 'unknown' };

/**
 * Where the anchored text is now in this replica of the plan.
 *
 * Outdated ⇔ the resolved range is empty. A deleted start character resolves to the place
 * just after the last visible character before it, a deleted end character to the same kind
 * of place; whatever still stands between them (original characters or text inserted among
 * them) is inside. So the range is empty exactly when every character from the first to the
 * last anchored one, in document order, is deleted: the feedback no longer has text to point
 * at, and the teacher should see it as "about text that changed" rather than pinned to a
 * neighbour. We do not compare the quote with the text: rewording a single word in the range
 * leaves the thread current, which is what a reader of the feedback expects.
 *
 * `unknown` when this replica has not received the anchored characters (yjs returns null for
 * an item beyond the replica's state), when they belong to another type, or when the anchor
 * bytes are unreadable: we cannot tell, and must not call it outdated.
 */
export function resolveAnchor(planDoc: Y.Doc, anchor: Anchor): ResolvedAnchor {
  const text = planText(planDoc);
  const start = absolute(planDoc, text, anchor.start);
  const end = absolute(planDoc, text, anchor.end);
  if (start === null || end === null) return UNKNOWN;
  if (end <= start) return { state: 'outdated', at: start };
  return { state: 'current', start, end };
}

function absolute(doc: Y.Doc, text: Y.Text, encoded: Uint8Array): number | null {
  let position: Y.AbsolutePosition | null;
  try {
    if (!(encoded instanceof Uint8Array) || encoded.length === 0) return null;
    const relative = Y.decodeRelativePosition(encoded);
    // An anchor always names a character; one naming only a type is not ours.
    if (relative.item === null) return null;
    position = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  } catch {
    return null;
  }
  if (position === null || position.type !== text) return null;
  return position.index;
}
