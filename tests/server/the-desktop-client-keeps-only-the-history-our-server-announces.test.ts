import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { DesktopWebSocket } from '../../extension/desktopWebSocket';
import {
  announcedHistory,
  announceHistory,
  compressOnTheEventLoop,
  HISTORY_HEADER,
  SYNC_COMPRESSION,
} from '../../server/sync/compression';

// Our server's messages refer at most 1 KB back before their own start, and it says so in its
// handshake; the desktop extension's WebSocket then keeps only that much of what it received as
// the inflate dictionary. A server that does not say so (ws' own zlib stream refers as far back
// as its whole 32 KB window) gets the whole window kept. Either way every message arrives whole.

function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Keystroke-sized and large messages, a third of them repeating bytes sent up to 32 KB ago. */
function messages(count: number): Buffer[] {
  const random = pseudoRandom(7);
  const sent: Buffer[] = [];
  const words = ['fractions ', 'learners ', 'the ', 'lesson ', '\n# ', 'group '];
  for (let i = 0; i < count; i++) {
    const stream = Buffer.concat(sent.slice(-64));
    if (random() < 0.3 && stream.length > 32_768) {
      const from = stream.length - 32_768 + Math.floor(random() * 8_192);
      const noise = Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256)));
      sent.push(Buffer.concat([noise, stream.subarray(from, from + 40)]));
      continue;
    }
    const size = random() < 0.1 ? 20_000 + Math.floor(random() * 20_000) : 1 + Math.floor(random() * 200);
    let text = '';
    while (text.length < size) text += words[Math.floor(random() * words.length)];
    sent.push(Buffer.from(text.slice(0, size)));
  }
  return sent;
}

describe("the desktop client's inflate dictionary", () => {
  let server: WebSocketServer | undefined;
  let client: DesktopWebSocket | undefined;
  afterEach(async () => {
    client?.terminate();
    await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
    server = undefined;
  });

  it('reads the history a server announces, and nothing unusable', () => {
    expect(announcedHistory('1024')).toBe(1024);
    expect(announcedHistory(' 2048 ')).toBe(2048);
    for (const bad of [undefined, '', '0', '-5', '1e3', '40000', 'lots', ['1024', '1024']]) {
      expect(announcedHistory(bad)).toBeUndefined();
    }
  });

  it.each([
    { server: 'ours, announcing its history', ours: true },
    { server: "ws' own, announcing nothing", ours: false },
  ])('gets every message whole from $server', async ({ ours }) => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: SYNC_COMPRESSION });
    if (ours) server.on('headers', announceHistory);
    await new Promise((resolve) => server?.once('listening', resolve));
    const sent = messages(400);
    const problems: string[] = [];
    const echoed: Buffer[] = [];
    server.on('connection', (ws) => {
      if (ours) compressOnTheEventLoop(ws, 1_000_000);
      ws.on('message', (data: Buffer) => echoed.push(Buffer.from(data)));
      ws.on('close', (code) => problems.push(`server side closed with ${code}`));
      void (async () => {
        for (const [i, m] of sent.entries()) {
          ws.send(m);
          if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
    });
    const { port } = server.address() as { port: number };
    const headers: Array<string | string[] | undefined> = [];
    client = new DesktopWebSocket(`ws://127.0.0.1:${port}`);
    client.once('upgrade', (response) => headers.push(response.headers[HISTORY_HEADER]));
    const received: Buffer[] = [];
    const opened = client;
    opened.on('message', (data: Buffer) => {
      received.push(Buffer.from(data));
      opened.send(data);
    });
    opened.on('close', (code) => problems.push(`client side closed with ${code}`));
    const deadline = Date.now() + 15_000;
    while (echoed.length < sent.length && problems.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(problems).toEqual([]);
    expect(headers).toEqual([ours ? '1024' : undefined]);
    expect(received.findIndex((m, i) => !m.equals(sent[i] as Buffer))).toBe(-1);
    expect(echoed.findIndex((m, i) => !m.equals(sent[i] as Buffer))).toBe(-1);
    expect(echoed.length).toBe(sent.length);
  }, 30_000);

  it('really keeps only what was announced, and keeps the whole window after that proved wrong', async () => {
    // A server that announces 1 KB but compresses with ws' own zlib stream, which refers back as
    // far as its 32 KB window. Were the client keeping the whole window, it would read it.
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: SYNC_COMPRESSION });
    server.on('headers', announceHistory);
    await new Promise((resolve) => server?.once('listening', resolve));
    const random = pseudoRandom(11);
    const letters = 'abcdefghijklmnopqrstuvwxyz ';
    const long = Buffer.from(
      Array.from({ length: 10_000 }, () => letters[Math.floor(random() * letters.length)]).join(''),
    );
    const far = Buffer.concat([Buffer.from('recap: '), long.subarray(2_000, 2_200)]);
    server.on('connection', (ws) => {
      ws.send(long);
      ws.send(far);
    });
    const { port } = server.address() as { port: number };
    client = new DesktopWebSocket(`ws://127.0.0.1:${port}`);
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(Buffer.from(data)));
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.message));
    // Either the client gives up on the second message, or (were it keeping 32 KB) reads it.
    await new Promise((resolve) => {
      client?.once('close', resolve);
      client?.on('message', () => received.length === 2 && resolve(undefined));
    });
    expect(errors.join('; ')).toMatch(/too far back/);
    expect(received).toHaveLength(1);
    expect(received[0]?.equals(long)).toBe(true);

    // Something in between refers further back than announced, then: the next connection keeps
    // the whole window, and reads both.
    client = new DesktopWebSocket(`ws://127.0.0.1:${port}`);
    const again: Buffer[] = [];
    client.on('message', (data: Buffer) => again.push(Buffer.from(data)));
    const closedAgain: string[] = [];
    client.on('close', (code) => closedAgain.push(`closed with ${code}`));
    const deadline = Date.now() + 10_000;
    while (again.length < 2 && closedAgain.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(closedAgain).toEqual([]);
    expect(again.map((m) => m.length)).toEqual([long.length, far.length]);
    expect(again[1]?.equals(far)).toBe(true);
  }, 30_000);
});
