import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateOptions } from '../../../server/sync/compression';

// The server compresses a message smaller than 16 KB with the smallest window that reaches back
// over the message and its dictionary (server/sync/compression.ts), to spare zlib's allocation of
// a 32 KB window for every keystroke. The bytes must be those the agreed window gives, and the
// peer, which inflates with the agreed window, must read the message.

const TRAILER_BYTES = 4;

function compress(message: Buffer, dictionary: Buffer, windowBits?: number): Buffer {
  const options = deflateOptions(15, message.length, dictionary);
  const output = deflateRawSync(message, windowBits === undefined ? options : { ...options, windowBits });
  return output.subarray(0, output.length - TRAILER_BYTES);
}

function inflate(compressed: Buffer, dictionary: Buffer): Buffer {
  const input = Buffer.concat([compressed, Buffer.from([0, 0, 0xff, 0xff])]);
  return inflateRawSync(input, { windowBits: 15, finishFlush: zlib.Z_SYNC_FLUSH, dictionary });
}

describe('a small message', () => {
  it('uses a window of 2 KB for a keystroke after 1 KB of history, and the agreed one when large', () => {
    const history = randomBytes(1024);
    expect(deflateOptions(15, 14, history).windowBits).toBe(11);
    expect(deflateOptions(15, 14, Buffer.alloc(0)).windowBits).toBe(9);
    expect(deflateOptions(10, 4000, history).windowBits).toBe(10);
    expect(deflateOptions(15, 16 * 1024, history).windowBits).toBe(15);
  });

  it('compresses to the bytes of the agreed window, even where it repeats the start of its dictionary', () => {
    const dictionary = Buffer.concat([
      Buffer.from('# Fractions, week 3: halves and quarters\n'),
      randomBytes(983),
    ]);
    // Text that compresses (random bytes would go out stored, matches or not), and no match for the heading.
    const filler = (n: number) =>
      Buffer.from(Array.from({ length: n }, (_, i) => 'tuvwxyz'[(i * 7 + (i >> 3)) % 7]).join(''));
    const sizes = [40, 64, 200, 700, 760, 800, 850, 900, 1000, 1800, 3000, 3900, 7000, 15_000, 16 * 1024 - 1];
    for (const size of sizes) {
      // Its last bytes repeat the dictionary's first: the farthest a match can reach.
      const head = dictionary.subarray(0, 40);
      const message = Buffer.concat([filler(size - head.length), head]);
      const small = compress(message, dictionary);
      expect(small.length, `${size} bytes`).toBeLessThan(size);
      expect(small.equals(compress(message, dictionary, 15)), `${size} bytes`).toBe(true);
      expect(inflate(small, dictionary).equals(message), `${size} bytes`).toBe(true);
    }
  });
});
