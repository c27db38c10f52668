import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCluster } from '../../server/index';
import { type ChildServer, startChildServer } from './helpers/childServer';
import { type Client, connectClient, containsAll, sleep, waitFor } from './helpers/clients';
import { readStoredRows } from './helpers/storedRows';
import { joinOverHttp, tempDir } from './helpers/testServer';
import { keepTyping } from './helpers/typists';

describe('stopping the server with SIGTERM while teachers type', () => {
  const clients: Client[] = [];
  const children: ChildServer[] = [];
  const dataDir = tempDir('sigterm');

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const child of children.splice(0)) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every update, closes connections with 1001, and everyone converges after the restart', async () => {
    const cluster = createCluster(dataDir, { name: 'Restart Cluster', leader: 'Leader', schools: ['Hub'] });
    const doc = `${cluster.clusterId}/plan/sigterm`;
    const first = await startChildServer(dataDir);
    children.push(first);
    const teacher = await joinOverHttp(first.url, cluster.invites.teacher, 'Teacher', 'hub');
    const advisor = await joinOverHttp(first.url, cluster.invites.advisor, 'Advisor', 'hub');
    clients.push(
      ...[cluster.leaderToken, teacher.token, advisor.token].map((t) => connectClient(first.url, doc, t)),
    );
    await Promise.all(clients.map((c) => c.synced()));

    const typists = keepTyping(clients);
    await sleep(600);
    first.process.kill('SIGTERM');
    const exit = await first.exited;
    children.pop();
    expect(exit.code).toBe(0);
    await sleep(200); // typing on while the server is down
    await typists.stop();

    // Everything any client received from the server is in the database.
    const rows = readStoredRows(dataDir);
    const storedDoc = new Y.Doc();
    for (const row of rows.updates) Y.applyUpdate(storedDoc, row.data);
    for (const row of rows.snapshots) Y.applyUpdate(storedDoc, row.data);
    const stored = Y.encodeStateAsUpdate(storedDoc);
    for (const client of clients) {
      expect(client.received.length).toBeGreaterThan(10);
      expect(containsAll(stored, client.received)).toBe(true);
      expect(client.closes.map((c) => c.code)).toContain(1001);
    }

    const second = await startChildServer(dataDir, first.port);
    children.push(second);
    const same = () =>
      clients.every((c) => c.provider.synced && c.text.toString() === clients[0]!.text.toString());
    await waitFor(same, 15_000, 'clients to converge after the restart');
    const observer = connectClient(second.url, doc, cluster.leaderToken);
    clients.push(observer);
    await observer.synced();
    await waitFor(
      () => observer.text.toString() === clients[0]!.text.toString(),
      5_000,
      'a fresh client to see the same plan',
    );
  });
});
