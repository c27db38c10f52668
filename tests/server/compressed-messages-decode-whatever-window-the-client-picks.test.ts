import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { compressOnTheEventLoop, SYNC_COMPRESSION } from '../../server/sync/compression';

// The server inflates what a client sends with the client's own window as the dictionary and
// deflates what it sends with the last bytes the client has as the dictionary
// (server/sync/compression.ts). A client picks its window: 2 KB from the desktop extension,
// 32 KB from browsers, anything from 256 B up from other clients. Whatever it picks, every
// message must arrive byte for byte, both ways, including long ones that refer far back.
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

describe('compressed messages with any client window', () => {
  let server: WebSocketServer | undefined;
  let client: WebSocket | undefined;
  afterEach(async () => {
    client?.terminate();
    await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
    server = undefined;
  });

  for (const windowBits of [9, 11, 13, 15]) {
    it(`arrive whole both ways with a ${2 ** windowBits}-byte client window`, async () => {
      server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: SYNC_COMPRESSION });
      await new Promise((resolve) => server?.once('listening', resolve));
      const atServer: Buffer[] = [];
      const problems: string[] = [];
      server.on('connection', (ws) => {
        compressOnTheEventLoop(ws, 1_000_000);
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
      await new Promise((resolve) => client?.once('open', resolve));
      const echoed: Buffer[] = [];
      client.on('message', (data: Buffer) => echoed.push(Buffer.from(data)));

      const random = pseudoRandom(windowBits);
      const sent: Buffer[] = [];
      for (let i = 0; i < 300; i++) {
        // Mostly keystroke-sized, now and then a paste longer than any window.
        const size = random() < 0.1 ? Math.floor(random() * 40_000) : 1 + Math.floor(random() * 200);
        sent.push(message(random, size));
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
  }
});
