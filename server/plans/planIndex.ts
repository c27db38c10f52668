// Keeps the plan catalog in step with the plans: after a plan's update is stored, its front
// matter is read again (shortly after, since typing comes in bursts) and its entry saved.
// Plans in storage that the catalog does not know yet are indexed when a cluster's plans are
// listed. Plans in the trash for longer than RESTORE_DAYS are deleted for good.
import { PLAN_TEXT } from '../../core/plan/planDoc';
import { type PlanSummary, RESTORE_DAYS, summaryFromFrontMatter } from '../../core/plan/catalog';
import { frontMatterSettled, readFrontMatter } from '../../core/plan/frontMatter';
import type { CatalogSave, PlanCatalogStore } from '../directory/planCatalogStore';
import { errorFields, type LogSink } from '../log';
import type { DocumentStorage } from '../storage/documentStorage';
import { applyRows } from '../storage/mergeRows';
import { serverDoc } from '../storage/serverDoc';
import type { RoomRegistry } from '../sync/roomRegistry';

const REFRESH_DELAY_MS = 500;
/** Front matter is a few short lines; a plan's start this long nearly always holds all of it. */
const HEAD_CHARS = 4096;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ListedPlan extends PlanSummary {
  readonly doc: string;
}

export class PlanIndex {
  /** Plans stored since the last refresh; all of them are refreshed together, in one transaction. */
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly storedAt = new Map<string, number>();

  constructor(
    private readonly store: PlanCatalogStore,
    private readonly storage: DocumentStorage,
    private readonly rooms: RoomRegistry,
    private readonly log: LogSink,
  ) {}

  /** An update of the plan was stored just now. */
  stored(doc: string): void {
    this.storedAt.set(doc, Date.now());
    this.pending.add(doc);
    // One timer for every plan being typed in: with a hundred of them, a write per plan every
    // half second was most of the server's SQLite commits.
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refreshPending();
    }, REFRESH_DELAY_MS);
    this.timer.unref();
  }

  /** Saves every entry still waiting for its refresh (at shutdown). */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.refreshPending();
  }

  /** The plans of a cluster, trashed ones included (with `deletedAt`). */
  async list(cluster: string): Promise<ListedPlan[]> {
    const prefix = `${cluster}/plan/`;
    let entries = this.store.list(prefix);
    const known = new Set(entries.map((e) => e.doc));
    const unknown = (await this.storage.list()).filter((doc) => doc.startsWith(prefix) && !known.has(doc));
    if (unknown.length > 0) {
      await this.refresh(unknown);
      entries = this.store.list(prefix);
    }
    return entries.map((e) => ({
      ...e.summary,
      doc: e.doc,
      updatedAt: e.updatedAt,
      ...(e.deletedAt === null ? {} : { deletedAt: e.deletedAt }),
    }));
  }

  trash(doc: string, by: string): number {
    return this.store.trash(doc, by);
  }

  restore(doc: string): void {
    this.store.restore(doc);
  }

  /** Deletes for good the plans that have been in the trash for longer than RESTORE_DAYS. */
  async purgeExpired(now = Date.now()): Promise<string[]> {
    const purged: string[] = [];
    for (const doc of this.store.trashedSince(now - RESTORE_DAYS * DAY_MS)) {
      if (this.rooms.get(doc) !== undefined) continue; // open right now: next time
      await this.storage.delete(doc);
      this.store.forget(doc);
      purged.push(doc);
      this.log({ level: 'info', msg: 'plan deleted for good after its time in the trash', doc });
    }
    return purged;
  }

  private async refreshPending(): Promise<void> {
    const docs = [...this.pending];
    this.pending.clear();
    await this.refresh(docs);
  }

  /** Reads the front matter of each plan and saves all their entries in one transaction. */
  private async refresh(docs: readonly string[]): Promise<void> {
    const entries: CatalogSave[] = [];
    for (const doc of docs) {
      try {
        const id = doc.split('/')[2]!;
        const text = await this.textOf(doc);
        const storedAt = this.storedAt.get(doc) ?? Date.now();
        this.storedAt.delete(doc);
        const { updatedAt: _updatedAt, ...summary } = summaryFromFrontMatter(
          id,
          readFrontMatter(text).frontMatter,
          storedAt,
        );
        entries.push({ doc, summary, updatedAt: storedAt });
      } catch (error) {
        this.log({ level: 'warn', msg: 'plan catalog entry not refreshed', doc, ...errorFields(error) });
      }
    }
    if (entries.length === 0) return;
    try {
      this.store.saveAll(entries);
    } catch (error) {
      // Derived data: the next edit of each plan (or the next listing) writes its entry again.
      this.log({
        level: 'warn',
        msg: 'plan catalog entries not saved',
        plans: entries.length,
        ...errorFields(error),
      });
    }
  }

  /** Enough of the plan to read its front matter: the whole text, or the start of an open one. */
  private async textOf(doc: string): Promise<string> {
    const room = this.rooms.get(doc);
    // Up to where the front matter closes (a plan's first few lines), at most HEAD_CHARS.
    const head = room?.readTextStart(PLAN_TEXT, HEAD_CHARS, frontMatterSettled);
    if (head !== undefined) {
      const blockRunsOn =
        head.length === HEAD_CHARS && head.startsWith('---\n') && !head.includes('\n---', 3);
      const open = blockRunsOn ? room?.readText(PLAN_TEXT) : head;
      if (open !== undefined) return open;
    }
    const scratch = serverDoc(doc);
    try {
      applyRows(scratch, (await this.storage.load(doc)).updates, null);
      return scratch.getText(PLAN_TEXT).toString();
    } finally {
      scratch.destroy();
    }
  }
}
