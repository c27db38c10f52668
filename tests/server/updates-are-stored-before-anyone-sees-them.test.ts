import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../server/storage/database';
import type { AppendEntry, DocumentStorage } from '../../server/storage/documentStorage';
import { SqliteStorage } from '../../server/storage/sqliteStorage';
import { type Client, connectClient, sleep, waitFor } from './helpers/clients';
import { readStoredRows } from './helpers/storedRows';
import { startTestServer, type TestServer, tempDir } from './helpers/testServer';

/** SQLite storage whose writes can be held back or made to fail. */
class ControlledStorage implements DocumentStorage {
  private readonly inner: SqliteStorage;
  private release: (() => void) | null = null;
  private held: Promise<void> | null = null;
  failing = false;
  attempts = 0;

  constructor(private readonly db: SqliteDatabase) {
    this.inner = new SqliteStorage(db);
  }

  hold(): void {
    this.held = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  letGo(): void {
    this.release?.();
    this.held = null;
  }

  load = (doc: string) => this.inner.load(doc);
  compact = (doc: string) => this.inner.compact(doc);
  list = () => this.inner.list();
  delete = (doc: string) => this.inner.delete(doc);

  async append(entries: readonly AppendEntry[]): Promise<void> {
    this.attempts += 1;
    if (this.held) await this.held;
    if (this.failing) throw new Error('disk full');
    await this.inner.append(entries);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

describe('an update from one teacher', () => {
  let server: TestServer;
  let storage: ControlledStorage;
  const clients: Client[] = [];

  afterEach(async () => {
    storage.letGo();
    storage.failing = false;
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  async function setUp(): Promise<[Client, Client, string]> {
    const dataDir = tempDir('controlled');
    storage = new ControlledStorage(openDatabase(dataDir));
    server = await startTestServer({ dataDir, storage });
    const doc = `${server.cluster.clusterId}/plan/held`;
    const teacher = await server.join('teacher', 'Sipho');
    const writer = connectClient(server.url, doc, server.leader.token);
    const reader = connectClient(server.url, doc, teacher.token);
    clients.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);
    return [writer, reader, doc];
  }

  it('reaches nobody, not even a client that opens the document, until it is stored', async () => {
    const [writer, reader, doc] = await setUp();
    storage.hold();
    writer.text.insert(0, 'Lesson objective: ');
    await sleep(300);
    expect(reader.text.toString()).toBe('');
    expect(readStoredRows(server.dataDir).updates).toHaveLength(0);
    const latecomer = connectClient(server.url, doc, server.leader.token);
    clients.push(latecomer);
    await sleep(300);
    expect(latecomer.provider.synced).toBe(false);
    expect(latecomer.text.toString()).toBe('');

    storage.letGo();
    await waitFor(() => reader.text.toString() === 'Lesson objective: ', 5_000, 'the update to arrive');
    await latecomer.synced();
    expect(latecomer.text.toString()).toBe('Lesson objective: ');
    expect(readStoredRows(server.dataDir).updates.length).toBeGreaterThan(0);
  });

  it('reaches a teacher who opened the document while it was being stored once, in her answer, not twice', async () => {
    // Two teachers back online at once, each uploading a day's work: each asks for what she
    // lacks while the other's upload is being stored. The answer has it; a broadcast of the same
    // update on top of it would double her bytes.
    const [writer, reader, doc] = await setUp();
    storage.hold();
    const work = 'Group work: compare 1/2 and 1/4 with paper strips, then explain. '.repeat(80);
    writer.text.insert(0, work);
    await sleep(100);
    const latecomer = connectClient(server.url, doc, server.leader.token);
    clients.push(latecomer);
    let bytes = 0;
    latecomer.provider.ws?.addEventListener('message', (event: MessageEvent) => {
      bytes += (event.data as ArrayBuffer).byteLength;
    });
    await sleep(300);
    expect(latecomer.provider.synced).toBe(false);

    storage.letGo();
    await latecomer.synced();
    await waitFor(() => reader.text.toString() === work, 5_000, 'the update to reach the reader');
    await sleep(200);
    expect(latecomer.text.toString()).toBe(work);
    // The work once (5 KB), plus the server's own sync request and the rest: far from twice.
    expect(bytes).toBeGreaterThan(work.length);
    expect(bytes).toBeLessThan(work.length * 1.2);
  });

  it('that cannot be stored stays in memory unbroadcast, the server reports unhealthy, and it goes out once storage recovers', async () => {
    const [writer, reader] = await setUp();
    storage.failing = true;
    writer.text.insert(0, 'Materials: leaves, iodine. ');
    await waitFor(() => storage.attempts >= 2, 5_000, 'a retry');
    expect(reader.text.toString()).toBe('');
    const sick = await fetch(`${server.url}/healthz`);
    expect(sick.status).toBe(503);
    expect(await sick.json()).toMatchObject({ ok: false });
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(
      /cluster_lessons_storage_write_failures_total [1-9]/,
    );

    storage.failing = false;
    await waitFor(
      () => reader.text.toString() === 'Materials: leaves, iodine. ',
      8_000,
      'the retried update to arrive',
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
  });
});
