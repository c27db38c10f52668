// Every update received in one turn of the event loop, across all documents, is stored in one
// transaction: one fsync for many keystrokes. Callers broadcast only after their promise
// resolves, so nothing reaches another client before it is on disk. A failed write is retried
// (the updates stay in memory and are not broadcast) until it succeeds or the server stops.
import type { AppendEntry, DocumentStorage } from '../storage/documentStorage';

interface Batch {
  entries: AppendEntry[];
  settle: Array<{ resolve: () => void; reject: (error: Error) => void }>;
}

export interface WriterEvents {
  committed(entries: number, bytes: number, seconds: number): void;
  failed(error: unknown, entries: number, retryInMs: number): void;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

export class UpdateWriter {
  private open: Batch = emptyBatch();
  private openPromise: Promise<void> | null = null;
  private busy = false;
  private scheduled = false;
  private retryMs = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly storage: DocumentStorage,
    private readonly events: WriterEvents,
  ) {}

  /** True while the last attempt to store failed; the server reports itself unhealthy. */
  get failing(): boolean {
    return this.retryMs > 0;
  }

  get queued(): number {
    return this.open.entries.length;
  }

  write(doc: string, update: Uint8Array): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the server is stopping'));
    this.open.entries.push({ doc, update });
    this.schedule();
    if (this.openPromise === null) {
      this.openPromise = new Promise<void>((resolve, reject) => this.open.settle.push({ resolve, reject }));
    }
    return this.openPromise;
  }

  /** Resolves once everything written so far is stored (or `timeoutMs` passes: false). */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.isIdle()) return true;
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    if (this.retryTimer !== null) {
      // Shutting down: try again now rather than after the back-off.
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.scheduled = false;
      this.schedule();
    }
    return Promise.race([idle, timeout]);
  }

  /** Fails whatever is still queued; called after `drain` when the server exits anyway. */
  stop(): number {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    const lost = this.open.entries.length;
    for (const s of this.open.settle) s.reject(new Error('the server stopped before this update was stored'));
    this.open = emptyBatch();
    this.openPromise = null;
    return lost;
  }

  private isIdle(): boolean {
    return !this.busy && this.open.entries.length === 0;
  }

  private schedule(): void {
    if (this.scheduled || this.busy || this.retryTimer !== null) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.busy || this.open.entries.length === 0 || this.stopped) return this.notifyIdle();
    const batch = this.open;
    this.open = emptyBatch();
    this.openPromise = null;
    this.busy = true;
    const started = process.hrtime.bigint();
    try {
      await this.storage.append(batch.entries);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.retryMs = 0;
      this.busy = false;
      this.events.committed(batch.entries.length, byteLength(batch.entries), seconds);
      for (const s of batch.settle) s.resolve();
    } catch (error) {
      this.busy = false;
      this.retryMs = Math.min(this.retryMs === 0 ? FIRST_RETRY_MS : this.retryMs * 2, MAX_RETRY_MS);
      this.events.failed(error, batch.entries.length, this.retryMs);
      // The failed updates go back in front of anything queued since, so the log keeps their order.
      this.open = {
        entries: batch.entries.concat(this.open.entries),
        settle: batch.settle.concat(this.open.settle),
      };
      this.openPromise = null;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.schedule();
      }, this.retryMs);
      return;
    }
    if (this.open.entries.length > 0) this.schedule();
    else this.notifyIdle();
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}

function emptyBatch(): Batch {
  return { entries: [], settle: [] };
}

function byteLength(entries: readonly AppendEntry[]): number {
  let bytes = 0;
  for (const entry of entries) bytes += entry.update.byteLength;
  return bytes;
}
