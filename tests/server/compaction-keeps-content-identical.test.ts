import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCluster } from '../../server/index';
import { openDatabase } from '../../server/storage/database';
import { SqliteStorage } from '../../server/storage/sqliteStorage';
import { connectClient, waitFor } from './helpers/clients';
import { readStoredRows } from './helpers/storedRows';
import { startTestServer, tempDir } from './helpers/testServer';

describe('compacting a document', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'merges a log of 100,000 small updates into one snapshot that reloads to identical content',
    { timeout: 90_000 },
    async () => {
      const dataDir = tempDir('compact');
      dirs.push(dataDir);
      const cluster = createCluster(dataDir, { name: 'Compaction Cluster', leader: 'Leader' });
      const docName = `${cluster.clusterId}/plan/long-term-plan`;

      // A teacher's 100,000 keystrokes, with corrections.
      const original = new Y.Doc();
      const updates: Uint8Array[] = [];
      original.on('update', (u: Uint8Array) => updates.push(u));
      const text = original.getText('body');
      for (let i = 0; updates.length < 100_000; i++) {
        if (i % 50 === 49) text.delete(Math.max(0, text.length - 3), 2);
        else
          text.insert(
            i % 10 === 0 ? Math.floor(text.length / 2) : text.length,
            String.fromCharCode(97 + (i % 26)),
          );
      }
      expect(updates).toHaveLength(100_000);

      const db = openDatabase(dataDir);
      const storage = new SqliteStorage(db);
      const started = performance.now();
      for (let i = 0; i < updates.length; i += 1000) {
        await storage.append(updates.slice(i, i + 1000).map((update) => ({ doc: docName, update })));
      }
      const appendMs = performance.now() - started;
      expect(readStoredRows(dataDir).updates).toHaveLength(100_000);

      const compactStarted = performance.now();
      const result = await storage.compact(docName);
      const compactMs = performance.now() - compactStarted;
      console.log(
        `100,000 updates: appended in ${appendMs.toFixed(0)} ms (${Math.round(100_000 / (appendMs / 1000))} rows/s in 1,000-row transactions), ` +
          `compacted in ${compactMs.toFixed(0)} ms, ${result.bytesBefore} -> ${result.bytesAfter} bytes`,
      );
      expect(result.rowsMerged).toBe(100_000);
      const rows = readStoredRows(dataDir);
      expect(rows.updates).toHaveLength(0);
      expect(rows.snapshots).toHaveLength(1);

      const stored = await storage.load(docName);
      expect(stored.updates).toHaveLength(1);
      const reloaded = new Y.Doc();
      Y.applyUpdate(reloaded, stored.updates[0]!);
      expect(reloaded.getText('body').toString()).toBe(text.toString());
      expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(original));
      db.close();

      // And a client of the server receives the same plan from the snapshot.
      const server = await startTestServer({ dataDir });
      const client = connectClient(server.url, docName, cluster.leaderToken);
      await client.synced();
      expect(client.text.toString()).toBe(text.toString());
      client.destroy();
      await server.close();
    },
  );

  it('is done by the server as a log grows past its limit and when the document is unloaded', async () => {
    const server = await startTestServer({ compactAfterUpdates: 50, unloadDelayMs: 20 });
    dirs.push(server.dataDir);
    const docName = `${server.cluster.clusterId}/plan/busy`;
    const client = connectClient(server.url, docName, server.leader.token);
    await client.synced();
    for (let i = 0; i < 120; i++) client.text.insert(client.text.length, `${i} `);
    const expected = client.text.toString();
    const reader = connectClient(server.url, docName, server.leader.token);
    await waitFor(() => reader.text.toString() === expected, 5_000, 'the edits to arrive');
    await server.running.flush();
    const whileOpen = readStoredRows(server.dataDir);
    expect(whileOpen.snapshots).toHaveLength(1);
    expect(whileOpen.updates.length).toBeLessThan(50);

    client.destroy();
    reader.destroy();
    await waitFor(() => server.running.server.rooms.size === 0, 5_000, 'the document to unload');
    const afterUnload = readStoredRows(server.dataDir);
    expect(afterUnload.updates).toHaveLength(0);
    expect(afterUnload.snapshots).toHaveLength(1);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, afterUnload.snapshots[0]!.data);
    expect(reloaded.getText('body').toString()).toBe(expected);
    await server.close();
  });
});
