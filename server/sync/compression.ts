// permessage-deflate for metered connections: every message compressed, keystrokes included.
//
// With context takeover a message may refer to the bytes of the messages before it on the same
// connection, and a keystroke's update repeats the client id and clock of the one before: it
// shrinks from about 32 bytes to 12. ws does this with a zlib stream per connection, run on
// libuv's thread pool: every message becomes a round trip between threads, queued behind
// ws' limit of 10 at a time across the whole server (with 1,000 clients some keystrokes took
// seconds), and each stream holds about 30 KB even with a small window.
//
// Here each message is compressed on its own, on the event loop, with the last HISTORY_BYTES the
// client has already decompressed as the preset dictionary: the client's decompressor holds those
// very bytes in its window, so the output is the same kind of stream a long-lived compressor would
// make, and the connection keeps only those bytes between messages. What a client sends is
// decompressed the same way, with the client's whole window (2 KB from the desktop extension,
// 32 KB from a browser) kept as the dictionary.
import { deflateRaw, deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import type { PerMessageDeflateOptions, WebSocket } from 'ws';

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

type Done = (error: Error | null, result?: Buffer) => void;

interface DeflateExtension {
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

/**
 * Replaces ws' compressor and decompressor for this connection (ws 8's PerMessageDeflate#compress
 * and #decompress, which its Sender and Receiver call one at a time per connection, in order).
 * No-op if compression was not agreed. `maxPayload`: the largest message we accept, decompressed.
 */
export function compressOnTheEventLoop(ws: WebSocket, maxPayload: number): void {
  const extensions = (ws as unknown as { _extensions?: Record<string, DeflateExtension | undefined> })
    ._extensions;
  const extension = extensions?.['permessage-deflate'];
  if (extension === undefined) return;
  extension.compress = compressor(ws, extension);
  extension.decompress = decompressor(ws, extension, maxPayload);
}

function compressor(ws: WebSocket, extension: DeflateExtension): DeflateExtension['compress'] {
  const windowBits = extension.params.server_max_window_bits ?? 15;
  const takeover = extension.params.server_no_context_takeover !== true;
  let history: Buffer = Buffer.alloc(0);

  return (data, fin, callback) => {
    const input = typeof data === 'string' ? Buffer.from(data) : data;
    const options = {
      windowBits,
      memLevel: input.length >= LARGE_BYTES ? MEM_LEVEL_LARGE : MEM_LEVEL_SMALL,
      finishFlush: zlib.Z_SYNC_FLUSH,
      ...(history.length > 0 ? { dictionary: history } : {}),
    };
    if (takeover) history = lastBytes(history, input, HISTORY_BYTES);
    const done: Done = (error, output) => {
      // ws' Sender has no error path here; a compressor that fails has run out of memory.
      if (error !== null || output === undefined) {
        ws.terminate();
        return;
      }
      callback(null, fin ? output.subarray(0, output.length - TRAILER_BYTES) : output);
    };
    if (input.length >= LARGE_BYTES) {
      deflateRaw(input, options, done);
      return;
    }
    let output: Buffer;
    try {
      output = deflateRawSync(input, options);
    } catch (error) {
      done(error as Error);
      return;
    }
    done(null, output);
  };
}

function decompressor(
  ws: WebSocket,
  extension: DeflateExtension,
  maxPayload: number,
): DeflateExtension['decompress'] {
  const bits = extension.params.client_max_window_bits;
  const windowBits = typeof bits === 'number' ? bits : 15;
  const takeover = extension.params.client_no_context_takeover !== true;
  let window: Buffer = EMPTY;
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
      output = inflateRawSync(input, {
        windowBits,
        finishFlush: zlib.Z_SYNC_FLUSH,
        ...(maxPayload > 0 ? { maxOutputLength: maxPayload } : {}),
        ...(window.length > 0 ? { dictionary: window } : {}),
      });
    } catch (error) {
      const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      // 1009 becomes our 4413 (syncGateway); either way the connection ends here. ws' Receiver
      // must still hear back: a Receiver left waiting never finishes, and ws then never emits
      // 'close' for the connection (the server's shutdown waited for it forever).
      ws.close(tooLarge ? 1009 : 1007, tooLarge ? 'message too large' : 'message could not be decompressed');
      queueMicrotask(() => callback(error as Error));
      return;
    }
    if (takeover) window = lastBytes(window, output, 1 << windowBits);
    queueMicrotask(() => callback(null, output));
  };
}

function lastBytes(history: Buffer, next: Buffer, limit: number): Buffer {
  if (next.length >= limit) return Buffer.from(next.subarray(next.length - limit));
  const keep = Math.min(history.length, limit - next.length);
  return Buffer.concat([history.subarray(history.length - keep), next]);
}
