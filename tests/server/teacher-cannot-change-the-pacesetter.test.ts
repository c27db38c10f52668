import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, connectClient, sleep, waitFor } from './helpers/clients';
import { loadStoredDoc, readStoredRows } from './helpers/storedRows';
import { startTestServer, type TestServer } from './helpers/testServer';

describe("a teacher's change to the pace-setter", () => {
  let server: TestServer;
  const clients: Client[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  it('never reaches another client or storage, and the teacher is told', async () => {
    const doc = `${server.cluster.clusterId}/pacesetter/ns-grade8-2026`;
    const advisor = await server.join('advisor', 'Mr Nkosi');
    const teacher = await server.join('teacher', 'Sipho');
    const [leaderClient, advisorClient, teacherClient] = [server.leader, advisor, teacher].map((m) =>
      connectClient(server.url, doc, m.token),
    ) as [Client, Client, Client];
    clients.push(leaderClient, advisorClient, teacherClient);
    await Promise.all(clients.map((c) => c.synced()));

    leaderClient.text.insert(0, 'Term 1, week 1: Photosynthesis. ');
    await waitFor(
      () => teacherClient.text.toString().includes('Photosynthesis'),
      5_000,
      'the teacher to read the pace-setter',
    );

    teacherClient.text.insert(0, 'SKIP THIS WEEK ');
    teacherClient.doc.getMap('weeks').set('1', 'changed by a teacher');
    teacherClient.provider.awareness.setLocalStateField('user', { name: 'Sipho' });
    await waitFor(() => teacherClient.denied.length > 0, 5_000, 'the teacher to be told');
    expect(teacherClient.denied[0]).toMatch(/not change it/);

    // A later change by the advisor reaches everyone: anything the teacher's update could have
    // caused would have arrived before it.
    advisorClient.text.insert(advisorClient.text.length, 'Week 2: Respiration.');
    await waitFor(
      () => leaderClient.text.toString().includes('Respiration'),
      5_000,
      'the advisor edit to arrive',
    );
    await waitFor(
      () => teacherClient.text.toString().includes('Respiration'),
      5_000,
      'the teacher to see it too',
    );
    await sleep(100);
    for (const other of [leaderClient, advisorClient]) {
      expect(other.text.toString()).toBe('Term 1, week 1: Photosynthesis. Week 2: Respiration.');
      expect(other.doc.getMap('weeks').size).toBe(0);
      // Nor is the teacher's presence shown: read-only awareness is dropped too.
      expect(other.provider.awareness.getStates().has(teacherClient.doc.clientID)).toBe(false);
    }
    expect(teacherClient.connected()).toBe(true);

    await server.running.flush();
    const stored = loadStoredDoc(server.dataDir, doc);
    expect(stored.getText('body').toString()).toBe('Term 1, week 1: Photosynthesis. Week 2: Respiration.');
    expect(stored.getMap('weeks').size).toBe(0);
    const bytes = Buffer.concat(readStoredRows(server.dataDir).updates.map((u) => u.data)).toString('latin1');
    expect(bytes).not.toContain('SKIP THIS WEEK');
  });
});
