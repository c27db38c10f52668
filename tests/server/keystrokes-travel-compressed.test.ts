import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DesktopWebSocket } from '../../extension/desktopWebSocket';
import { waitFor } from './helpers/clients';
import { startTestServer, type TestServer } from './helpers/testServer';

// Metered data: a keystroke costs about 32 bytes as a Yjs update. With permessage-deflate and
// context takeover (server/sync/syncGateway.ts, extension/desktopWebSocket.ts) it costs well
// under 20 bytes in each direction; without, at least 34 down and 38 up.
describe('keystrokes on the wire', () => {
  let server: TestServer | undefined;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    await server?.close();
    server = undefined;
  });

  function open(
    s: TestServer,
    docName: string,
    token: string,
    WebSocketClass: typeof globalThis.WebSocket,
  ): WebsocketProvider {
    const provider = new WebsocketProvider(s.url, docName, new Y.Doc(), {
      WebSocketPolyfill: WebSocketClass,
      params: { token },
      disableBc: true,
    });
    providers.push(provider);
    return provider;
  }

  /** What the connection agreed on; no *_no_context_takeover means context takeover both ways. */
  const deflateParams = (provider: WebsocketProvider): unknown =>
    (provider.ws as unknown as { _extensions: Record<string, { params: unknown }> })._extensions[
      'permessage-deflate'
    ]?.params;

  const socketOf = (provider: WebsocketProvider): Socket =>
    (provider.ws as unknown as { _socket: Socket })._socket;

  it('are compressed in both directions for the desktop extension', async () => {
    server = await startTestServer();
    const docName = `${server.cluster.clusterId}/plan/fractions`;
    const amina = await server.join('teacher', 'Amina Khan');
    const Desktop = DesktopWebSocket as unknown as typeof globalThis.WebSocket;
    const typist = open(server, docName, server.leader.token, Desktop);
    const reader = open(server, docName, amina.token, Desktop);
    await waitFor(() => typist.synced && reader.synced, 10_000, 'both to sync');
    expect(deflateParams(typist)).toEqual({ client_max_window_bits: 11 });

    const text = typist.doc.getText('body');
    const readerText = reader.doc.getText('body');
    const sentBefore = socketOf(typist).bytesWritten;
    const receivedBefore = socketOf(reader).bytesRead;
    const typed = 'Learners compare fractions with the same denominator.';
    for (const character of typed) {
      text.insert(text.length, character);
      const length = text.length;
      await waitFor(() => readerText.length === length, 5_000, 'the keystroke to arrive');
    }
    expect(readerText.toString()).toBe(typed);
    const upPerKeystroke = (socketOf(typist).bytesWritten - sentBefore) / typed.length;
    const downPerKeystroke = (socketOf(reader).bytesRead - receivedBefore) / typed.length;
    expect(upPerKeystroke).toBeLessThan(24);
    expect(downPerKeystroke).toBeLessThan(20);
  });

  it('a long paste and a late joiner arrive whole, and keystrokes after them still decode', async () => {
    server = await startTestServer();
    const docName = `${server.cluster.clusterId}/plan/long-term-plan`;
    const Desktop = DesktopWebSocket as unknown as typeof globalThis.WebSocket;
    const typist = open(server, docName, server.leader.token, Desktop);
    const reader = open(server, docName, (await server.join('teacher', 'Amina Khan')).token, Desktop);
    await waitFor(() => typist.synced && reader.synced, 10_000, 'both to sync');
    const text = typist.doc.getText('body');
    // 150 KB in one update: larger messages are compressed on the thread pool, in order.
    const paste = Array.from({ length: 3000 }, (_, i) => `${i}. Week ${i % 40}: fractions, decimals.`).join(
      '\n',
    );
    text.insert(0, paste);
    text.insert(text.length, '!');
    const latecomer = open(server, docName, (await server.join('teacher', 'Bongani')).token, Desktop);
    for (const character of ' The end.') text.insert(text.length, character);
    const expected = `${paste}! The end.`;
    for (const client of [reader, latecomer]) {
      await waitFor(() => client.doc.getText('body').toString() === expected, 10_000, 'the whole plan');
    }
    for (const character of ' Next week.')
      reader.doc.getText('body').insert(reader.doc.getText('body').length, character);
    await waitFor(() => text.toString() === `${expected} Next week.`, 5_000, "the reader's keystrokes");
  });

  it('a browser that does not offer a client window size (Firefox) still connects', async () => {
    server = await startTestServer();
    const docName = `${server.cluster.clusterId}/plan/fractions`;
    class FirefoxLike extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        // false: offer permessage-deflate without client_max_window_bits (ws' types omit it).
        super(url, protocols, { perMessageDeflate: { clientMaxWindowBits: false as unknown as number } });
      }
    }
    const teacher = open(
      server,
      docName,
      server.leader.token,
      FirefoxLike as unknown as typeof globalThis.WebSocket,
    );
    const plain = open(
      server,
      docName,
      (await server.join('teacher', 'Amina Khan')).token,
      WebSocket as never,
    );
    await waitFor(() => teacher.synced && plain.synced, 10_000, 'both to sync');
    expect(deflateParams(teacher)).toEqual({});
    teacher.doc.getText('body').insert(0, 'Fractions, week 3');
    await waitFor(() => plain.doc.getText('body').toString() === 'Fractions, week 3', 5_000, 'the text');
  });
});
