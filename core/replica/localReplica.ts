import * as Y from 'yjs';
import type { ReplicaFiles } from './replicaFiles';

/** Origin of the transactions that load a replica into its Y.Doc: those are not written back. */
export const REPLICA_ORIGIN: unique symbol = Symbol('cluster-lessons/local-replica');

export interface ReplicaOptions {
  /** A keystroke is on disk within this many milliseconds (DESIGN.md asks for ≤ 250 ms). */
  readonly flushMs?: number;
  /** After this many update files, they are merged into one snapshot file. */
  readonly compactAfter?: number;
  /** Told about a failed write (the data stays queued and is retried). */
  readonly onWriteError?: (error: unknown) => void;
}

interface ReplicaMeta {
  /** Local changes made while no server acknowledged them: the "N changes waiting" of the status bar. */
  pending: number;
}

const UPDATE = /^u-(\d{8})\.bin$/;
const SNAPSHOT = /^s-(\d{8})\.bin$/;
const seqName = (prefix: 'u' | 's', seq: number): string => `${prefix}-${String(seq).padStart(8, '0')}.bin`;

/**
 * A document's copy on this device: an append-only log of update files in `dir`, merged into a
 * snapshot now and then. Every update of the Y.Doc (local or from the server) is written, so the
 * teacher can open, edit and close the document with no connection and lose nothing.
 * A snapshot `s-N` covers every update file up to `u-N`; files it covers are deleted only after
 * it is written, so a crash at any point leaves a readable replica (applying an update twice is a no-op in Yjs).
 */
export class LocalReplica {
  private queue: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly flushMs: number;
  private readonly onWriteError: (error: unknown) => void;
  private readonly compactAfter: number;
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REPLICA_ORIGIN || this.disposed) return;
    this.queue.push(update);
    this.timer ??= setTimeout(() => this.flushInBackground(), this.flushMs);
  };

  private constructor(
    private readonly files: ReplicaFiles,
    private readonly dir: string,
    readonly doc: Y.Doc,
    private nextSeq: number,
    private updateFiles: number,
    private meta: ReplicaMeta,
    options: ReplicaOptions,
  ) {
    this.flushMs = options.flushMs ?? 100;
    this.compactAfter = options.compactAfter ?? 64;
    this.onWriteError = options.onWriteError ?? (() => undefined);
    doc.on('update', this.onUpdate);
  }

  /** Loads the replica in `dir` (if any) into `doc`, then records every further update of `doc`. */
  static async open(
    files: ReplicaFiles,
    dir: string,
    doc: Y.Doc,
    options: ReplicaOptions = {},
  ): Promise<LocalReplica> {
    const names = await files.list(dir);
    const snapshots = names.flatMap((n) => (SNAPSHOT.test(n) ? [Number(SNAPSHOT.exec(n)![1])] : []));
    const covered = snapshots.length > 0 ? Math.max(...snapshots) : 0;
    const updates = names
      .flatMap((n) => (UPDATE.test(n) ? [Number(UPDATE.exec(n)![1])] : []))
      .filter((seq) => seq > covered)
      .sort((a, b) => a - b);
    const parts: Uint8Array[] = [];
    if (covered > 0) {
      const snap = await files.read(`${dir}/${seqName('s', covered)}`);
      if (snap) parts.push(snap);
    }
    for (const seq of updates) {
      const data = await files.read(`${dir}/${seqName('u', seq)}`);
      if (data) parts.push(data);
    }
    if (parts.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(parts), REPLICA_ORIGIN);
    const metaBytes = await files.read(`${dir}/meta.json`);
    const meta: ReplicaMeta = metaBytes ? JSON.parse(new TextDecoder().decode(metaBytes)) : { pending: 0 };
    const last = Math.max(covered, ...updates, 0);
    return new LocalReplica(files, dir, doc, last + 1, updates.length, meta, options);
  }

  get pendingChanges(): number {
    return this.meta.pending;
  }

  /** Counts local changes not yet known to be on the server; kept on disk across restarts. */
  async setPendingChanges(pending: number): Promise<void> {
    if (this.meta.pending === pending) return;
    this.meta = { pending };
    await this.enqueueWrite(() => this.files.write(`${this.dir}/meta.json`, encodeJson(this.meta)));
  }

  private flushInBackground(): void {
    this.flush().catch(this.onWriteError);
  }

  /** Resolves when every write started so far has finished. */
  idle(): Promise<void> {
    return this.writing.catch(() => undefined);
  }

  /** Writes queued updates now. Resolves when they are on disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return this.writing;
    const batch = this.queue;
    this.queue = [];
    return this.enqueueWrite(async () => {
      const seq = this.nextSeq++;
      try {
        await this.files.write(
          `${this.dir}/${seqName('u', seq)}`,
          batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch),
        );
      } catch (error) {
        // Keep the batch: later updates may depend on it, and the next flush must write it too.
        this.queue = [...batch, ...this.queue];
        this.timer ??= setTimeout(() => this.flushInBackground(), this.flushMs * 10);
        throw error;
      }
      this.updateFiles++;
      if (this.updateFiles >= this.compactAfter) await this.compact();
    });
  }

  /** Merges everything into one snapshot file and removes the files it covers. */
  private async compact(): Promise<void> {
    const seq = this.nextSeq - 1;
    await this.files.write(`${this.dir}/${seqName('s', seq)}`, Y.encodeStateAsUpdate(this.doc));
    for (const name of await this.files.list(this.dir)) {
      const m = UPDATE.exec(name) ?? SNAPSHOT.exec(name);
      if (m && Number(m[1]) <= seq && name !== seqName('s', seq))
        await this.files.delete(`${this.dir}/${name}`);
    }
    this.updateFiles = 0;
  }

  private enqueueWrite(write: () => Promise<void>): Promise<void> {
    // Writes are serialised so files appear in sequence order; one failed write must not stop the next.
    this.writing = this.writing.then(write, write);
    return this.writing;
  }

  /** Removes a replica from the device (used only when the server's copy is known to be the good one). */
  static async erase(files: ReplicaFiles, dir: string): Promise<void> {
    for (const name of await files.list(dir)) await files.delete(`${dir}/${name}`);
  }

  /** Writes what is queued and stops recording. */
  async dispose(): Promise<void> {
    await this.flush();
    this.disposed = true;
    this.doc.off('update', this.onUpdate);
  }
}

function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}
