import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../server/storage/database';
import { connectClient, sleep, waitFor } from './helpers/clients';
import { readStoredRows } from './helpers/storedRows';
import { startTestServer, type TestServer, serverHasAllOf } from './helpers/testServer';

describe('a document whose stored log cannot be read', () => {
  let server: TestServer;

  afterEach(async () => {
    await server.close();
  });

  it('is not served (1011, try later) and its rows are never compacted away or overwritten', async () => {
    server = await startTestServer({ compactAfterUpdates: 2, unloadDelayMs: 10 });
    const doc = `${server.cluster.clusterId}/plan/damaged`;
    const writer = connectClient(server.url, doc, server.leader.token);
    await writer.synced();
    writer.text.insert(0, 'A week of careful planning.');
    await serverHasAllOf(server, doc, writer.doc);
    await server.running.flush();
    writer.destroy();
    await waitFor(() => server.running.server.rooms.size === 0, 5_000, 'the document to unload');

    // A damaged row (a disk error, a bad restore) after the good snapshot.
    const db = new Database(databasePath(server.dataDir));
    db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)').run(doc, Buffer.from([1, 2, 3, 4, 5]));
    db.close();
    const before = readStoredRows(server.dataDir);

    const reader = connectClient(server.url, doc, server.leader.token);
    await waitFor(() => reader.closes.length > 0, 5_000, 'the refusal');
    expect(reader.closes[0]).toEqual({
      code: 1011,
      reason: 'the document could not be loaded; try again later',
    });
    expect(reader.text.toString()).toBe('');
    reader.destroy();
    await sleep(100);

    expect(readStoredRows(server.dataDir)).toEqual(before);
    expect(server.running.server.rooms.size).toBe(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
