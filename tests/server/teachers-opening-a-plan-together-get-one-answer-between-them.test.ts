import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SYNC_STEP2_V2 } from '../../core/sync/compactSync';
import { type Client, connectClient } from './helpers/clients';
import { readMetric, serverHasAllOf, startTestServer, type TestServer } from './helpers/testServer';

// At a cluster meeting everyone opens the week's plan at once, each with nothing of it yet: the
// server encodes the answer once and sends those bytes to all of them (server/sync/recentAnswer.ts),
// and a change in between means a fresh answer that has it.
describe('teachers who open a plan together', () => {
  let server: TestServer;
  const clients: Client[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  const counter = (name: string): Promise<number> => readMetric(server, name);

  async function join(docName: string, name: string, compactSync: boolean): Promise<Client> {
    const member = await server.join('teacher', name);
    const client = connectClient(server.url, docName, member.token, new Y.Doc(), { compactSync });
    clients.push(client);
    return client;
  }

  it('get the same answer, encoded once, and one who comes after a change gets the change', async () => {
    const docName = `${server.cluster.clusterId}/plan/fractions-week-3`;
    const author = connectClient(server.url, docName, server.leader.token);
    clients.push(author);
    await author.synced();
    // Over 1 KB, so the extension's clients get it in v2; typed in pieces, as a plan is.
    for (let i = 0; i < 40; i++)
      author.text.insert(author.text.length, `${i + 1}. Halves and quarters on a strip.\n`);
    await serverHasAllOf(server, docName, author.doc);
    const body = author.text.toString();
    // A stock client asks alike but for the stock encoding: it gets its own answer, in v1.
    const stock = await join(docName, 'Thandi', false);
    await stock.synced();
    expect(stock.text.toString()).toBe(body);
    expect(stock.messageTypes).not.toContain(MESSAGE_SYNC_STEP2_V2);
    const before = await counter('cluster_lessons_sync_answers_reused_total');

    // Members are made first, so the three connect within a moment of each other.
    const members = await Promise.all(
      ['Amina', 'Sipho', 'Zanele'].map((name) => server.join('teacher', name)),
    );
    const group = members.map((member) => {
      const client = connectClient(server.url, docName, member.token, new Y.Doc(), { compactSync: true });
      clients.push(client);
      return client;
    });
    await Promise.all(group.map((client) => client.synced()));
    for (const client of group) {
      expect(client.text.toString()).toBe(body);
      expect(client.messageTypes).toContain(MESSAGE_SYNC_STEP2_V2);
    }
    expect(await counter('cluster_lessons_sync_answers_reused_total')).toBeGreaterThan(before);
    // Every answer is counted once, reused or not (three v2 answers in all).
    expect(await counter('cluster_lessons_sync_answers_v2_total')).toBe(3);

    // The author adds a line; whoever opens the plan next must get it, not the answer made before.
    const reused = await counter('cluster_lessons_sync_answers_reused_total');
    author.text.insert(0, '# Fractions\n');
    await serverHasAllOf(server, docName, author.doc);
    const late = await join(docName, 'Lindiwe', true);
    await late.synced();
    expect(late.text.toString()).toBe(`# Fractions\n${body}`);
    expect(await counter('cluster_lessons_sync_answers_reused_total')).toBe(reused);
  });
});
