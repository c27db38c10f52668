// The server's answer to a client's sync step 1 (everything the client lacks) in Yjs' v2 update
// encoding instead of v1, for clients that ask for it. v2 stores each field of every struct in a
// column of its own (run-length encoded), which compresses far better than v1's struct-by-struct
// layout: a plan with 100,000 edits of history arrives in 60 KB instead of 89 KB after
// permessage-deflate, and a 20 KB plan in 17 KB instead of 23 KB. That is what a teacher pays the
// first time she opens each plan of her cluster, and again after a long time offline.
//
// It is an extension of the stock y-websocket protocol, not a change to it: a client asks with a
// URL parameter when it connects (COMPACT_SYNC_PARAMS, which y-websocket's `params` option puts
// in the URL), and the answer comes as a message type of its own that y-websocket lets a
// provider handle (`messageHandlers`). A client that does not ask, such as the stock y-websocket
// client, gets the usual v1 sync step 2, and so does one that asks when the answer is small.
// Everything else (updates, awareness, what the client sends) stays v1.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyUpdateV2, convertUpdateV2ToV1 } from './updateDecoderV2';

/** Far above y-websocket's own message types (0–3), so a future one does not collide with it. */
export const MESSAGE_SYNC_STEP2_V2 = 100;

/** The URL parameter a client sends to ask for it; merge into the provider's `params`. */
export const COMPACT_SYNC_PARAM = 'sync';
export const COMPACT_SYNC_VALUE = 'v2';
export const COMPACT_SYNC_PARAMS: Readonly<Record<string, string>> = {
  [COMPACT_SYNC_PARAM]: COMPACT_SYNC_VALUE,
};

/** The server's side: whether a connection's URL parameters ask for the v2 answer. */
export function asksForCompactSync(params: { get(name: string): string | null }): boolean {
  return params.get(COMPACT_SYNC_PARAM) === COMPACT_SYNC_VALUE;
}

/**
 * Below this size a v2 update saves nothing: its column headers cost about 11 bytes (a client
 * that already has everything gets 13 bytes instead of 2), and v1 is what the client's code has
 * already run, so it applies faster.
 */
export const COMPACT_FROM_BYTES = 1024;

/**
 * The server's side: what `doc` has beyond `stateVector`, as our v2 message when that is
 * COMPACT_FROM_BYTES or more, else as a v1 update (for the stock sync step 2). The small v1 one is
 * converted from the v2 bytes rather than encoded again: encoding walks the whole document's
 * delete set, and an empty answer (every reconnect) would pay that twice.
 */
export function encodeCompactAnswer(
  doc: Y.Doc,
  stateVector: Uint8Array,
): { readonly v2Message: Uint8Array } | { readonly v1Update: Uint8Array } {
  const update = Y.encodeStateAsUpdateV2(doc, stateVector);
  if (update.length < COMPACT_FROM_BYTES) return { v1Update: convertUpdateV2ToV1(update) };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC_STEP2_V2);
  encoding.writeVarUint8Array(encoder, update);
  return { v2Message: encoding.toUint8Array(encoder) };
}

/**
 * The client's side: lets `provider` read the v2 answer as y-websocket reads a sync step 2
 * (applied with the provider as the transaction's origin, then `synced`; `onError` hears of an
 * update that could not be applied, as y-protocols logs it). Call it right after
 * constructing the provider with COMPACT_SYNC_PARAMS in its `params`, before its socket opens.
 */
export function acceptCompactSync(provider: WebsocketProvider, onError: (error: unknown) => void): void {
  provider.messageHandlers[MESSAGE_SYNC_STEP2_V2] = (_encoder, decoder, from, emitSynced) => {
    // As y-protocols' readSyncStep2: an error (a bad update, or an observer of the document that
    // throws) is reported, not thrown, or it would stop the socket from reading further messages.
    try {
      applyUpdateV2(from.doc, decoding.readVarUint8Array(decoder), from);
    } catch (error) {
      onError(error);
    }
    if (emitSynced && !from.synced) from.synced = true;
  };
}
