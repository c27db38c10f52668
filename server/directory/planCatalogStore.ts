// The plan catalog the extension's explorer shows (title, subject, grade, term, week), derived
// from each plan's front matter and kept here so listing a cluster's plans reads no documents;
// and the trash, from which a plan can be restored for RESTORE_DAYS.
import type { Statement, Transaction } from 'better-sqlite3';
import type { PlanSummary } from '../../core/plan/catalog';
import type { SqliteDatabase } from '../storage/database';

export type StoredSummary = Omit<PlanSummary, 'deletedAt' | 'updatedAt'>;

export interface CatalogSave {
  readonly doc: string;
  readonly summary: StoredSummary;
  readonly updatedAt: number;
}

export interface CatalogEntry {
  readonly doc: string;
  readonly summary: StoredSummary;
  readonly updatedAt: number;
  readonly deletedAt: number | null;
}

interface Row {
  doc: string;
  summary: string;
  updated_at: number;
  deleted_at: number | null;
}

export class PlanCatalogStore {
  private readonly upsertStmt: Statement<[string, string, number]>;
  private readonly byPrefix: Statement<[number, string], Row>;
  private readonly trashStmt: Statement<[string, number, string]>;
  private readonly restoreStmt: Statement<[string]>;
  private readonly trashedBefore: Statement<[number], { doc: string }>;
  private readonly trashedAt: Statement<[string], { deleted_at: number }>;
  private readonly saveMany: Transaction<(entries: readonly CatalogSave[]) => void>;

  /**
   * `relaxed`: the connection for catalog entries, which are derived from the plans and written
   * after every burst of typing; one lost in a power cut is rebuilt at the plan's next edit, so
   * it need not wait for the disk (see openDocumentDatabase). The trash is a teacher's decision
   * and goes through `db`, synced at every commit.
   */
  constructor(
    private readonly db: SqliteDatabase,
    relaxed: SqliteDatabase = db,
  ) {
    this.upsertStmt = relaxed.prepare(
      'INSERT INTO plan_catalog (doc, summary, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (doc) DO UPDATE SET summary = excluded.summary, updated_at = excluded.updated_at',
    );
    this.byPrefix = db.prepare(
      'SELECT c.doc, c.summary, c.updated_at, t.deleted_at FROM plan_catalog c ' +
        'LEFT JOIN plan_trash t ON t.doc = c.doc WHERE substr(c.doc, 1, ?) = ? ORDER BY c.doc',
    );
    this.trashStmt = db.prepare(
      'INSERT INTO plan_trash (doc, deleted_at, deleted_by) VALUES (?, ?, ?) ON CONFLICT (doc) DO NOTHING',
    );
    this.restoreStmt = db.prepare('DELETE FROM plan_trash WHERE doc = ?');
    this.trashedBefore = db.prepare('SELECT doc FROM plan_trash WHERE deleted_at < ?');
    this.trashedAt = db.prepare('SELECT deleted_at FROM plan_trash WHERE doc = ?');
    this.saveMany = relaxed.transaction((entries: readonly CatalogSave[]) => {
      for (const e of entries) this.upsertStmt.run(e.doc, JSON.stringify(e.summary), e.updatedAt);
    });
  }

  /** Saves the entries in one transaction (one commit for every plan typed in lately). */
  saveAll(entries: readonly CatalogSave[]): void {
    this.saveMany.immediate(entries);
  }

  /** Every catalogued plan whose document name starts with `prefix` (`<cluster>/plan/`). */
  list(prefix: string): CatalogEntry[] {
    return this.byPrefix.all(prefix.length, prefix).map((row) => ({
      doc: row.doc,
      summary: JSON.parse(row.summary) as StoredSummary,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
    }));
  }

  /** Moves a plan to the trash; returns when it was put there (the first time, if already there). */
  trash(doc: string, by: string): number {
    this.trashStmt.run(doc, Date.now(), by);
    return this.trashedAt.get(doc)!.deleted_at;
  }

  restore(doc: string): void {
    this.restoreStmt.run(doc);
  }

  trashedSince(before: number): string[] {
    return this.trashedBefore.all(before).map((row) => row.doc);
  }

  /** Forgets everything the server keeps about a plan beside its document (when it is purged). */
  forget(doc: string): void {
    this.db
      .transaction(() => {
        for (const table of [
          'plan_catalog',
          'plan_trash',
          'plan_authors',
          'plan_restrictions',
          'plan_coauthors',
        ]) {
          this.db.prepare(`DELETE FROM ${table} WHERE doc = ?`).run(doc);
        }
      })
      .immediate();
  }
}
