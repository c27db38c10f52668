// The y-websocket wire format, read defensively. A frame is decoded completely and checked
// before anything touches a document, so a frame we reject has changed nothing.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type ClientMessage =
  | { readonly type: 'sync-step1'; readonly stateVector: Uint8Array }
  /** Step 2 and plain updates carry the same thing: a Yjs update to apply. */
  | { readonly type: 'update'; readonly update: Uint8Array; readonly empty: boolean }
  | { readonly type: 'awareness'; readonly update: Uint8Array }
  | { readonly type: 'auth' }
  | { readonly type: 'query-awareness' };

export class ProtocolError extends Error {}

export function parseClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = readVarUint(decoder, 'message type');
  let message: ClientMessage;
  switch (type) {
    case MessageType.sync:
      message = parseSync(decoder);
      break;
    case MessageType.awareness:
      message = { type: 'awareness', update: readBytes(decoder, 'awareness update') };
      break;
    case MessageType.auth:
      // Clients have nothing to say in the auth protocol; read it to check the frame and ignore it.
      readVarUint(decoder, 'auth message type');
      readBytes(decoder, 'auth reason');
      message = { type: 'auth' };
      break;
    case MessageType.queryAwareness:
      message = { type: 'query-awareness' };
      break;
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
  return message;
}

function parseSync(decoder: decoding.Decoder): ClientMessage {
  const syncType = readVarUint(decoder, 'sync message type');
  switch (syncType) {
    case SyncType.step1: {
      const stateVector = readBytes(decoder, 'state vector');
      try {
        Y.decodeStateVector(stateVector);
      } catch {
        throw new ProtocolError('malformed state vector');
      }
      return { type: 'sync-step1', stateVector };
    }
    case SyncType.step2:
    case SyncType.update: {
      const update = readBytes(decoder, 'update');
      return { type: 'update', update, empty: checkUpdate(update) };
    }
    default:
      throw new ProtocolError(`unknown sync message type ${syncType}`);
  }
}

/** Decodes the whole update (structs and delete set); returns whether it carries nothing. */
function checkUpdate(update: Uint8Array): boolean {
  let decoded: { structs: unknown[]; ds: { clients: Map<number, unknown[]> } };
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new ProtocolError('malformed Yjs update');
  }
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

function readVarUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw new ProtocolError(`truncated or oversized ${what}`);
  }
}

function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  const length = readVarUint(decoder, `${what} length`);
  if (length > decoder.arr.length - decoder.pos) throw new ProtocolError(`${what} is longer than the frame`);
  return decoding.readUint8Array(decoder, length);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encodeSync(SyncType.step1, Y.encodeStateVector(doc));
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeSyncStep2Of(Y.encodeStateAsUpdate(doc, stateVector));
}

/** A sync step 2 carrying an update already encoded (v1). */
export function encodeSyncStep2Of(update: Uint8Array): Uint8Array {
  return encodeSync(SyncType.step2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncType.update, update);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
