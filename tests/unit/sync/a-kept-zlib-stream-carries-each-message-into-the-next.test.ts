import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KeptZlib } from '../../../server/sync/keptZlib';

// The desktop extension keeps one zlib stream each way for a connection and writes to it
// synchronously (server/sync/keptZlib.ts), so each message refers back to the ones before it
// (permessage-deflate's context takeover). What one stream writes, the other must read, message
// by message, whatever the size (several output chunks for large ones); bad data, an oversized
// message and a peer that ends its stream must each give a clear outcome, never wrong bytes.

const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);

function keystrokes(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) =>
    Buffer.from([0, 0, 12, 1, 0xb5, 0x9e, 0xc3, 0x7d, i & 0x7f, 0, 4, 1, 98 + (i % 20)]),
  );
}

function deflater(windowBits = 11): KeptZlib {
  const stream = KeptZlib.deflate(windowBits, 8);
  if (stream === undefined) throw new Error('KeptZlib is not available in this Node');
  return stream;
}

function inflater(windowBits = 15): KeptZlib {
  const stream = KeptZlib.inflate(windowBits);
  if (stream === undefined) throw new Error('KeptZlib is not available in this Node');
  return stream;
}

describe('a kept zlib stream', () => {
  it('compresses each keystroke against the ones before it, and its peer reads every one', () => {
    const deflate = deflater();
    const inflate = inflater();
    const sizes: number[] = [];
    for (const message of keystrokes(200)) {
      const compressed = deflate.write(message);
      expect(compressed.subarray(-4).equals(TRAILER)).toBe(true);
      sizes.push(compressed.length - TRAILER.length);
      expect(inflate.write(compressed).equals(message)).toBe(true);
    }
    // Alone, a keystroke compresses to about its own size; with the ones before it, to much less.
    const alone = deflateRawSync(keystrokes(1)[0] as Buffer, { finishFlush: zlib.Z_SYNC_FLUSH }).length - 4;
    const later = sizes.slice(10);
    expect(Math.max(...later)).toBeLessThan(alone);
    expect(later.reduce((sum, size) => sum + size, 0) / later.length).toBeLessThan(alone * 0.6);
  });

  it('reads a stream written by zlib itself, message by message, with messages larger than its buffer', () => {
    // What a browser or ws' own deflate stream sends: one stream, a sync flush after each message.
    const messages = [randomBytes(40_000), Buffer.from('a'.repeat(70_000)), ...keystrokes(20)];
    const inflate = inflater();
    const whole = deflateRawSync(Buffer.concat(messages), { finishFlush: zlib.Z_SYNC_FLUSH });
    expect(inflate.write(whole).equals(Buffer.concat(messages))).toBe(true);

    const deflate = deflater(15);
    const reader = inflater();
    for (const message of messages) expect(reader.write(deflate.write(message)).equals(message)).toBe(true);
  });

  it('refuses output beyond its limit with ERR_BUFFER_TOO_LARGE, and bad data with zlib’s error', () => {
    const big = deflateRawSync(Buffer.alloc(50_000, 7), { finishFlush: zlib.Z_SYNC_FLUSH });
    const limited = inflater();
    expect(() => limited.write(big, 10_000)).toThrow(
      expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }),
    );
    expect(inflater().write(big, 50_000).length).toBe(50_000);

    const broken = inflater();
    expect(() => broken.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00]))).toThrow(
      expect.objectContaining({ code: 'Z_DATA_ERROR' }),
    );
    // The stream is unusable after that: it says so again rather than guess.
    expect(() => broken.write(TRAILER)).toThrow(expect.objectContaining({ code: 'Z_DATA_ERROR' }));
  });

  it('reads a message whose stream ends (a final block), and the next one as a new stream', () => {
    const inflate = inflater();
    const first = deflateRawSync(Buffer.from('first message')); // ends with a final block
    expect(inflate.write(Buffer.concat([first, TRAILER])).toString()).toBe('first message');
    const second = deflateRawSync(Buffer.from('second'), { finishFlush: zlib.Z_SYNC_FLUSH });
    expect(inflate.write(second).toString()).toBe('second');
  });

  it('reads messages of many peers in turn, each after its own history, as a dictionary would', () => {
    // The server's one inflate stream for all connections (server/sync/compression.ts).
    const shared = inflater();
    // A desktop's 2 KB, a browser's whole 32 KB window, and none; messages small and large.
    const peers = [
      randomBytes(2048),
      randomBytes(32_768),
      Buffer.from('fractions '.repeat(100)),
      Buffer.alloc(0),
    ];
    for (let round = 0; round < 3; round++) {
      for (const [i, history] of peers.entries()) {
        const large =
          round === 1 ? Buffer.concat([randomBytes(20_000), history.subarray(0, 5_000)]) : Buffer.alloc(0);
        const message = Buffer.concat([
          history.subarray(-300, -250),
          large,
          Buffer.from(`peer ${i} round ${round}`),
        ]);
        const compressed = deflateRawSync(message, {
          finishFlush: zlib.Z_SYNC_FLUSH,
          ...(history.length > 0 ? { dictionary: history } : {}),
        });
        shared.startAfter(history);
        expect(shared.write(compressed).equals(message)).toBe(true);
      }
    }
    // A reference further back than the history given fails, rather than reading other bytes.
    const history = randomBytes(1000);
    const farBack = deflateRawSync(history.subarray(0, 100), {
      finishFlush: zlib.Z_SYNC_FLUSH,
      dictionary: history,
    });
    shared.startAfter(history.subarray(500));
    expect(() => shared.write(farBack)).toThrow(expect.objectContaining({ code: 'Z_DATA_ERROR' }));
    expect(shared.usable).toBe(false);
  });

  it('forgets the context on reset, as a peer without context takeover expects', () => {
    const deflate = deflater();
    const [a, b] = keystrokes(2) as [Buffer, Buffer];
    deflate.write(a);
    deflate.reset();
    const afterReset = deflate.write(b);
    // Readable on its own, by a fresh inflate with no history.
    expect(inflateRawSync(afterReset, { finishFlush: zlib.Z_SYNC_FLUSH }).equals(b)).toBe(true);
  });

  it('cannot be written after close', () => {
    const deflate = deflater();
    deflate.close();
    deflate.close();
    expect(() => deflate.write(Buffer.from('x'))).toThrow(/closed/);
  });
});
