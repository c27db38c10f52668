// Reading Yjs' v2 update encoding without slowing down every Yjs document in the process.
//
// Yjs' v2 decoder reads clocks and lengths through lib0's run-length decoders. Once V8 has
// optimised those for a client id of 2^31 or more (half of all client ids), and for their
// `Math.floor(diff / 2)` and `sign * num`, they return doubles even for small whole numbers. Once
// one such double is stored in an ID's `clock`, V8 changes the field's representation for every
// ID in the process: from then on each ID, including those made by v1 updates and by typing,
// holds its clock in a separate 16-byte heap number. Measured on 250 copies of a 20 KB plan: 226 MB of
// heap instead of 194, and more garbage for every keystroke applied. Whole numbers below 2^30
// passed through `| 0` are small integers to V8, so Yjs' objects stay as v1 leaves them.
//
// What this does not reach: Yjs decodes v2 with its own decoder inside, where a document holds
// updates waiting for missing ones (pending structs or deletes: merging them, retrying them, and
// encoding such a document). That happens after out-of-order delivery, which y-websocket's
// in-order socket makes rare; patching Yjs or lib0 themselves would cover it too.
import * as Y from 'yjs';

/** 2^30: below it `| 0` keeps the value and V8 stores the result as a small integer. */
const SMALL_INTEGER_LIMIT = 0x40000000;

function small(n: number): number {
  return n >= 0 && n < SMALL_INTEGER_LIMIT ? n | 0 : n;
}

/** Yjs' UpdateDecoderV2 whose numbers are small integers where they fit. */
export class UpdateDecoderV2 extends Y.UpdateDecoderV2 {
  override readLeftID(): Y.ID {
    // The client first: Yjs' own readLeftID reads the two columns in this order.
    const client = this.readClient();
    return Y.createID(client, small(this.leftClockDecoder.read()));
  }

  override readRightID(): Y.ID {
    const client = this.readClient();
    return Y.createID(client, small(this.rightClockDecoder.read()));
  }

  override readClient(): number {
    return small(super.readClient());
  }

  override readLen(): number {
    return small(super.readLen());
  }

  override readTypeRef(): number {
    return small(super.readTypeRef());
  }

  override readDsClock(): number {
    return small(super.readDsClock());
  }

  override readDsLen(): number {
    return small(super.readDsLen());
  }
}

/** `Y.applyUpdateV2` with the decoder above. */
export function applyUpdateV2(doc: Y.Doc, update: Uint8Array, origin?: unknown): void {
  Y.applyUpdateV2(doc, update, origin, UpdateDecoderV2);
}

/** An empty state vector (no clients): a diff against it keeps everything. */
const EVERYTHING = new Uint8Array([0]);

/**
 * `Y.convertUpdateFormatV2ToV1` with the decoder above, for an update made by
 * `Y.encodeStateAsUpdateV2`. Against an empty state vector the diff writes every struct whole;
 * the one difference, a Skip at the start of a client's run being dropped, does not arise there:
 * such an update has Skips only between a client's known structs and its pending ones (when the
 * document waits for missing updates), never first.
 */
export function convertUpdateV2ToV1(update: Uint8Array): Uint8Array {
  return Y.diffUpdateV2(update, EVERYTHING, UpdateDecoderV2, Y.UpdateEncoderV1);
}
