// Documents in SQLite: an append-only log per document plus at most one snapshot row.
//
// New updates go to a journal first (doc_journal: rows in arrival order, no index), and move to
// the log (doc_updates, indexed by document) a few thousand at a time. With the log's index on
// the write path, a commit of keystrokes to fifty plans rewrote fifty index pages (4 KB each,
// twice: WAL, then checkpoint); the journal's commit writes the page it appends to. Reading a
// document reads its log and scans the journal, which the bulk moves keep short.
import { statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { Statement, Transaction } from 'better-sqlite3';
import type { SqliteDatabase } from './database';
import type { AppendEntry, CompactionResult, DocumentStorage, StoredDocument } from './documentStorage';
import { mergeRows } from './mergeRows';

/**
 * Journal rows that trigger the move to the log: the journal is scanned whenever a document is
 * read, and 2,048 rows of keystrokes are about 200 KB; a move then costs one write per index page.
 */
const JOURNAL_ROWS = 2048;
/** Updates this large (pastes, whole plans) go straight to the log. */
const LOG_DIRECTLY_BYTES = 1024;

interface DataRow {
  id: number;
  data: Buffer;
}

export class SqliteStorage implements DocumentStorage {
  // Prepared once: better-sqlite3 statements are reusable and preparing costs more than running.
  private readonly selectSnapshot: Statement<[string], { data: Buffer }>;
  private readonly selectLog: Statement<[string], DataRow>;
  private readonly deleteLogUpTo: Statement<[string, number]>;
  private readonly upsertSnapshot: Statement<[string, Buffer, number]>;
  private readonly deleteLog: Statement<[string]>;
  private readonly deleteSnapshot: Statement<[string]>;
  private readonly selectNames: Statement<[], { doc: string }>;
  private readonly appendAll: Transaction<(entries: readonly AppendEntry[]) => number>;
  private readonly insertLog: Statement<[string, Buffer]>;
  private readonly compactOne: Transaction<(doc: string) => CompactionResult>;
  private readonly selectJournal: Statement<[string], { data: Buffer }>;
  private readonly insertJournal: Statement<[string, Buffer]>;
  private readonly moveJournal: Statement<[]>;
  private readonly clearJournal: Statement<[]>;
  private readonly deleteJournal: Statement<[string]>;
  /** Rows in the journal, as far as this connection knows (others rarely write documents). */
  private journalRows: number;

  private readonly walPath: string;
  /** The WAL file kept open between syncs, with the identity of the file it was opened on. */
  private wal: { handle: FileHandle; dev: number; ino: number } | null = null;

  /** `db`: best a connection from `openDocumentDatabase`; its owner closes it. */
  constructor(private readonly db: SqliteDatabase) {
    this.walPath = `${db.name}-wal`;
    this.selectSnapshot = db.prepare('SELECT data FROM doc_snapshots WHERE doc = ?');
    this.selectLog = db.prepare('SELECT id, data FROM doc_updates WHERE doc = ? ORDER BY id');
    this.deleteLogUpTo = db.prepare('DELETE FROM doc_updates WHERE doc = ? AND id <= ?');
    this.upsertSnapshot = db.prepare(
      'INSERT INTO doc_snapshots (doc, data, compacted_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (doc) DO UPDATE SET data = excluded.data, compacted_at = excluded.compacted_at',
    );
    this.deleteLog = db.prepare('DELETE FROM doc_updates WHERE doc = ?');
    this.deleteSnapshot = db.prepare('DELETE FROM doc_snapshots WHERE doc = ?');
    this.selectNames = db.prepare(
      'SELECT doc FROM doc_snapshots UNION SELECT doc FROM doc_updates UNION SELECT doc FROM doc_journal ' +
        'ORDER BY doc',
    );
    this.selectJournal = db.prepare('SELECT data FROM doc_journal WHERE doc = ? ORDER BY id');
    this.insertJournal = db.prepare('INSERT INTO doc_journal (doc, data) VALUES (?, ?)');
    this.insertLog = db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)');
    this.moveJournal = db.prepare(
      'INSERT INTO doc_updates (doc, data) SELECT doc, data FROM doc_journal ORDER BY id',
    );
    this.clearJournal = db.prepare('DELETE FROM doc_journal');
    this.deleteJournal = db.prepare('DELETE FROM doc_journal WHERE doc = ?');
    this.journalRows = (db.prepare('SELECT count(*) AS n FROM doc_journal').get() as { n: number }).n;
    // Returns the rows left in the journal.
    this.appendAll = db.transaction((entries: readonly AppendEntry[]): number => {
      let rows = this.journalRows;
      for (const entry of entries) {
        const data = toBuffer(entry.update);
        if (data.byteLength < LOG_DIRECTLY_BYTES) {
          this.insertJournal.run(entry.doc, data);
          rows += 1;
          continue;
        }
        // A paste or a whole plan: one more index page is little beside it, and moving it later
        // would copy it again (a hundred plans' first states made one move take 57 ms). What
        // the journal holds goes first, so the log keeps the order updates arrived in: always,
        // since another connection to the same file may have written rows this one has not
        // counted. On an empty journal that costs nothing.
        this.moveJournalToLog();
        rows = 0;
        this.insertLog.run(entry.doc, data);
      }
      if (rows < JOURNAL_ROWS) return rows;
      this.moveJournalToLog();
      return 0;
    });
    this.compactOne = db.transaction((doc: string) => this.compactInTransaction(doc));
  }

  async load(doc: string): Promise<StoredDocument> {
    // One read transaction, so a compaction by another connection cannot fall between the reads.
    return this.db.transaction(() => {
      const snapshot = this.selectSnapshot.get(doc);
      const log = this.selectLog.all(doc);
      const updates: Uint8Array[] = snapshot ? [snapshot.data] : [];
      for (const row of log) updates.push(row.data);
      // The journal holds only updates newer than any in the log.
      for (const row of this.selectJournal.all(doc)) updates.push(row.data);
      return { updates };
    })();
  }

  async append(entries: readonly AppendEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // IMMEDIATE takes the write lock up front instead of failing half-way on a busy database.
    this.journalRows = this.appendAll.immediate(entries);
    // Stored means on the disk: the caller broadcasts after this. If the sync fails the caller
    // appends the same entries again; a Yjs update applied twice changes nothing.
    await this.syncLog();
  }

  async compact(doc: string): Promise<CompactionResult> {
    const result = this.compactOne.immediate(doc);
    this.journalRows = 0; // moved to the log by the compaction
    return result;
  }

  async list(): Promise<string[]> {
    return this.selectNames.all().map((row) => row.doc);
  }

  async delete(doc: string): Promise<void> {
    this.db
      .transaction(() => {
        this.deleteLog.run(doc);
        this.deleteJournal.run(doc);
        this.deleteSnapshot.run(doc);
      })
      .immediate();
  }

  async close(): Promise<void> {
    // The connection belongs to whoever opened it; the handle on its WAL file is ours.
    await this.wal?.handle.close();
    this.wal = null;
  }

  /**
   * fsync of the WAL file (where every commit goes first) off the event loop: one trip to the
   * thread pool per batch of writes. The file stays open between syncs, but only while it is
   * still the file at that path (SQLite deletes the WAL when its last connection closes; an
   * administrator might too): a handle on a replaced file would sync the wrong file.
   */
  private async syncLog(): Promise<void> {
    const now = statSync(this.walPath, { throwIfNoEntry: false });
    if (this.wal !== null && (now === undefined || now.ino !== this.wal.ino || now.dev !== this.wal.dev)) {
      const stale = this.wal.handle;
      this.wal = null;
      await stale.close().catch(() => undefined);
    }
    if (this.wal === null) {
      const handle = await open(this.walPath, 'r');
      const { dev, ino } = await handle.stat();
      this.wal = { handle, dev, ino };
    }
    await this.wal.handle.datasync();
  }

  /** Moves the whole journal to the log, in arrival order (inside the caller's transaction). */
  private moveJournalToLog(): void {
    this.moveJournal.run();
    this.clearJournal.run();
  }

  private compactInTransaction(doc: string): CompactionResult {
    // The document's newest updates may still be in the journal: move it first (it is short).
    this.moveJournalToLog();
    const snapshot = this.selectSnapshot.get(doc);
    const log = this.selectLog.all(doc);
    const last = log.at(-1);
    if (last === undefined) return { rowsMerged: 0, bytesBefore: snapshot?.data.length ?? 0, bytesAfter: 0 };
    const rows: Uint8Array[] = snapshot ? [snapshot.data] : [];
    let bytesBefore = snapshot?.data.length ?? 0;
    for (const row of log) {
      rows.push(row.data);
      bytesBefore += row.data.length;
    }
    // If a row cannot be read, mergeRows throws and the transaction rolls back: a log we cannot
    // read is kept for a person to inspect rather than replaced by what we could make of it.
    const merged = mergeRows(rows);
    this.deleteLogUpTo.run(doc, last.id);
    this.upsertSnapshot.run(doc, toBuffer(merged), Date.now());
    return { rowsMerged: rows.length, bytesBefore, bytesAfter: merged.length };
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
