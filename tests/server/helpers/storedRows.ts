// Reads the document tables straight from the SQLite file, to compare stored bytes.
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { databasePath } from '../../../server/storage/database';

export interface StoredRows {
  readonly updates: Array<{ id: number; doc: string; data: Buffer }>;
  readonly snapshots: Array<{ doc: string; data: Buffer }>;
}

export function readStoredRows(dataDir: string): StoredRows {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return {
      // The log, then the journal of the newest updates (server/storage/sqliteStorage.ts).
      updates: [
        ...(db.prepare('SELECT id, doc, data FROM doc_updates ORDER BY id').all() as StoredRows['updates']),
        ...(db.prepare('SELECT id, doc, data FROM doc_journal ORDER BY id').all() as StoredRows['updates']),
      ],
      snapshots: db
        .prepare('SELECT doc, data FROM doc_snapshots ORDER BY doc')
        .all() as StoredRows['snapshots'],
    };
  } finally {
    db.close();
  }
}

/** The stored state of one document (snapshot, then log), loaded into a fresh Y.Doc. */
export function loadStoredDoc(dataDir: string, docName: string): Y.Doc {
  const rows = readStoredRows(dataDir);
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const s of rows.snapshots) if (s.doc === docName) Y.applyUpdate(doc, s.data);
    for (const u of rows.updates) if (u.doc === docName) Y.applyUpdate(doc, u.data);
  });
  return doc;
}
