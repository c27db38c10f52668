// permessage-deflate at the client's end (the desktop extension's WebSocket): one deflate and one
// inflate stream for the connection's lifetime, written to synchronously on the event loop
// (KeptZlib), instead of ws' zlib streams on libuv's thread pool.
//
// A client has one connection per open document, so a stream's memory (about 40 KB to deflate
// with a 2 KB window, 40 KB to inflate with the server's 32 KB one) is no concern here, and with
// context takeover a kept stream is exactly what the protocol describes: each message refers to
// the ones before it, and nothing has to be set up again per message. A keystroke from a
// colleague inflates in about 1 µs, against 7 µs for a fresh zlib stream with the history as its
// dictionary (what the server does per message: server/sync/compression.ts, where a stream per
// connection would cost memory a thousand times over) and several thread round trips in ws.
import type { WebSocket } from 'ws';
import { type DeflateExtension, deflateExtension, direction, readMessages } from './compression';
import { KeptZlib } from './keptZlib';

/**
 * zlib's memory for the deflate stream: 2^(6 + 7) hash entries and 2^(6 + 6)-symbol blocks, about
 * 40 KB with the 2 KB window, where zlib's default (8) takes 136 KB. A keystroke finds its matches
 * all the same; an upload of a large plan compresses about as well.
 */
const MEM_LEVEL = 6;
/** A sync flush ends with 00 00 ff ff; permessage-deflate leaves it out (RFC 7692, 7.2.1). */
const TRAILER_BYTES = 4;

/**
 * Replaces ws' compressor and decompressor for this client connection; call it in the first
 * 'open' listener (ws emits 'open' once the extension is agreed and before it reads a message).
 * `maxPayload`: the largest message accepted, decompressed. Returns false, leaving ws' own in
 * place, when compression was not agreed or Node's zlib is not as KeptZlib expects.
 */
export function compressWithKeptStreams(ws: WebSocket, maxPayload: number): boolean {
  const extension = deflateExtension(ws);
  if (extension === undefined) return false;
  const up = direction(extension, 'client');
  const down = direction(extension, 'server');
  const deflate = KeptZlib.deflate(up.windowBits, MEM_LEVEL);
  const inflate = KeptZlib.inflate(down.windowBits);
  if (deflate === undefined || inflate === undefined) {
    deflate?.close();
    inflate?.close();
    return false;
  }
  ws.once('close', () => {
    deflate.close();
    inflate.close();
  });
  extension.compress = compressor(ws, deflate, up.takeover);
  extension.decompress = readMessages(ws, decompressor(inflate, down.takeover, maxPayload));
  return true;
}

function compressor(ws: WebSocket, deflate: KeptZlib, takeover: boolean): DeflateExtension['compress'] {
  return (data, fin, callback) => {
    let output: Buffer;
    try {
      output = deflate.write(typeof data === 'string' ? Buffer.from(data) : data);
    } catch (error) {
      // A compressor that fails has run out of memory: end the connection. With its socket
      // destroyed, ws' Sender fails this send's callbacks instead of sending.
      ws.terminate();
      callback(error as Error);
      return;
    }
    if (fin && !takeover) deflate.reset();
    // ws' Sender masks the output in place: it is ours alone (KeptZlib copies it out).
    callback(null, fin ? output.subarray(0, output.length - TRAILER_BYTES) : output);
  };
}

function decompressor(inflate: KeptZlib, takeover: boolean, maxPayload: number) {
  return (compressed: Buffer): Buffer => {
    // After an error the stream is unusable; readMessages closes the connection.
    const output = inflate.write(compressed, maxPayload > 0 ? maxPayload : undefined);
    if (!takeover) inflate.reset();
    return output;
  };
}
