// permessage-deflate for metered connections: every message compressed, keystrokes included.
// This is the server's end; the desktop extension's is clientCompression.ts.
//
// With context takeover a message may refer to the bytes of the messages before it on the same
// connection, and a keystroke's update repeats the client id and clock of the one before: it
// shrinks from about 32 bytes to 12. ws does this with a zlib stream per connection, run on
// libuv's thread pool: every message becomes several round trips between threads, queued behind
// ws' limit of 10 at a time per process (with 1,000 clients some keystrokes took seconds), and
// each stream holds about 30 KB even with a small window.
//
// Here each message is compressed on its own, on the event loop, with the last HISTORY_BYTES the
// peer has already decompressed as the preset dictionary: the peer's decompressor holds those
// very bytes in its window, so the output is the same kind of stream a long-lived compressor would
// make, and the connection keeps only those bytes between messages (about 7 µs a keystroke, in a
// window only as large as the message and its dictionary need: deflateOptions). What the peer
// sends is decompressed after the peer's whole window (2 KB from the desktop extension, 32 KB
// from a browser), which the connection keeps: by one zlib stream for the whole process, given
// each connection's window before its message (inflateAfter; about 1 µs a keystroke). Readers of a
// room with the same recent history get one compression between them (LastMessage).
import { deflateRaw, deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import type { PerMessageDeflateOptions, WebSocket } from 'ws';
import { KeptZlib } from './keptZlib';

/**
 * Negotiation: ws' defaults, i.e. context takeover both ways and 32 KB windows. A compressor
 * here holds nothing between messages, so the window costs the server no memory, and an initial
 * sync compresses 9% better than with a 4 KB one. The client picks its own window: a numeric
 * clientMaxWindowBits would refuse browsers that do not offer that parameter (Firefox).
 */
export const SYNC_COMPRESSION: PerMessageDeflateOptions = {};

/** Keystrokes find what they repeat within the last few messages; 1 KB gives 11.8 B, 4 KB 11.6 B. */
const HISTORY_BYTES = 1024;

/** Larger messages (initial syncs, pastes) are compressed on the thread pool instead. */
const LARGE_BYTES = 16 * 1024;
/** zlib's memory for one call: small for keystrokes, the default for large messages. */
const MEM_LEVEL_SMALL = 4;
const MEM_LEVEL_LARGE = 8;
/** A sync flush ends with 00 00 ff ff; permessage-deflate leaves it out (RFC 7692, 7.2.1). */
const TRAILER_BYTES = 4;
/**
 * zlib's output buffer per call (Node's default is 16 KB, a fresh allocation every message):
 * small ones come from Node's buffer pool, so a keystroke leaves little for the collector.
 */
const CHUNK_MIN_BYTES = 1024;
const CHUNK_MAX_BYTES = 64 * 1024;

type Done = (error: Error | null, result?: Buffer) => void;

export interface DeflateExtension {
  readonly params: {
    server_max_window_bits?: number;
    server_no_context_takeover?: boolean;
    client_max_window_bits?: number | true;
    client_no_context_takeover?: boolean;
  };
  compress(data: Buffer | string, fin: boolean, callback: Done): void;
  decompress(data: Buffer, fin: boolean, callback: Done): void;
}

const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);
const EMPTY = Buffer.alloc(0);

/** Which end of the connection sends: the parameters name each direction by its sender. */
export type End = 'server' | 'client';

/**
 * The connection's permessage-deflate extension, whose `compress` and `decompress` ws 8's Sender
 * and Receiver call one at a time per connection, in order; undefined if it was not agreed.
 */
export function deflateExtension(ws: WebSocket): DeflateExtension | undefined {
  const extensions = (ws as unknown as { _extensions?: Record<string, DeflateExtension | undefined> })
    ._extensions;
  return extensions?.['permessage-deflate'];
}

/**
 * The server's end: replaces ws' compressor and decompressor for this connection. Call it when
 * the connection is accepted, before the first message is read or sent. No-op if compression was
 * not agreed. `maxPayload`: the largest message we accept, decompressed (0: no limit).
 */
export function compressOnTheEventLoop(ws: WebSocket, maxPayload: number): void {
  const extension = deflateExtension(ws);
  if (extension === undefined) return;
  extension.compress = compressor(ws, direction(extension, 'server'));
  extension.decompress = decompressor(ws, direction(extension, 'client'), maxPayload);
}

export interface Direction {
  readonly windowBits: number;
  readonly takeover: boolean;
}

/** The window and context takeover agreed for what `sender` sends. */
export function direction(extension: DeflateExtension, sender: End): Direction {
  const { params } = extension;
  const bits = sender === 'server' ? params.server_max_window_bits : params.client_max_window_bits;
  const noTakeover =
    sender === 'server' ? params.server_no_context_takeover : params.client_no_context_takeover;
  return { windowBits: typeof bits === 'number' ? bits : 15, takeover: noTakeover !== true };
}

function compressor(ws: WebSocket, { windowBits, takeover }: Direction): DeflateExtension['compress'] {
  const history = new RecentBytes(Math.min(HISTORY_BYTES, 1 << windowBits));
  // A server's output is never masked, so several connections may send the same Buffer (a
  // client's is masked in place: never shared, should this ever run at a client's end).
  const shareable = takeover && (ws as unknown as { _isServer?: boolean })._isServer === true;

  return (data, fin, callback) => {
    const input = typeof data === 'string' ? Buffer.from(data) : data;
    if (shareable && fin && input.length < LARGE_BYTES) {
      const shared = lastMessage.find(input, windowBits, history.view());
      if (shared !== undefined) {
        counts.reused += 1;
        history.push(input);
        callback(null, shared);
        return;
      }
    }
    const options = deflateOptions(windowBits, input.length, history.view());
    counts.deflated += 1;
    const done: Done = (error, output) => {
      // A compressor that fails has run out of memory: end the connection. With its socket
      // destroyed, ws' Sender fails this send's callbacks instead of sending.
      if (error !== null || output === undefined) {
        ws.terminate();
        callback(error ?? new Error('compression gave no output'));
        return;
      }
      callback(null, fin ? output.subarray(0, output.length - TRAILER_BYTES) : output);
    };
    // zlib copies the dictionary when the call starts; only then may the history move on.
    if (input.length >= LARGE_BYTES) {
      deflateRaw(input, options, done);
      if (takeover) history.push(input);
      return;
    }
    let output: Buffer;
    try {
      output = deflateRawSync(input, options);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (shareable && fin) lastMessage.remember(input, windowBits, history.view(), output);
    if (takeover) history.push(input);
    done(null, output);
  };
}

/**
 * The message this process compressed last, once for each history it was compressed against.
 *
 * A room sends each update to every other connection one after the other, and connections that
 * received the same messages lately (everyone but the typist, while one teacher types) hold the
 * same history: deflate is deterministic, so the same message against the same dictionary with
 * the same window gives the same bytes, and one compression serves them all. Readers whose
 * history differs (one who joined lately, or moved a cursor the others heard of) or who asked
 * for another window get their own, and the rest still share. Compared by content, never by
 * identity: a Uint8Array's memory may be reused for other bytes.
 */
class LastMessage {
  private input: Buffer = EMPTY;
  private compressed: Array<{ windowBits: number; dictionary: Buffer; output: Buffer }> = [];

  constructor(private readonly maxHistories: number) {}

  /** The output without the trailer, if `input` is the last message and was compressed so. */
  find(input: Buffer, windowBits: number, dictionary: Buffer): Buffer | undefined {
    if (this.compressed.length === 0 || !input.equals(this.input)) return undefined;
    for (const entry of this.compressed)
      if (entry.windowBits === windowBits && entry.dictionary.equals(dictionary)) return entry.output;
    return undefined;
  }

  remember(input: Buffer, windowBits: number, dictionary: Buffer, output: Buffer): void {
    // Copies: `input` belongs to the caller, and `dictionary` moves on with the next message.
    if (!input.equals(this.input)) {
      this.input = Buffer.from(input);
      this.compressed = [];
    }
    if (this.compressed.length >= this.maxHistories) return;
    const trimmed = output.subarray(0, output.length - TRAILER_BYTES);
    this.compressed.push({ windowBits, dictionary: Buffer.from(dictionary), output: trimmed });
  }
}

const lastMessage = new LastMessage(16);
const counts = { deflated: 0, reused: 0 };

/** Messages this process compressed, and messages sent with bytes compressed for another connection (/metrics). */
export function compressionCounts(): Readonly<typeof counts> {
  return counts;
}

function decompressor(
  ws: WebSocket,
  { windowBits, takeover }: Direction,
  maxPayload: number,
): DeflateExtension['decompress'] {
  // What the peer's messages may refer to: its whole window.
  const window = new RecentBytes(1 << windowBits);
  return readMessages(ws, (compressed) => {
    const output = inflateAfter(window.view(), compressed, windowBits, maxPayload);
    if (takeover) window.push(output);
    return output;
  });
}

/**
 * A decompressor for ws that collects a message's fragments and hands them, with the trailer,
 * to `inflate`. When that throws (bad data, or ERR_BUFFER_TOO_LARGE for a message over the
 * limit), the connection is closed with 1007 or 1009 (on our server, 1009 becomes 4413:
 * syncGateway).
 */
export function readMessages(
  ws: WebSocket,
  inflate: (compressed: Buffer) => Buffer,
): DeflateExtension['decompress'] {
  let fragments: Buffer[] = [];
  return (data, fin, callback) => {
    fragments.push(data);
    // ws' Receiver must not hear back within this call (it would read on twice): answer after it.
    if (!fin) {
      queueMicrotask(() => callback(null, EMPTY));
      return;
    }
    const input = Buffer.concat([...fragments, TRAILER]);
    fragments = [];
    let output: Buffer;
    try {
      output = inflate(input);
    } catch (error) {
      const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      // Either way the connection ends here. ws' Receiver must still hear back: a Receiver left
      // waiting never finishes, and ws then never emits 'close' for the connection (the server's
      // shutdown waited for it forever).
      ws.close(tooLarge ? 1009 : 1007, tooLarge ? 'message too large' : 'message could not be decompressed');
      queueMicrotask(() => callback(error as Error));
      return;
    }
    queueMicrotask(() => callback(null, output));
  };
}

/**
 * One inflate stream for the whole process, kept rather than made for every message (about 1 µs
 * for a keystroke instead of 5, and no stream objects left for the collector), and read with
 * each connection's history in front: null where Node's zlib does not allow it (KeptZlib).
 */
let sharedInflate: KeptZlib | null | undefined;

/** For tests: whether messages are inflated by the shared stream (true) or one zlib call each. */
export function useSharedInflate(use: boolean): void {
  sharedInflate?.close();
  sharedInflate = use ? undefined : null;
}

/** `compressed` (ending in the trailer) inflated after `history`, at most `maxPayload` bytes (0: any). */
function inflateAfter(history: Buffer, compressed: Buffer, windowBits: number, maxPayload: number): Buffer {
  if (sharedInflate === undefined) sharedInflate = KeptZlib.inflate(15) ?? null;
  if (sharedInflate === null) {
    return inflateRawSync(compressed, {
      windowBits,
      finishFlush: zlib.Z_SYNC_FLUSH,
      // Keystrokes inflate to a few times their size; larger messages take more calls.
      chunkSize: chunkSizeFor(compressed.length * 4),
      ...(maxPayload > 0 ? { maxOutputLength: maxPayload } : {}),
      ...(history.length > 0 ? { dictionary: history } : {}),
    });
  }
  const inflate = sharedInflate;
  try {
    // A 15-bit window reads whatever window the client agreed; the history is only its own.
    inflate.startAfter(history);
    return inflate.write(compressed, maxPayload > 0 ? maxPayload : undefined);
  } finally {
    // Bad data or a message cut short leave zlib's state unusable: the next message gets a new one.
    if (!inflate.usable) {
      inflate.close();
      sharedInflate = undefined;
    }
  }
}

/**
 * zlib's options for one message of `bytes` with `dictionary` (exported for tests). A small
 * message gets the smallest window that still reaches the start of its dictionary from its own
 * end, so the output is the bytes the agreed window would give: zlib sets up a window of twice
 * that size and its hash chains for every call, 136 KB in all at 15 bits, 16 KB at 11 (a keystroke).
 */
export function deflateOptions(windowBits: number, bytes: number, dictionary: Buffer) {
  return {
    windowBits:
      bytes >= LARGE_BYTES ? windowBits : Math.min(windowBits, reachingBits(dictionary.length + bytes)),
    memLevel: bytes >= LARGE_BYTES ? MEM_LEVEL_LARGE : MEM_LEVEL_SMALL,
    finishFlush: zlib.Z_SYNC_FLUSH,
    chunkSize: chunkSizeFor(bytes),
    ...(dictionary.length > 0 ? { dictionary } : {}),
  };
}

/** zlib's smallest raw window, and how far short of it a match may reach (MIN_LOOKAHEAD in deflate.c). */
const MIN_WINDOW_BITS = 9;
const LOOKAHEAD_BYTES = 262;

/** The fewest window bits whose matches reach `distance` bytes back. */
function reachingBits(distance: number): number {
  let bits = MIN_WINDOW_BITS;
  while (bits < 15 && (1 << bits) - LOOKAHEAD_BYTES < distance) bits += 1;
  return bits;
}

function chunkSizeFor(bytes: number): number {
  return Math.min(CHUNK_MAX_BYTES, Math.max(CHUNK_MIN_BYTES, bytes));
}

/**
 * The last `limit` bytes of a stream, kept in one buffer with some room behind them: a message
 * is appended in place and the kept bytes move to the front only when the room runs out, so a
 * keystroke neither allocates nor copies a whole window (32 KB for a browser). Slow buffers: a
 * connection keeps these for its lifetime and must not pin a shared pool slab.
 */
class RecentBytes {
  private buffer: Buffer = EMPTY;
  private end = 0;
  private readonly capacity: number;

  constructor(private readonly limit: number) {
    this.capacity = limit + Math.max(256, limit >> 3);
  }

  get length(): number {
    return Math.min(this.end, this.limit);
  }

  /** The kept bytes, without copying: valid until the next push. */
  view(): Buffer {
    return this.buffer.subarray(this.end - this.length, this.end);
  }

  push(bytes: Buffer): void {
    if (bytes.length >= this.limit) {
      if (this.buffer.length < this.limit) this.buffer = Buffer.allocUnsafeSlow(this.limit);
      bytes.copy(this.buffer, 0, bytes.length - this.limit);
      this.end = this.limit;
      return;
    }
    if (this.end + bytes.length > this.buffer.length) {
      // Out of room: keep what the window still needs, at the front of this buffer or a larger one.
      const keep = Math.min(this.end, this.limit - bytes.length);
      const target =
        this.buffer.length === this.capacity
          ? this.buffer
          : Buffer.allocUnsafeSlow(
              Math.min(this.capacity, Math.max(256, this.buffer.length * 2, keep + bytes.length)),
            );
      this.buffer.copy(target, 0, this.end - keep, this.end);
      this.buffer = target;
      this.end = keep;
    }
    bytes.copy(this.buffer, this.end);
    this.end += bytes.length;
  }
}
