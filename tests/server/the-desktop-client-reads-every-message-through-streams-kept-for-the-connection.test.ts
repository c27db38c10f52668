import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { DesktopWebSocket } from '../../extension/desktopWebSocket';
import { compressWithKeptStreams } from '../../server/sync/clientCompression';
import { compressOnTheEventLoop, deflateExtension, SYNC_COMPRESSION } from '../../server/sync/compression';

// The desktop extension's WebSocket keeps one zlib stream each way for the connection
// (server/sync/clientCompression.ts). Whatever the server (ours, which compresses each message
// against the last 1 KB it sent, or ws' own zlib stream, which refers back across its whole 32 KB
// window), every message arrives whole, both ways. Bad compressed data and a message over the
// limit close the connection with 1007 and 1009: never a wrong message, never a hung socket.

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

describe("the desktop client's kept zlib streams", () => {
  let server: WebSocketServer | undefined;
  let client: WebSocket | undefined;
  afterEach(async () => {
    client?.terminate();
    await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
    server = undefined;
  });

  async function listen(): Promise<{ port: number; server: WebSocketServer }> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: SYNC_COMPRESSION });
    server = wss;
    await new Promise((resolve) => wss.once('listening', resolve));
    return { port: (wss.address() as { port: number }).port, server: wss };
  }

  it.each([
    { server: 'ours', ours: true },
    { server: "ws' own", ours: false },
  ])('get every message whole from $server', async ({ ours }) => {
    const { port, server: wss } = await listen();
    const sent = messages(400);
    const problems: string[] = [];
    const echoed: Buffer[] = [];
    wss.on('connection', (ws) => {
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
    const opened = new DesktopWebSocket(`ws://127.0.0.1:${port}`);
    client = opened;
    const received: Buffer[] = [];
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
    expect(received.findIndex((m, i) => !m.equals(sent[i] as Buffer))).toBe(-1);
    expect(echoed.findIndex((m, i) => !m.equals(sent[i] as Buffer))).toBe(-1);
    expect(echoed.length).toBe(sent.length);
    // Compressed for real, with the desktop's 2 KB window, by our streams (not ws' own).
    const extension = deflateExtension(opened);
    expect(extension?.params).toEqual({ client_max_window_bits: 11 });
    expect((extension as unknown as { _inflate: unknown })._inflate ?? null).toBeNull();
  }, 30_000);

  it('sends and reads empty messages and messages in fragments, both ways', async () => {
    const { port, server: wss } = await listen();
    const parts = [Buffer.from('fractions '), Buffer.alloc(0), Buffer.from('learners '.repeat(3000))];
    const whole = Buffer.concat(parts);
    const atServer: Buffer[] = [];
    wss.on('connection', (ws) => {
      compressOnTheEventLoop(ws, 1_000_000);
      ws.on('message', (data: Buffer) => atServer.push(Buffer.from(data)));
      ws.send(Buffer.alloc(0));
      for (const [i, part] of parts.entries()) ws.send(part, { fin: i === parts.length - 1 });
      ws.send('after');
    });
    const opened = new DesktopWebSocket(`ws://127.0.0.1:${port}`);
    client = opened;
    const received: Buffer[] = [];
    opened.on('message', (data: Buffer) => received.push(Buffer.from(data)));
    await new Promise((resolve) => opened.once('open', resolve));
    opened.send(Buffer.alloc(0));
    for (const [i, part] of parts.entries()) opened.send(part, { fin: i === parts.length - 1 });
    opened.send('after');
    const deadline = Date.now() + 10_000;
    while ((received.length < 3 || atServer.length < 3) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const messages of [received, atServer]) {
      expect(messages.map((m) => m.length)).toEqual([0, whole.length, 5]);
      expect(messages[1]?.equals(whole)).toBe(true);
      expect(messages[2]?.toString()).toBe('after');
    }
  }, 30_000);

  it('reads what refers back across the whole window, without being told how far', async () => {
    const { port, server: wss } = await listen();
    const random = pseudoRandom(11);
    const letters = 'abcdefghijklmnopqrstuvwxyz ';
    const long = Buffer.from(
      Array.from({ length: 30_000 }, () => letters[Math.floor(random() * letters.length)]).join(''),
    );
    // ws' own zlib stream refers back 29 KB for this: only a whole window reads it.
    const far = Buffer.concat([Buffer.from('recap: '), long.subarray(1_000, 1_300)]);
    wss.on('connection', (ws) => {
      ws.send(long);
      ws.send(far);
    });
    client = new DesktopWebSocket(`ws://127.0.0.1:${port}`);
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(Buffer.from(data)));
    const closed: string[] = [];
    client.on('close', (code) => closed.push(`closed with ${code}`));
    const deadline = Date.now() + 10_000;
    while (received.length < 2 && closed.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(closed).toEqual([]);
    expect(received.map((m) => m.length)).toEqual([long.length, far.length]);
    expect(received[1]?.equals(far)).toBe(true);
  }, 30_000);

  it.each([
    { what: 'bytes that are not deflate data', code: 1007, bytes: Buffer.from([0xff, 0xff, 0xff, 0x00]) },
    { what: 'a message over the limit', code: 1009, bytes: null },
  ])('closes the connection on $what with $code, after the messages before it', async ({ code, bytes }) => {
    const { port, server: wss } = await listen();
    const closedAtServer: number[] = [];
    wss.on('connection', (ws) => {
      ws.on('close', (closeCode) => closedAtServer.push(closeCode));
      ws.send('a fine message');
      const extension = deflateExtension(ws);
      if (bytes !== null && extension !== undefined) {
        // The next message goes out as these bytes, marked compressed.
        extension.compress = (_data, _fin, callback) => callback(null, bytes);
      }
      ws.send(bytes === null ? Buffer.alloc(5_000, 1) : 'whatever');
    });
    const opening = new WebSocket(`ws://127.0.0.1:${port}`, {
      perMessageDeflate: { clientMaxWindowBits: 11 },
    });
    client = opening;
    opening.once('open', () => expect(compressWithKeptStreams(opening, 1_000)).toBe(true));
    const received: string[] = [];
    opening.on('message', (data: Buffer) => received.push(data.toString()));
    const errors: string[] = [];
    opening.on('error', (error) => errors.push(error.message));
    await new Promise((resolve) => opening.once('close', resolve));
    expect(received).toEqual(['a fine message']);
    expect(errors).toEqual([expect.stringMatching(code === 1009 ? /larger than 1000 bytes/ : /invalid/)]);
    // The client says why in its close frame (ws itself stops reading after the error).
    const deadline = Date.now() + 5_000;
    while (closedAtServer.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(closedAtServer).toEqual([code]);
  }, 30_000);
});
