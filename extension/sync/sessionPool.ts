import * as vscode from 'vscode';
import type { ClusterAccounts } from '../clusters/accounts';
import { ServerApi } from '../clusters/serverApi';
import type { Platform } from '../platform';
import { LocalReplica } from '../../core/replica/localReplica';
import { DocSession, replicaDir } from './docSession';
import { workspaceFsReplicaFiles } from './workspaceFsReplicaFiles';

const IDLE_MS = 60_000;

/**
 * One live DocSession per document on this device. A session stays open while anything holds
 * it (an open editor, a view) and closes a minute after the last holder lets go, so quickly
 * reopening a plan costs no new connection.
 */
export class SessionPool implements vscode.Disposable {
  private readonly sessions = new Map<string, Promise<DocSession>>();
  private readonly holders = new Map<string, number>();
  private readonly idleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly opened = new vscode.EventEmitter<DocSession>();
  readonly onDidOpen = this.opened.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly accounts: ClusterAccounts,
    private readonly platform: Platform,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The session of `docName` in `clusterId`, opened if needed. Call release() when done. */
  acquire(clusterId: string, docName: string): Promise<DocSession> {
    this.holders.set(docName, (this.holders.get(docName) ?? 0) + 1);
    this.clearIdle(docName);
    return this.get(clusterId, docName);
  }

  /** Like acquire, but nobody holds it: it closes after the idle time unless someone acquires it. */
  peek(clusterId: string, docName: string): Promise<DocSession> {
    const session = this.get(clusterId, docName);
    if (!this.holders.get(docName)) this.scheduleIdle(docName);
    return session;
  }

  release(docName: string): void {
    const left = (this.holders.get(docName) ?? 1) - 1;
    this.holders.set(docName, Math.max(0, left));
    if (left <= 0) this.scheduleIdle(docName);
  }

  all(): Promise<DocSession[]> {
    return Promise.all(this.sessions.values());
  }

  private get(clusterId: string, docName: string): Promise<DocSession> {
    let session = this.sessions.get(docName);
    if (!session) {
      session = this.open(clusterId, docName);
      this.sessions.set(docName, session);
      session.catch(() => this.sessions.delete(docName));
    }
    return session;
  }

  private async open(clusterId: string, docName: string): Promise<DocSession> {
    const cluster = this.accounts.get(clusterId);
    const token = await this.accounts.token(clusterId);
    if (!cluster || !token) {
      throw new Error(
        vscode.l10n.t(
          'This device has not joined the cluster "{0}". Run "Join a Cluster…" first.',
          clusterId,
        ),
      );
    }
    const session = await DocSession.open({
      wsUrl: new ServerApi(cluster.serverUrl).wsUrl,
      docName,
      token,
      platform: this.platform,
      files: workspaceFsReplicaFiles(
        vscode.Uri.joinPath(this.context.globalStorageUri, 'replicas', clusterId),
      ),
      log: this.log,
    });
    this.log.info(`Opened ${docName}`);
    this.opened.fire(session);
    return session;
  }

  /**
   * Forgets this device's copy of a document and takes the server's. Only for a copy proven to
   * differ from the server's while claiming the same state (so it holds no unsent work).
   */
  async resetFromServer(clusterId: string, docName: string): Promise<void> {
    const session = this.sessions.get(docName);
    this.sessions.delete(docName);
    this.clearIdle(docName);
    const s = await session;
    await s?.replica.dispose();
    s?.dispose();
    const files = this.replicaFiles(clusterId);
    await LocalReplica.erase(files, replicaDir(docName));
    this.log.warn(`${docName}: this device's copy was replaced by the server's`);
  }

  private replicaFiles(clusterId: string) {
    return workspaceFsReplicaFiles(vscode.Uri.joinPath(this.context.globalStorageUri, 'replicas', clusterId));
  }

  private scheduleIdle(docName: string): void {
    this.clearIdle(docName);
    this.idleTimers.set(
      docName,
      setTimeout(() => {
        const session = this.sessions.get(docName);
        this.sessions.delete(docName);
        this.idleTimers.delete(docName);
        void session?.then((s) => s.dispose());
      }, IDLE_MS),
    );
  }

  private clearIdle(docName: string): void {
    const timer = this.idleTimers.get(docName);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(docName);
  }

  dispose(): void {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    for (const session of this.sessions.values()) void session.then((s) => s.dispose());
    this.sessions.clear();
    this.opened.dispose();
  }
}
