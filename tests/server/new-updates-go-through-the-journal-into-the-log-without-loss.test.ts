// SqliteStorage appends new updates to an unindexed journal and moves them to the indexed log a
// few thousand at a time (server/storage/sqliteStorage.ts). Whichever table an update is in, a
// document reads back whole and in order, across a reopened database too.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { databasePath, openDatabase, openDocumentDatabase } from '../../server/storage/database';
import { SqliteStorage } from '../../server/storage/sqliteStorage';
import { readStoredRows } from './helpers/storedRows';
import { tempDir } from './helpers/testServer';

/** Rows in each table, read by a separate connection as an administrator would. */
function tableRows(dataDir: string): { journal: number; log: number } {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { journal: count('doc_journal'), log: count('doc_updates') };
  } finally {
    db.close();
  }
}

async function textOf(storage: SqliteStorage, doc: string): Promise<string> {
  const ydoc = new Y.Doc();
  for (const update of (await storage.load(doc)).updates) Y.applyUpdate(ydoc, update);
  return ydoc.getText('body').toString();
}

describe('new updates', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('are read back whole from the journal, the log, or both, and after a reopen', async () => {
    const dataDir = tempDir('journal');
    dirs.push(dataDir);
    openDatabase(dataDir).close(); // the schema
    let docsDb = openDocumentDatabase(dataDir);
    let storage = new SqliteStorage(docsDb);

    // Three teachers typing into three plans, a keystroke per commit for the first one and
    // batches of the three for the rest, as the server's writer groups them.
    const names = ['c/plan/a', 'c/plan/b', 'c/plan/c'];
    const typists = names.map((name) => {
      const doc = new Y.Doc();
      const pending: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => pending.push(u));
      return { name, doc, pending };
    });
    const type = async (keystrokes: number, batched: boolean) => {
      for (let k = 0; k < keystrokes; k++) {
        for (const t of typists) t.doc.getText('body').insert(k % 7, String.fromCharCode(97 + (k % 26)));
        const entries = typists.flatMap((t) =>
          t.pending.splice(0).map((update) => ({ doc: t.name, update })),
        );
        if (batched) await storage.append(entries);
        else for (const entry of entries) await storage.append([entry]);
      }
    };
    const expectAllRead = async () => {
      for (const t of typists) expect(await textOf(storage, t.name)).toBe(t.doc.getText('body').toString());
    };

    await type(100, false);
    expect(tableRows(dataDir)).toEqual({ journal: 300, log: 0 });
    await expectAllRead();
    expect(await storage.list()).toEqual(names);

    // Past the journal's limit its rows move to the log in one go; later ones start a new journal.
    await type(700, true);
    const moved = tableRows(dataDir);
    expect(moved.log).toBeGreaterThanOrEqual(2048);
    expect(moved.journal).toBeLessThan(2048);
    expect(moved.log + moved.journal).toBe(2400);
    await expectAllRead();

    // A reopened connection counts the journal it finds, and reads and moves it the same way.
    await storage.close();
    docsDb.close();
    docsDb = openDocumentDatabase(dataDir);
    storage = new SqliteStorage(docsDb);
    await expectAllRead();
    await type(600, true);
    expect(tableRows(dataDir).log).toBeGreaterThanOrEqual(4096);
    await expectAllRead();

    // Compacting one plan takes its updates from both tables and leaves the others' alone.
    await type(5, false);
    expect(tableRows(dataDir).journal).toBeGreaterThan(0);
    const result = await storage.compact('c/plan/b');
    expect(result.rowsMerged).toBe(100 + 700 + 600 + 5);
    expect(tableRows(dataDir)).toEqual({ journal: 0, log: 2 * 1405 });
    await expectAllRead();

    // A paste goes straight to the log, after what the journal held: the log keeps arrival order.
    await type(4, false);
    const paste = new Y.Doc();
    Y.applyUpdate(paste, Y.encodeStateAsUpdate(typists[0]!.doc));
    paste.getText('body').insert(0, 'Learners fold paper strips into halves and quarters. '.repeat(40));
    const pasted = Y.encodeStateAsUpdate(paste, Y.encodeStateVector(typists[0]!.doc));
    expect(pasted.byteLength).toBeGreaterThan(1024);
    Y.applyUpdate(typists[0]!.doc, pasted);
    typists[0]!.pending.splice(0);
    await storage.append([{ doc: 'c/plan/a', update: pasted }]);
    expect(tableRows(dataDir).journal).toBe(0);
    const rows = readStoredRows(dataDir).updates;
    expect(rows.at(-1)?.data.byteLength).toBe(pasted.byteLength);
    await type(2, true);
    expect(tableRows(dataDir).journal).toBe(6);
    await expectAllRead();

    // Deleting a plan deletes it from both tables.
    await type(3, false);
    await storage.delete('c/plan/c');
    expect((await storage.load('c/plan/c')).updates).toEqual([]);
    expect(await storage.list()).toEqual(['c/plan/a', 'c/plan/b']);
    await storage.close();
    docsDb.close();
  });

  it('keep their order when another connection to the same database writes a paste', async () => {
    const dataDir = tempDir('journal-two');
    dirs.push(dataDir);
    openDatabase(dataDir).close();
    // Both open before anything is written, so each believes the journal is empty.
    const databases = [openDocumentDatabase(dataDir), openDocumentDatabase(dataDir)];
    const [server, other] = databases.map((db) => new SqliteStorage(db)) as [SqliteStorage, SqliteStorage];
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('body').insert(0, 'Fractions');
    await server.append([{ doc: 'c/plan/a', update: updates[0]! }]);
    doc.getText('body').insert(9, ` ${'halves and quarters '.repeat(80)}`);
    expect(updates[1]!.byteLength).toBeGreaterThan(1024);
    await other.append([{ doc: 'c/plan/a', update: updates[1]! }]);

    const stored = (await server.load('c/plan/a')).updates.map((u) => Buffer.from(u));
    expect(stored).toEqual(updates.map((u) => Buffer.from(u)));
    expect(await textOf(other, 'c/plan/a')).toBe(doc.getText('body').toString());
    for (const storage of [server, other]) await storage.close();
    for (const db of databases) db.close();
  });
});
