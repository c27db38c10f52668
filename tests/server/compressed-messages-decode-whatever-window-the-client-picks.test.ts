import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { compressWithKeptStreams } from '../../server/sync/clientCompression';
import { compressOnTheEventLoop, SYNC_COMPRESSION, useSharedInflate } from '../../server/sync/compression';

// The server's end of a connection (server/sync/compression.ts) inflates what the peer sends with
// the peer's own window as the dictionary and deflates what it sends with the last bytes the peer
// has as the dictionary; the desktop extension's end (clientCompression.ts) keeps one zlib stream
// each way for the connection, written to on the event loop. A client picks its
// window: 2 KB from the desktop extension, 32 KB from browsers, anything from 512 B up from
// other clients. Whatever it picks, every message must arrive byte for byte, both ways,
// including long ones that refer far back, between our end and ws' own (a zlib stream) and
// between two of ours.
const WORDS = [
  'fractions ',
  'learners ',
  'denominator ',
  'the ',
  'compare ',
  'lesson ',
  '\n',
  '# ',
  'group ',
];

function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Text with repeats near and far (what deflate matches) and stray bytes (what it cannot). */
function message(random: () => number, size: number): Buffer {
  let text = '';
  while (text.length < size) text += WORDS[Math.floor(random() * WORDS.length)];
  const bytes = Buffer.from(text.slice(0, size));
  for (let i = 0; i < bytes.length; i += 7) if (random() < 0.3) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/**
 * Random bytes (nothing nearer to match), then a copy of what was sent between 3/4 of the window
 * and the whole window ago: a compressor with the whole window refers back that far.
 */
function farRepeat(random: () => number, sent: readonly Buffer[], window: number): Buffer {
  const stream = Buffer.concat(sent.slice(-64));
  const noise = Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256)));
  if (stream.length < window) return noise;
  const from = stream.length - window + Math.floor(random() * (window / 4));
  return Buffer.concat([noise, stream.subarray(from, from + 40)]);
}

// The server inflates with one zlib stream kept for the process, or, where Node's zlib does not
// allow that, with one zlib call per message: both must read every window.
describe.each([
  { inflate: 'one stream for the process', shared: true },
  { inflate: 'a zlib call per message', shared: false },
])('compressed messages with any client window, the server inflating with $inflate', ({ shared }) => {
  let server: WebSocketServer | undefined;
  let client: WebSocket | undefined;
  beforeAll(() => useSharedInflate(shared));
  afterAll(() => useSharedInflate(true));
  afterEach(async () => {
    client?.terminate();
    await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
    server = undefined;
  });

  const pairs = [
    { client: 'ws', server: 'ours' },
    { client: 'ours', server: 'ws' },
    { client: 'ours', server: 'ours' },
  ] as const;
  const cases = pairs.flatMap((pair) => [9, 11, 13, 15].map((windowBits) => ({ ...pair, windowBits })));
  it.each(
    cases,
  )('arrive whole both ways: $client client, $server server, 2^$windowBits-byte client window', async ({
    client: clientEnd,
    server: serverEnd,
    windowBits,
  }) => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: SYNC_COMPRESSION });
    await new Promise((resolve) => server?.once('listening', resolve));
    const atServer: Buffer[] = [];
    const problems: string[] = [];
    server.on('connection', (ws) => {
      if (serverEnd === 'ours') compressOnTheEventLoop(ws, 1_000_000);
      ws.on('message', (data: Buffer) => {
        atServer.push(Buffer.from(data));
        ws.send(data);
      });
      ws.on('close', (code) => problems.push(`server side closed with ${code}`));
    });
    const { port } = server.address() as { port: number };
    client = new WebSocket(`ws://127.0.0.1:${port}`, {
      perMessageDeflate: { clientMaxWindowBits: windowBits, zlibDeflateOptions: { memLevel: 3 } },
    });
    const opening = client;
    opening.once('open', () => {
      if (clientEnd === 'ours') expect(compressWithKeptStreams(opening, 1_000_000)).toBe(true);
    });
    await new Promise((resolve) => opening.once('open', resolve));
    const echoed: Buffer[] = [];
    client.on('message', (data: Buffer) => echoed.push(Buffer.from(data)));

    const random = pseudoRandom(windowBits);
    const sent: Buffer[] = [];
    for (let i = 0; i < 300; i++) {
      // Mostly keystroke-sized, now and then a paste longer than any window, and now and then
      // bytes repeated from near the far end of the window (only a full window decodes those).
      const size = random() < 0.1 ? Math.floor(random() * 40_000) : 1 + Math.floor(random() * 200);
      sent.push(random() < 0.3 ? farRepeat(random, sent, 2 ** windowBits) : message(random, size));
      client.send(sent[i]);
      if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const deadline = Date.now() + 10_000;
    while (echoed.length < sent.length && problems.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(problems).toEqual([]);
    expect(atServer.length).toBe(sent.length);
    expect(echoed.length).toBe(sent.length);
    const mismatch = sent.findIndex(
      (m, i) => !m.equals(atServer[i] as Buffer) || !m.equals(echoed[i] as Buffer),
    );
    expect(mismatch).toBe(-1);
    // Compression was really agreed with that window (not silently switched off).
    const params = (client as unknown as { _extensions: Record<string, { params: object }> })._extensions[
      'permessage-deflate'
    ]?.params;
    expect(params).toEqual({ client_max_window_bits: windowBits });
  }, 30_000);
});
