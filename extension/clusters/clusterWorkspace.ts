import * as vscode from 'vscode';
import type { Member } from '../../core/cluster/model';
import { summaryFromFrontMatter } from '../../core/plan/catalog';
import { readFrontMatter } from '../../core/plan/frontMatter';
import { planText } from '../../core/plan/planDoc';
import { clusterRoot, planDocName } from '../fs/clusterUri';
import type { DocSession } from '../sync/docSession';
import type { SessionPool } from '../sync/sessionPool';
import type { ClusterAccounts } from './accounts';
import { ClusterCatalog } from './clusterCatalog';
import { ServerApi, ServerApiError } from './serverApi';

const FIRST_SYNC_WAIT_MS = 10_000;

/** The hub of the extension's cluster features: catalogs, document sessions, and which are bound to editors. */
export class ClusterWorkspace implements vscode.Disposable {
  private readonly catalogs = new Map<string, ClusterCatalog>();
  private readonly bound = new Map<string, () => Promise<void>>();
  private readonly watched = new WeakSet<DocSession>();
  private readonly treeChanged = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChangeTree = this.treeChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly accounts: ClusterAccounts,
    readonly pool: SessionPool,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  catalog(clusterId: string): ClusterCatalog {
    let catalog = this.catalogs.get(clusterId);
    if (!catalog) {
      catalog = new ClusterCatalog(this.context, this.accounts, clusterId, this.log);
      catalog.onDidChange(() => this.treeChanged.fire(clusterRoot(clusterId)));
      this.catalogs.set(clusterId, catalog);
    }
    return catalog;
  }

  member(clusterId: string): Member | undefined {
    return this.accounts.get(clusterId)?.member;
  }

  async api(clusterId: string): Promise<ServerApi> {
    const cluster = this.accounts.get(clusterId);
    const token = await this.accounts.token(clusterId);
    if (!cluster || !token)
      throw new Error(vscode.l10n.t('This device has not joined the cluster "{0}".', clusterId));
    return new ServerApi(cluster.serverUrl, token);
  }

  /**
   * The plan's session, with its content present: from this device's replica, or, for a plan
   * this device has never seen, from the server's first sync.
   */
  async openPlan(clusterId: string, planId: string): Promise<DocSession> {
    const session = await this.pool.peek(clusterId, planDocName(clusterId, planId));
    this.watchFrontMatter(clusterId, planId, session);
    if (planText(session.doc).length > 0 || session.provider.synced) return session;
    const synced = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), FIRST_SYNC_WAIT_MS);
      session.provider.once('sync', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!synced) {
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t(
          'This plan is not on this device yet and the cluster server cannot be reached. Connect once to download it; after that it opens offline.',
        ),
      );
    }
    return session;
  }

  /** Keeps the explorer in step with a plan's front matter while it is open (a new title renames the file). */
  private watchFrontMatter(clusterId: string, planId: string, session: DocSession): void {
    if (this.watched.has(session)) return;
    this.watched.add(session);
    const text = planText(session.doc);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const note = (): void => {
      const { frontMatter } = readFrontMatter(text.toString());
      this.catalog(clusterId).noteLocal(summaryFromFrontMatter(planId, frontMatter, Date.now()));
    };
    text.observe(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(note, 500);
    });
  }

  async createPlan(clusterId: string, planId: string, markdown: string): Promise<vscode.Uri> {
    const session = await this.pool.peek(clusterId, planDocName(clusterId, planId));
    session.doc.transact(() => planText(session.doc).insert(0, markdown.replace(/\r\n?/g, '\n')), {
      name: 'cluster-lessons/new-plan',
    });
    await session.replica.flush();
    const { frontMatter } = readFrontMatter(markdown);
    this.catalog(clusterId).noteLocal(summaryFromFrontMatter(planId, frontMatter, Date.now()));
    this.watchFrontMatter(clusterId, planId, session);
    this.log.info(`Created plan ${planId} in ${clusterId}`);
    return clusterRoot(clusterId);
  }

  async deletePlan(clusterId: string, planId: string): Promise<void> {
    try {
      await (await this.api(clusterId)).deletePlan(planId);
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(explainServerError(error));
    }
    this.catalog(clusterId).setDeleted(planId, Date.now());
  }

  async restorePlan(clusterId: string, planId: string): Promise<void> {
    try {
      await (await this.api(clusterId)).restorePlan(planId);
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(explainServerError(error));
    }
    this.catalog(clusterId).setDeleted(planId, undefined);
  }

  /** Editor bindings register here so that saving a bound plan never writes its text a second time. */
  registerBound(docName: string, flush: () => Promise<void>): vscode.Disposable {
    this.bound.set(docName, flush);
    return new vscode.Disposable(() => this.bound.delete(docName));
  }

  isBound(docName: string): boolean {
    return this.bound.has(docName);
  }

  async flush(docName: string): Promise<void> {
    await this.bound.get(docName)?.();
  }

  dispose(): void {
    for (const c of this.catalogs.values()) c.dispose();
    this.treeChanged.dispose();
  }
}

export function explainServerError(error: unknown): string {
  if (error instanceof ServerApiError) {
    if (error.status === 403) return vscode.l10n.t('You are not allowed to do this: {0}', error.message);
    if (error.status === 401)
      return vscode.l10n.t('The server no longer accepts this device. Join the cluster again.');
    return vscode.l10n.t('The server refused: {0}', error.message);
  }
  return vscode.l10n.t(
    'This needs a connection to the cluster server, which cannot be reached now. Try again later.',
  );
}
