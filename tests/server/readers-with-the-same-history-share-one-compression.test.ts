import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './helpers/clients';
import { readMetric, startTestServer, type TestServer } from './helpers/testServer';

// While one teacher types and colleagues watch, every watcher gets the same keystrokes and so,
// after a little while, holds the same recent history: the server compresses each keystroke
// once for all of them (server/sync/compression.ts). Watchers whose history differs (they joined
// at different moments) or who asked for a smaller window must still get bytes they can read.
describe('readers with the same recent history', () => {
  let server: TestServer | undefined;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    await server?.close();
    server = undefined;
  });

  /** A browser-like client: ws' own permessage-deflate, not ours, so only the server counts. */
  function open(s: TestServer, docName: string, token: string, serverMaxWindowBits?: number) {
    class Client extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, {
          perMessageDeflate: serverMaxWindowBits === undefined ? true : { serverMaxWindowBits },
        });
      }
    }
    const provider = new WebsocketProvider(s.url, docName, new Y.Doc(), {
      WebSocketPolyfill: Client as unknown as typeof globalThis.WebSocket,
      params: { token },
      disableBc: true,
    });
    const closes: number[] = [];
    provider.on('connection-close', (event) => {
      if (event !== null) closes.push(event.code);
    });
    providers.push(provider);
    return { provider, closes, text: provider.doc.getText('body') };
  }

  async function counts(s: TestServer): Promise<{ deflated: number; reused: number }> {
    return {
      deflated: await readMetric(s, 'cluster_lessons_messages_deflated_total'),
      reused: await readMetric(s, 'cluster_lessons_messages_deflate_reused_total'),
    };
  }

  it('get each keystroke compressed once, and every reader can read it', async () => {
    server = await startTestServer();
    const docName = `${server.cluster.clusterId}/plan/fractions`;
    const typist = open(server, docName, server.leader.token);
    const readers: Array<ReturnType<typeof open>> = [];
    // Each joins at its own moment, so their first messages (presence, sync) differ. The second
    // asks for a 512-byte window, and so sits between readers who can share in the send order.
    const joining: Array<[string, number | undefined]> = [
      ['Amina Khan', undefined],
      ['Dineo Mahlangu', 9],
      ['Bongani Zulu', undefined],
      ['Chipo Dube', undefined],
    ];
    for (const [name, windowBits] of joining) {
      const reader = open(server, docName, (await server.join('teacher', name)).token, windowBits);
      await waitFor(() => reader.provider.synced, 10_000, `${name} to sync`);
      readers.push(reader);
    }
    await waitFor(() => typist.provider.synced, 10_000, 'the typist to sync');

    const before = await counts(server);
    const keystrokes = 400;
    const phrase = ' photosynthesis in green plants';
    let typed = '';
    for (let i = 0; i < keystrokes; i++) {
      // For a while, now and then a reader moves its cursor: the others hear of it, it does not,
      // so its history differs from theirs in the last few bytes (and stays different for 1 KB).
      if (i < 100 && i % 10 === 5)
        readers[Math.floor(i / 10) % readers.length]!.provider.awareness.setLocalStateField('cursor', i);
      // A phrase last sent some 700 bytes earlier: a match further back than the small window.
      const insert = i % 24 === 12 ? phrase : 'abcdefghijklmnopqrstuvwxyz .'[(i * 7) % 28]!;
      typist.text.insert(typist.text.length, insert);
      typed += insert;
      await waitFor(() => readers.every((r) => r.text.length === typed.length), 5_000, 'the keystroke');
    }
    const after = await counts(server);

    for (const reader of readers) {
      expect(reader.text.toString()).toBe(typed);
      expect(reader.closes).toEqual([]);
    }
    expect(typist.closes).toEqual([]);
    const deflated = after.deflated - before.deflated;
    const reused = after.reused - before.reused;
    // Three readers with the same window: once their histories agree again (1 KB after the last
    // cursor move), one compression serves all three; the small window always needs its own.
    const agreeing = keystrokes - 100 - 100;
    expect(reused).toBeGreaterThanOrEqual(2 * agreeing);
    expect(deflated).toBeLessThanOrEqual(4 * keystrokes - 2 * agreeing + 100);
  });
});
