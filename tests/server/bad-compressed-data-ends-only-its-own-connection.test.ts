import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { compressOnTheEventLoop, deflateExtension, SYNC_COMPRESSION } from '../../server/sync/compression';

// The server inflates what every connection sends with one zlib stream for the whole process
// (server/sync/compression.ts). A client whose compressed bytes are not deflate data, or inflate
// to more than the server accepts, is closed with 1007 or 1009, and the stream it broke is
// replaced: a colleague's messages before, between and after arrive whole.

const MAX_PAYLOAD = 10_000;

describe("one client's bad compressed data", () => {
  let server: WebSocketServer | undefined;
  const clients: WebSocket[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.terminate();
    await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
    server = undefined;
  });

  async function connect(port: number): Promise<WebSocket> {
    const client = new WebSocket(`ws://127.0.0.1:${port}`, {
      perMessageDeflate: { clientMaxWindowBits: 11 },
    });
    clients.push(client);
    await new Promise((resolve, reject) => {
      client.once('open', resolve);
      client.once('error', reject);
    });
    return client;
  }

  it.each([
    { what: 'bytes that are not deflate data', code: 1007, garbage: true },
    { what: 'a message that inflates past the limit', code: 1009, garbage: false },
  ])('with $what closes that connection with $code, and no other', async ({ code, garbage }) => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: SYNC_COMPRESSION });
    await new Promise((resolve) => server?.once('listening', resolve));
    // What each connection's messages were, in the order the clients connected.
    const received: string[][] = [];
    const errors: string[] = [];
    server.on('connection', (ws) => {
      compressOnTheEventLoop(ws, MAX_PAYLOAD);
      const messages: string[] = [];
      received.push(messages);
      ws.on('message', (data: Buffer) => messages.push(data.toString()));
      ws.on('error', (error) => errors.push(error.message));
    });
    const { port } = server.address() as { port: number };
    const colleague = await connect(port);
    const bad = await connect(port);
    const lesson = 'Fractions: compare halves and quarters with paper strips. ';
    const sendAll = (from: number, to: number) => {
      for (let i = from; i < to; i++) colleague.send(`${lesson}${i}`);
    };
    sendAll(0, 20);
    const badClosed = new Promise<number>((resolve) => bad.once('close', resolve));
    if (garbage) {
      const extension = deflateExtension(bad);
      if (extension === undefined) throw new Error('compression was not agreed');
      extension.compress = (_data, _fin, callback) => callback(null, Buffer.from([0xff, 0xff, 0xff, 0x00]));
      bad.send('whatever');
    } else {
      bad.send(Buffer.alloc(MAX_PAYLOAD + 1, 32));
    }
    sendAll(20, 40);
    await badClosed;
    sendAll(40, 60);
    expect(received[1]).toEqual([]);
    const deadline = Date.now() + 10_000;
    const atServer = () => received[0] ?? [];
    while (atServer().length < 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(atServer()).toEqual(Array.from({ length: 60 }, (_, i) => `${lesson}${i}`));
    // The bad client heard why (the server stops reading it after the error).
    expect(await badClosed).toBe(code);
    expect(errors).toEqual([
      code === 1007 ? 'invalid block type' : `message larger than ${MAX_PAYLOAD} bytes`,
    ]);
    expect(colleague.readyState).toBe(WebSocket.OPEN);
  }, 30_000);
});
