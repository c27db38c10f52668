import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Client, connectClient, sleep, waitFor } from './helpers/clients';
import { loadStoredDoc } from './helpers/storedRows';
import { startTestServer, type TestServer } from './helpers/testServer';

describe('three teachers writing one lesson plan at the same time', () => {
  let server: TestServer;
  const clients: Client[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  it('end with the same plan, and a teacher who opens it later receives all of it', async () => {
    const doc = `${server.cluster.clusterId}/plan/photosynthesis`;
    const sipho = await server.join('teacher', 'Sipho', 'mbuzini-secondary');
    const lerato = await server.join('teacher', 'Lerato', 'tonga-combined');
    const tokens = [server.leader.token, sipho.token, lerato.token];
    clients.push(...tokens.map((token) => connectClient(server.url, doc, token)));
    await Promise.all(clients.map((c) => c.synced()));

    // Each types 60 edits at random places, interleaved in time, with some deletions and front matter.
    const typing = clients.map(async (client, who) => {
      for (let i = 0; i < 60; i++) {
        const text = client.text;
        const at = Math.floor(Math.random() * (text.length + 1));
        if (i % 7 === 6 && text.length > 3) text.delete(Math.min(at, text.length - 2), 2);
        else text.insert(at, `${'ABC'[who]}${i} `);
        if (i % 20 === 0) client.doc.getMap('frontmatter').set(`by-${who}`, i);
        await sleep(Math.random() * 4);
      }
    });
    await Promise.all(typing);

    const same = () => clients.every((c) => c.text.toString() === clients[0]!.text.toString());
    await waitFor(same, 10_000, 'the three copies to converge');
    const body = clients[0]!.text.toString();
    expect(body.length).toBeGreaterThan(100);
    for (const client of clients) {
      expect(client.doc.getMap('frontmatter').toJSON()).toEqual(
        clients[0]!.doc.getMap('frontmatter').toJSON(),
      );
    }

    const latecomer = connectClient(server.url, doc, (await server.join('advisor', 'Mr Nkosi')).token);
    clients.push(latecomer);
    await latecomer.synced();
    expect(latecomer.text.toString()).toBe(body);
    expect(latecomer.doc.getMap('frontmatter').toJSON()).toEqual({ 'by-0': 40, 'by-1': 40, 'by-2': 40 });

    // What the server stored is the same plan.
    await server.running.flush();
    const stored = loadStoredDoc(server.dataDir, doc);
    expect(stored.getText('body').toString()).toBe(body);
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(latecomer.doc));
  });
});
