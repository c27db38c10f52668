import * as vscode from 'vscode';
import type * as Y from 'yjs';
import type { DocSession } from '../sync/docSession';
import type { SessionPool } from '../sync/sessionPool';
import type { ClusterRounds, KnownRound } from './clusterRounds';

const SETTLE_MS = 150;

/**
 * The review documents (`<cluster>/review/<round>`) of the rounds this person may read, kept
 * open while the round is listed, so feedback and next steps arrive live and are on the device
 * for offline use. Fires onDidChange with a round id when that round's document changed.
 */
export class ReviewDocs implements vscode.Disposable {
  private readonly held = new Map<
    string,
    { readonly docName: string; readonly session: Promise<DocSession> }
  >();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly rounds: ClusterRounds,
    private readonly pool: SessionPool,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.sub = rounds.onDidChange(() => this.sync());
    this.sync();
  }

  /** The review document of a round, loaded from this device first, then kept in sync. */
  session(known: KnownRound): Promise<DocSession> {
    let entry = this.held.get(known.round.id);
    if (!entry) {
      const session = this.pool.acquire(known.clusterId, known.round.doc);
      entry = { docName: known.round.doc, session };
      this.held.set(known.round.id, entry);
      session.then(
        (s) => {
          s.doc.on('update', () => this.fireSoon(known.round.id));
          s.onDidChangeState(() => this.fireSoon(known.round.id));
          this.fireSoon(known.round.id);
        },
        (error: unknown) => {
          this.log.warn(`${known.round.doc}: could not open: ${String(error)}`);
          this.held.delete(known.round.id);
          this.pool.release(known.round.doc);
        },
      );
    }
    return entry.session;
  }

  async doc(known: KnownRound): Promise<Y.Doc> {
    return (await this.session(known)).doc;
  }

  /** Opens the rounds that appeared in the list and lets go of those that left it. */
  private sync(): void {
    const readable = this.rounds.readable();
    const ids = new Set(readable.map((r) => r.round.id));
    for (const known of readable) void this.session(known).catch(() => undefined);
    for (const [id, entry] of this.held) {
      if (ids.has(id)) continue;
      this.held.delete(id);
      this.pool.release(entry.docName);
    }
  }

  private fireSoon(roundId: string): void {
    if (this.timers.has(roundId)) return;
    this.timers.set(
      roundId,
      setTimeout(() => {
        this.timers.delete(roundId);
        this.changed.fire(roundId);
      }, SETTLE_MS),
    );
  }

  dispose(): void {
    this.sub.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    for (const entry of this.held.values()) this.pool.release(entry.docName);
    this.held.clear();
    this.changed.dispose();
  }
}
