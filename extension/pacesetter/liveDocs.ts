import * as vscode from 'vscode';
import * as Y from 'yjs';
import type { SyncState } from '../../core/sync/syncState';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import type { DocSession } from '../sync/docSession';

const FIRST_SYNC_WAIT_MS = 8_000;

/**
 * One shared document held open for the pace-setter features, over the session pool. Unlike a
 * bare DocSession it survives being replaced: when the server refuses a change, the refused
 * change stays in this device's copy (Yjs cannot take it back), so the copy is dropped and taken
 * again from the server (confirmedWrite.ts), and everyone holding this LiveDoc sees the server's
 * content.
 */
export class LiveDoc implements vscode.Disposable {
  private current: DocSession | undefined;
  private opening: Promise<DocSession>;
  private subs: vscode.Disposable[] = [];
  private holders = 0;
  private resetting: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Any change: content (local or remote), connection state, or the copy replaced. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly workspace: ClusterWorkspace,
    readonly clusterId: string,
    readonly docName: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly onLastRelease: (doc: LiveDoc) => void,
  ) {
    this.opening = this.attach();
  }

  private async attach(): Promise<DocSession> {
    const session = await this.workspace.pool.acquire(this.clusterId, this.docName);
    this.current = session;
    const onUpdate = (): void => this.changed.fire();
    session.doc.on('update', onUpdate);
    this.subs = [
      new vscode.Disposable(() => session.doc.off('update', onUpdate)),
      session.onDidChangeState(() => this.changed.fire()),
    ];
    return session;
  }

  /** The session with this device's copy loaded, and the server's first sync if it comes soon. */
  async ready(): Promise<DocSession> {
    const session = await this.opening;
    if (session.provider.synced) return session;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FIRST_SYNC_WAIT_MS);
      session.provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return session;
  }

  get session(): DocSession | undefined {
    return this.current;
  }

  get doc(): Y.Doc | undefined {
    return this.current?.doc;
  }

  get state(): SyncState {
    return this.current?.state ?? { kind: 'connecting' };
  }

  /** Drops this device's copy and takes the server's (waiting for its first sync). */
  resetFromServer(): Promise<void> {
    this.resetting ??= (async () => {
      for (const s of this.subs) s.dispose();
      this.subs = [];
      this.current = undefined;
      await this.workspace.pool.resetFromServer(this.clusterId, this.docName);
      // The pool still counts our hold of the old session; take the new one and give one back.
      this.opening = this.attach();
      this.workspace.pool.release(this.docName);
      await this.ready();
      this.log.info(`${this.docName}: replaced this device's copy with the server's after a refusal`);
      this.changed.fire();
    })().finally(() => {
      this.resetting = undefined;
    });
    return this.resetting;
  }

  hold(): this {
    this.holders++;
    return this;
  }

  release(): void {
    if (--this.holders <= 0) this.onLastRelease(this);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.subs = [];
    this.changed.dispose();
    void this.opening.then(
      () => this.workspace.pool.release(this.docName),
      () => undefined,
    );
  }
}

/** The LiveDocs in use, one per document name, shared by every panel and view that holds them. */
export class LiveDocs implements vscode.Disposable {
  private readonly docs = new Map<string, LiveDoc>();

  constructor(
    readonly workspace: ClusterWorkspace,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Holds a document until release() is called on what this returns. */
  hold(clusterId: string, docName: string): LiveDoc {
    let doc = this.docs.get(docName);
    if (!doc) {
      doc = new LiveDoc(this.workspace, clusterId, docName, this.log, (d) => {
        if (this.docs.get(docName) === d) this.docs.delete(docName);
        d.dispose();
      });
      this.docs.set(docName, doc);
    }
    return doc.hold();
  }

  dispose(): void {
    for (const d of this.docs.values()) d.dispose();
    this.docs.clear();
  }
}

/** The clock of this device's own changes in a document (what the server must have to hold them). */
export function ownClock(doc: Y.Doc): number {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
}
