import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { compressionCounts, compressOnTheEventLoop, deflateOptions } from '../../server/sync/compression';

// The server compresses a message once for every connection whose recent history and window are
// the same as another's (server/sync/compression.ts). Whatever it shares, each connection must
// get exactly the bytes its own compression would have made: a reader with a smaller window, or
// with a history that differs only far back, decodes anything else wrongly or not at all.

/** How far back the server's messages refer (HISTORY_BYTES in compression.ts); the dictionary is that much. */
const HISTORY_BYTES = 1024;
const TRAILER_BYTES = 4;

/** A connection as ws makes it after agreeing on permessage-deflate, with our compressor in. */
function connection(windowBits = 15) {
  const extension = {
    params: windowBits === 15 ? {} : { server_max_window_bits: windowBits },
    compress: (_data: Buffer, _fin: boolean, _done: (error: Error | null, out?: Buffer) => void) => {},
    decompress: () => {},
  };
  const ws = {
    _isServer: true,
    _extensions: { 'permessage-deflate': extension },
    terminate: () => {
      throw new Error('the compressor gave up');
    },
  };
  compressOnTheEventLoop(ws as unknown as WebSocket, 1_000_000);
  let sent = Buffer.alloc(0);
  return {
    /** Compresses `message` for this connection and checks it against its own compression. */
    send(message: Buffer): void {
      let output: Buffer | undefined;
      extension.compress(message, true, (error, result) => {
        if (error !== null) throw error;
        output = result;
      });
      const history = sent.subarray(Math.max(0, sent.length - Math.min(HISTORY_BYTES, 1 << windowBits)));
      const own = deflateRawSync(message, deflateOptions(windowBits, message.length, history));
      expect(output).toEqual(own.subarray(0, own.length - TRAILER_BYTES));
      sent = Buffer.concat([sent, message]);
    },
  };
}

/** A keystroke-sized update: the same client id, the next clock, one letter. */
const keystroke = (i: number) =>
  Buffer.from([0, 2, 22, 1, 1, 0xc7, 0xb4, 0xd2, 0x9c, 0x0b, i & 0x7f, 0x84, 0x61 + (i % 26), 0]);

function counted(run: () => void): { deflated: number; reused: number } {
  const before = { ...compressionCounts() };
  run();
  const after = compressionCounts();
  return { deflated: after.deflated - before.deflated, reused: after.reused - before.reused };
}

describe('a compression shared between connections', () => {
  it('is what each connection would have got, windows and histories told apart', () => {
    const [a, small, b, c] = [connection(), connection(9), connection(), connection()];
    const readers = [a!, small!, b!, c!];
    // Repeats some 1,500 bytes apart: a 15-bit window refers back to them, a 9-bit one cannot.
    const phrase = Buffer.from('Learners add fractions with unlike denominators. '.repeat(2));
    const filler = Buffer.alloc(1_400, 0x2e);
    const paste = Buffer.concat([phrase, filler, phrase, filler, phrase]);

    const first = counted(() => {
      for (const reader of readers) reader.send(paste);
    });
    // Empty histories all round: only the window tells `small` apart.
    expect(first).toEqual({ deflated: 2, reused: 2 });

    const typing = counted(() => {
      for (let i = 0; i < 100; i++) for (const reader of readers) reader.send(keystroke(i));
    });
    expect(typing).toEqual({ deflated: 200, reused: 200 });

    // `c` alone hears of a cursor: its history now differs, at its very end, from a's and b's.
    c!.send(Buffer.from([1, 12, 1, 0xc7, 0xb4, 0xd2, 0x9c, 0x0b, 3, 2, 0x7b, 0x7d]));
    const apart = counted(() => {
      for (let i = 100; i < 110; i++) for (const reader of readers) reader.send(keystroke(i));
    });
    expect(apart).toEqual({ deflated: 30, reused: 10 });
  });

  it('keeps sharing when many groups of readers are interleaved', () => {
    // Five groups of two, each group with a history of its own, sent to in turn: A B C D E A B…
    const groups = Array.from({ length: 5 }, (_, g) => {
      const pair = [connection(), connection()];
      for (const reader of pair) reader.send(Buffer.from(`group ${g} joined`));
      return pair;
    });
    const order = [0, 1].flatMap((k) => groups.map((pair) => pair[k]!));
    const result = counted(() => {
      for (let i = 0; i < 20; i++) for (const reader of order) reader.send(keystroke(i));
    });
    expect(result).toEqual({ deflated: 5 * 20, reused: 5 * 20 });
  });
});
