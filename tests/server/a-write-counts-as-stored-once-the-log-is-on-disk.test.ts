import { existsSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { databasePath, openDatabase, openDocumentDatabase } from '../../server/storage/database';
import { SqliteStorage } from '../../server/storage/sqliteStorage';
import { tempDir } from './helpers/testServer';

// The document log's connection leaves syncing to SqliteStorage, which syncs the WAL file off
// the event loop before it says a write is stored (and the server broadcasts it).
describe('the document log', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function keystroke(): Uint8Array {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'a');
    return Y.encodeStateAsUpdate(doc);
  }

  it('syncs its own commits; the directory connection lets SQLite sync every commit', () => {
    const dataDir = tempDir('log-sync');
    dirs.push(dataDir);
    const db = openDatabase(dataDir);
    const docs = openDocumentDatabase(dataDir);
    try {
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(docs.pragma('synchronous', { simple: true })).toBe(1); // NORMAL, synced by the storage
      expect(docs.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      docs.close();
      db.close();
    }
  });

  it('reports a write as stored only after the WAL file was synced', async () => {
    const dataDir = tempDir('log-sync');
    dirs.push(dataDir);
    const db = openDatabase(dataDir);
    const docs = openDocumentDatabase(dataDir);
    const storage = new SqliteStorage(docs);
    try {
      await storage.append([{ doc: 'c/plan/p', update: keystroke() }]);
      const wal = `${databasePath(dataDir)}-wal`;
      expect(existsSync(wal)).toBe(true);
      // Without a WAL file to sync (an administrator's mistake, a disk gone read-only), the
      // write is not reported stored: the room keeps it in memory and does not broadcast it.
      rmSync(wal);
      await expect(storage.append([{ doc: 'c/plan/p', update: keystroke() }])).rejects.toThrow(/ENOENT/);
    } finally {
      docs.close();
      db.close();
    }
  });
});
