import type { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SYNC_STEP2_V2 } from '../../core/sync/compactSync';
import { type Client, connectClient, sleep, waitFor } from './helpers/clients';
import { serverHasAllOf, startTestServer, type TestServer } from './helpers/testServer';

// The extension asks for the server's answer to its sync step 1 in Yjs' v2 encoding
// (core/sync/compactSync.ts): opening a plan with a long history costs far fewer bytes. The stock
// y-websocket client does not ask, and must get exactly the stock protocol.
describe('the first sync of a plan with a long history', () => {
  let server: TestServer;
  const clients: Client[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  const bytesRead = (client: Client): number =>
    (client.provider.ws as unknown as { _socket: Socket })._socket.bytesRead;

  /** A plan typed the way teachers type: mostly forward, with corrections and jumps back. */
  async function writeHistory(docName: string): Promise<string> {
    const author = connectClient(server.url, docName, server.leader.token);
    clients.push(author);
    await author.synced();
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let cursor = 0;
    author.doc.transact(() => author.doc.getMap('frontmatter').set('title', 'Fractions, week 3'));
    for (let i = 0; i < 3_000; i++) {
      const text = author.text;
      if (random() < 0.05) cursor = Math.floor(random() * (text.length + 1));
      cursor = Math.min(cursor, text.length);
      if (random() < 0.15 && cursor > 0) {
        text.delete(cursor - 1, 1);
        cursor -= 1;
      } else {
        text.insert(cursor, 'abcdefghij klmnopqrst uvwxyz\n'[Math.floor(random() * 29)]!);
        cursor += 1;
      }
      if (i % 500 === 499) await sleep(1);
    }
    await serverHasAllOf(server, docName, author.doc, 15_000);
    return author.text.toString();
  }

  it('arrives in v2 for a client that asks, and in the stock encoding for one that does not', async () => {
    const docName = `${server.cluster.clusterId}/plan/fractions-week-3`;
    const body = await writeHistory(docName);
    expect(body.length).toBeGreaterThan(1_000);

    const compact = connectClient(
      server.url,
      docName,
      (await server.join('teacher', 'Amina Khan')).token,
      new Y.Doc(),
      { compactSync: true },
    );
    clients.push(compact);
    await compact.synced();
    expect(compact.text.toString()).toBe(body);
    expect(compact.doc.getMap('frontmatter').get('title')).toBe('Fractions, week 3');
    expect(compact.messageTypes).toContain(MESSAGE_SYNC_STEP2_V2);
    const compactBytes = bytesRead(compact);

    const stock = connectClient(server.url, docName, (await server.join('teacher', 'Sipho')).token);
    clients.push(stock);
    await stock.synced();
    expect(stock.text.toString()).toBe(body);
    expect(stock.messageTypes).not.toContain(MESSAGE_SYNC_STEP2_V2);
    const stockBytes = bytesRead(stock);

    // An administrator sees how many first syncs went in v2.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^cluster_lessons_sync_answers_v2_total 1$/m);
    // The author's, the two joiners' (and the author's again if it reconnected while typing).
    expect(Number(/^cluster_lessons_sync_answers_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(
      3,
    );

    // Uncompressed on the wire here: v2 is a little over half of v1 for such a history.
    expect(compactBytes).toBeLessThan(stockBytes * 0.75);

    // After the first sync everything is v1 again, both ways.
    compact.text.insert(0, '# ');
    await waitFor(
      () => stock.text.toString() === `# ${body}`,
      5_000,
      'the keystroke to reach the stock client',
    );
    stock.text.insert(stock.text.length, '\nHomework: page 12.');
    const final = `# ${body}\nHomework: page 12.`;
    await waitFor(() => compact.text.toString() === final, 5_000, 'the reply to reach the compact client');
  });

  it('brings a client that edited offline exactly what it lacks, and the server what it lacks', async () => {
    const docName = `${server.cluster.clusterId}/plan/offline-edits`;
    const body = await writeHistory(docName);
    const amina = await server.join('teacher', 'Amina Khan');
    const first = connectClient(server.url, docName, amina.token, new Y.Doc(), { compactSync: true });
    clients.push(first);
    await first.synced();
    // Amina goes offline with a copy and keeps writing; the leader writes meanwhile.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(first.doc));
    first.destroy();
    clients.splice(clients.indexOf(first), 1);
    offline.getText('body').insert(0, 'Starter: ');
    clients[0]!.text.insert(clients[0]!.text.length, '\nExit ticket.');
    await serverHasAllOf(server, docName, clients[0]!.doc);

    const back = connectClient(server.url, docName, amina.token, offline, { compactSync: true });
    clients.push(back);
    await back.synced();
    const final = `Starter: ${body}\nExit ticket.`;
    await waitFor(() => back.text.toString() === final, 5_000, 'the leader’s change to arrive');
    await waitFor(() => clients[0]!.text.toString() === final, 5_000, 'Amina’s offline change to arrive');
    // What she lacked was a few bytes: that comes as the stock sync step 2, smaller than v2.
    expect(back.messageTypes).not.toContain(MESSAGE_SYNC_STEP2_V2);
    expect(back.messageTypes).toContain(0);
  });
});
