import * as vscode from 'vscode';
import { buildTree, type CatalogNode, type PlanSummary } from '../../core/plan/catalog';
import type { ClusterAccounts } from './accounts';
import { ServerApi } from './serverApi';

const cacheKey = (clusterId: string): string => `clusterLessons.catalog.${clusterId}`;
const REFRESH_AFTER_MS = 15_000;

/**
 * The plans of one cluster as this device knows them: the server's list (cached for offline use)
 * overlaid with what this device created or renamed and the server may not know yet.
 */
export class ClusterCatalog implements vscode.Disposable {
  private server: Map<string, PlanSummary>;
  private readonly local = new Map<string, PlanSummary>();
  private tree: CatalogNode & { kind: 'dir' };
  private fetchedAt = 0;
  private inFlight: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly accounts: ClusterAccounts,
    readonly clusterId: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const cached = context.globalState.get<PlanSummary[]>(cacheKey(clusterId), []);
    this.server = new Map(cached.map((p) => [p.id, p]));
    this.tree = this.rebuild();
  }

  /** The tree after the first answer from the server this session (or its failure, offline). */
  async ready(): Promise<CatalogNode & { kind: 'dir' }> {
    if (this.fetchedAt === 0) await this.refresh();
    return this.tree;
  }

  root(): CatalogNode & { kind: 'dir' } {
    if (Date.now() - this.fetchedAt > REFRESH_AFTER_MS) void this.refresh();
    return this.tree;
  }

  get(id: string): PlanSummary | undefined {
    return this.local.get(id) ?? this.server.get(id);
  }

  /** Asks the server for the list; offline, the cached list stays. */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetch(): Promise<void> {
    const cluster = this.accounts.get(this.clusterId);
    const token = await this.accounts.token(this.clusterId);
    if (!cluster || !token) {
      this.fetchedAt = Date.now();
      this.log.warn(
        `No sign-in for cluster ${this.clusterId} on this device: its plan list cannot be refreshed`,
      );
      return;
    }
    try {
      const { plans } = await new ServerApi(cluster.serverUrl, token).listPlans();
      this.fetchedAt = Date.now();
      this.server = new Map(plans.map((p) => [p.id, p]));
      // What the server now knows as new as ours needs no local overlay any more.
      for (const [id, mine] of this.local) {
        const theirs = this.server.get(id);
        if (theirs && theirs.updatedAt >= mine.updatedAt && theirs.title === mine.title)
          this.local.delete(id);
      }
      await this.context.globalState.update(cacheKey(this.clusterId), plans);
      this.log.info(`Plan list of ${this.clusterId}: ${plans.length} plan(s)`);
      this.update();
    } catch (error) {
      this.fetchedAt = Date.now();
      this.log.info(`Plan list of ${this.clusterId} not refreshed (offline?): ${String(error)}`);
    }
  }

  /** Records what this device knows about a plan (created here, or its front matter changed). */
  noteLocal(summary: PlanSummary): void {
    const known = this.get(summary.id);
    if (known && sameSummary(known, summary)) return;
    this.local.set(summary.id, {
      ...summary,
      ...(known?.deletedAt !== undefined ? { deletedAt: known.deletedAt } : {}),
    });
    this.update();
  }

  setDeleted(id: string, deletedAt: number | undefined): void {
    const known = this.get(id);
    if (!known) return;
    const { deletedAt: _old, ...rest } = known;
    this.local.set(id, deletedAt === undefined ? rest : { ...rest, deletedAt });
    this.update();
  }

  private update(): void {
    this.tree = this.rebuild();
    this.changed.fire();
  }

  private rebuild(): CatalogNode & { kind: 'dir' } {
    const merged = new Map(this.server);
    for (const [id, p] of this.local) merged.set(id, p);
    return buildTree([...merged.values()]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function sameSummary(a: PlanSummary, b: PlanSummary): boolean {
  return (
    a.title === b.title &&
    a.subject === b.subject &&
    a.grade === b.grade &&
    a.term === b.term &&
    a.week === b.week
  );
}
