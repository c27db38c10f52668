// Between Y.Text and the binding's deltas.

import type * as Y from 'yjs';
import { type Delta, DeltaBuilder } from './delta';

/** One character stands in, in the editor, for anything in Y.Text that is not a string (an embed). */
export const EMBED_PLACEHOLDER = '\uFFFC';

type YDeltaOp = Y.YTextEvent['delta'][number];

/** Y.Text's event delta (relative to the text before the transaction) as a binding delta. */
export function fromYDelta(ops: readonly YDeltaOp[]): { delta: Delta; hadEmbed: boolean } {
  const out = new DeltaBuilder();
  let hadEmbed = false;
  for (const op of ops) {
    if (op.retain !== undefined) out.retain(op.retain);
    else if (op.delete !== undefined) out.delete(op.delete);
    else if (typeof op.insert === 'string') out.insert(op.insert);
    else if (op.insert !== undefined) {
      // An embed has length one in Y.Text; a placeholder keeps the offsets aligned.
      hadEmbed = true;
      out.insert(EMBED_PLACEHOLDER);
    }
  }
  return { delta: out.build(), hadEmbed };
}

/**
 * Applies a delta to Y.Text with plain insert/delete calls. (Y.Text.applyDelta would, by
 * default, "sanitize" a trailing newline inserted at the end of the text: a lost character.)
 */
export function applyToYText(ytext: Y.Text, delta: Delta): void {
  let index = 0;
  for (const op of delta) {
    if ('retain' in op) index += op.retain;
    else if ('delete' in op) ytext.delete(index, op.delete);
    else {
      ytext.insert(index, op.insert);
      index += op.insert.length;
    }
  }
}
