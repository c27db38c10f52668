// One SQLite file holds documents, identities and access lists, so a single backup copies
// a consistent state of all three.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE = 'cluster-lessons.sqlite';

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

// Each entry upgrades the schema by one version; never edit a released entry, append a new one.
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE doc_updates (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL);
  CREATE INDEX doc_updates_by_doc ON doc_updates (doc, id);
  CREATE TABLE doc_snapshots (doc TEXT PRIMARY KEY, data BLOB NOT NULL, compacted_at INTEGER NOT NULL);

  CREATE TABLE clusters (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE schools (
    cluster TEXT NOT NULL REFERENCES clusters (id), id TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (cluster, id));
  CREATE TABLE members (
    id TEXT PRIMARY KEY, cluster TEXT NOT NULL REFERENCES clusters (id), name TEXT NOT NULL,
    school TEXT NOT NULL, role TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);
  CREATE INDEX members_by_cluster ON members (cluster);
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY, member TEXT NOT NULL REFERENCES members (id), created_at INTEGER NOT NULL);
  CREATE TABLE invites (
    hash TEXT PRIMARY KEY, cluster TEXT NOT NULL REFERENCES clusters (id), role TEXT NOT NULL,
    created_by TEXT, created_at INTEGER NOT NULL, expires_at INTEGER, withdrawn_at INTEGER);
  CREATE TABLE revocations (seq INTEGER PRIMARY KEY, member TEXT NOT NULL, at INTEGER NOT NULL);

  CREATE TABLE rounds (
    id TEXT PRIMARY KEY, cluster TEXT NOT NULL REFERENCES clusters (id), teacher TEXT NOT NULL,
    plan TEXT, created_at INTEGER NOT NULL);
  CREATE TABLE round_members (
    round TEXT NOT NULL REFERENCES rounds (id), member TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('observer', 'audience')), PRIMARY KEY (round, member));
  CREATE TABLE plan_authors (doc TEXT PRIMARY KEY, author TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE plan_restrictions (
    doc TEXT PRIMARY KEY, others_may_read INTEGER NOT NULL, set_by TEXT NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE plan_coauthors (doc TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (doc, member));
  `,
  `
  CREATE TABLE plan_catalog (
    doc TEXT PRIMARY KEY, summary TEXT NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE plan_trash (doc TEXT PRIMARY KEY, deleted_at INTEGER NOT NULL, deleted_by TEXT NOT NULL);
  `,
  // Observation rounds gain a status (proposed by a leader or advisor, opened by the teacher),
  // the lesson observed and its focus. Rounds made before were opened by their teacher: 'open',
  // dated the day they were made, at the teacher's school.
  `
  ALTER TABLE rounds ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('proposed', 'open', 'declined', 'completed'));
  ALTER TABLE rounds ADD COLUMN proposed_by TEXT;
  ALTER TABLE rounds ADD COLUMN date TEXT NOT NULL DEFAULT '';
  ALTER TABLE rounds ADD COLUMN school TEXT NOT NULL DEFAULT '';
  ALTER TABLE rounds ADD COLUMN class_name TEXT NOT NULL DEFAULT '';
  ALTER TABLE rounds ADD COLUMN focus_questions TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE rounds ADD COLUMN developmental INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE rounds ADD COLUMN lesson_study INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE rounds ADD COLUMN decline_reason TEXT;
  ALTER TABLE rounds ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
  UPDATE rounds SET
    date = date(created_at / 1000, 'unixepoch', 'localtime'),
    school = COALESCE((SELECT m.school FROM members m WHERE m.id = rounds.teacher), ''),
    updated_at = created_at;
  CREATE INDEX rounds_by_cluster ON rounds (cluster, teacher);
  CREATE INDEX round_members_by_member ON round_members (member);
  `,
  // Device codes: one-time, short-lived codes that sign an existing member in on another device.
  // Like invite codes, only their hash is kept.
  `
  CREATE TABLE device_codes (
    hash TEXT PRIMARY KEY, member TEXT NOT NULL REFERENCES members (id), created_by TEXT,
    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
  CREATE INDEX device_codes_by_member ON device_codes (member);
  `,
  // Member expertise: the topics each member is confident to help colleagues with (INSET
  // presenters come from here), as a JSON list of strings, set by the member or the leader.
  `
  CREATE TABLE member_expertise (
    member TEXT PRIMARY KEY REFERENCES members (id), topics TEXT NOT NULL,
    updated_by TEXT NOT NULL, updated_at INTEGER NOT NULL);
  `,
  // The newest document updates: appended here, with no index, so that a commit of keystrokes
  // to many plans writes one page or two instead of an index page per plan; moved into
  // doc_updates in bulk every few thousand rows (server/storage/sqliteStorage.ts).
  `
  CREATE TABLE doc_journal (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL);
  `,
];

export interface OpenOptions {
  readonly readonly?: boolean;
}

/** Opens (creating if needed) the data directory's database and brings its schema up to date. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): SqliteDatabase {
  if (!options.readonly) mkdirSync(dataDir, { recursive: true });
  const db = new Database(databasePath(dataDir), {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  // The CLI (revoke, backup) and the server share the file: wait for each other's locks.
  db.pragma('busy_timeout = 5000');
  if (options.readonly) return db;
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and power
  // fails in the schools this serves. We broadcast an update only after its commit, so a commit
  // must survive the machine losing power; grouping a turn's updates keeps the fsyncs few.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * A second connection to the server's database for the document log, opened after
 * `openDatabase` made the schema. Its commits are not synced by SQLite (synchronous=NORMAL):
 * SqliteStorage syncs the WAL file itself, on libuv's thread pool, before it reports a write as
 * stored. Same durability as FULL, but the event loop no longer waits on the disk for every
 * turn's keystrokes, and writes that arrive during a sync share the next one.
 */
export function openDocumentDatabase(dataDir: string): SqliteDatabase {
  const db = new Database(databasePath(dataDir), { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL still syncs before and after each checkpoint and when the WAL restarts.
  db.pragma('synchronous = NORMAL');
  return db;
}

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema ${current} is newer than this server (${MIGRATIONS.length}); upgrade the server`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
