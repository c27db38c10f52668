// A zlib stream kept for a whole connection and written to synchronously, one message at a time.
//
// Node's zlib offers two ways to run it: a stream, which works on libuv's thread pool (several
// round trips between threads per message, as ws' own permessage-deflate does), and the `*Sync`
// functions, which make a new zlib stream for every call (a Transform stream's worth of objects,
// zlib's own state and its window, set up and thrown away: 7 µs for a keystroke, with garbage).
// Node's own `*Sync` functions drive the stream's native handle with `writeSync`; this does the
// same, without closing the handle after each message, so a keystroke inflates in about 1 µs and
// the stream's window carries the context from one message to the next, as permessage-deflate's
// context takeover means.
//
// `_handle` and `_writeState` are Node's, not public (the 7-argument `writeSync` and the state
// array have been the same from Node 10 to 24): `KeptZlib.inflate` and `.deflate` return
// undefined when they are not as expected, and callers keep their other way.
import { constants, createDeflateRaw, createInflateRaw, type DeflateRaw, type InflateRaw } from 'node:zlib';

interface NativeHandle {
  writeSync(
    flush: number,
    input: Buffer,
    inputOffset: number,
    inputLength: number,
    output: Buffer,
    outputOffset: number,
    outputLength: number,
  ): void;
  reset(): void;
  onerror: (message: string, errno: number, code?: string) => void;
}

/**
 * What one call may write before we take it out: a keystroke's whole output, and a browser's
 * whole 32 KB history fed to the server's inflate stream (startAfter), in one call.
 */
const SCRATCH_BYTES = 64 * 1024;
/** Shared by every stream of the process: each call copies what it wrote out before returning. */
let scratch: Buffer | undefined;
const STORED_HEADER = Buffer.alloc(5);

export class KeptZlib {
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    private readonly stream: InflateRaw | DeflateRaw,
    private readonly handle: NativeHandle,
    private readonly state: Uint32Array,
  ) {
    // Node's own handler destroys the stream and emits 'error' (an uncaught exception without a
    // listener); we need the error here, thrown from the call that failed.
    handle.onerror = (message, errno, code) => {
      this.failure = Object.assign(new Error(message), { errno, code });
    };
  }

  /** A raw inflate stream with the given window, or undefined if Node's internals differ. */
  static inflate(windowBits: number): KeptZlib | undefined {
    return KeptZlib.wrap(createInflateRaw({ windowBits }));
  }

  /** A raw deflate stream with the given window and memory level, or undefined as above. */
  static deflate(windowBits: number, memLevel: number): KeptZlib | undefined {
    return KeptZlib.wrap(createDeflateRaw({ windowBits, memLevel }));
  }

  private static wrap(stream: InflateRaw | DeflateRaw): KeptZlib | undefined {
    const internals = stream as unknown as { _handle?: Partial<NativeHandle>; _writeState?: unknown };
    const handle = internals._handle;
    const state = internals._writeState;
    if (
      typeof handle?.writeSync !== 'function' ||
      typeof handle.reset !== 'function' ||
      !(state instanceof Uint32Array) ||
      state.length < 2
    ) {
      stream.close();
      return undefined;
    }
    return new KeptZlib(stream, handle as NativeHandle, state);
  }

  /**
   * Writes `input` and flushes (Z_SYNC_FLUSH), returning everything zlib wrote: for deflate, the
   * compressed message ending in 00 00 ff ff; for inflate, the message. Throws zlib's error (bad
   * data: the stream is then unusable), or one with code ERR_BUFFER_TOO_LARGE when the output
   * would exceed `maxOutput` bytes (the stream is then unusable too: its output was cut short).
   */
  write(input: Buffer, maxOutput = Number.POSITIVE_INFINITY): Buffer {
    const pieces: Buffer[] = [];
    const total = this.run(input, maxOutput, pieces);
    // Input left over: the peer ended its stream (a final block), which permessage-deflate allows.
    // This message is whole; the next one starts a new stream, so it may not refer back.
    if (this.state[1] !== 0) this.handle.reset();
    return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, total);
  }

  /**
   * Inflate only: forgets the context and takes `history` as the bytes that came before, as a
   * preset dictionary would be, so one stream can read messages of many connections, each after
   * its own history. zlib reads the history as a stored (uncompressed) block: a 5-byte header,
   * then the bytes, copied into its window.
   */
  startAfter(history: Buffer): void {
    this.reset();
    if (history.length === 0) return;
    // BFINAL 0 and BTYPE 00 in the first 3 bits, padded to the byte; LEN, then NLEN = ~LEN.
    STORED_HEADER.writeUInt8(0, 0);
    STORED_HEADER.writeUInt16LE(history.length, 1);
    STORED_HEADER.writeUInt16LE(~history.length & 0xffff, 3);
    this.run(STORED_HEADER, Number.POSITIVE_INFINITY, null);
    this.run(history, Number.POSITIVE_INFINITY, null);
  }

  /** Feeds `input` with a sync flush; collects the output into `pieces` (or drops it) and returns its length. */
  private run(input: Buffer, maxOutput: number, pieces: Buffer[] | null): number {
    if (this.closed) throw new Error('zlib stream already closed');
    if (this.failure !== undefined) throw this.failure;
    scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
    const out = scratch;
    let total = 0;
    let inputOffset = 0;
    let inputLength = input.length;
    for (;;) {
      this.handle.writeSync(constants.Z_SYNC_FLUSH, input, inputOffset, inputLength, out, 0, out.length);
      if (this.failure !== undefined) throw this.failure;
      const outputSpaceLeft = this.state[0] as number;
      const inputLeft = this.state[1] as number;
      const written = out.length - outputSpaceLeft;
      total += written;
      if (total > maxOutput) {
        const error = new RangeError(`message larger than ${maxOutput} bytes`);
        this.failure = Object.assign(error, { code: 'ERR_BUFFER_TOO_LARGE' });
        throw error;
      }
      // A copy from Node's pool for small outputs: the scratch buffer is written again next call.
      if (written > 0 && pieces !== null) pieces.push(Buffer.from(out.subarray(0, written)));
      inputOffset += inputLength - inputLeft;
      inputLength = inputLeft;
      // zlib stops short of the output's end only when it has written all it can for this flush.
      if (outputSpaceLeft !== 0) return total;
    }
  }

  /** Forgets the context (for a peer that agreed no context takeover). */
  reset(): void {
    if (this.closed) throw new Error('zlib stream already closed');
    this.handle.reset();
  }

  /** False once zlib failed or an output was cut short: the stream must not be written again. */
  get usable(): boolean {
    return !this.closed && this.failure === undefined;
  }

  /** Frees zlib's memory now rather than when the collector finds the stream. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.close();
  }
}
