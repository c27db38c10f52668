import * as vscode from 'vscode';
import type { Expertise } from '../../core/pacesetter/types';
import type { ClusterAccounts } from './accounts';
import { ServerApi, ServerApiError } from './serverApi';

// Who in each joined cluster is confident to help with which topics: the server's list
// (GET /api/expertise), kept in the extension's global state so "This Week" and the pace-setter
// still say who can help when the device is offline. Fetched a few seconds after start (not in
// the way of activation), every ten minutes, when a cluster is joined, and after this person
// saves their own ("Set My Expertise…").
//
// One instance per activation, shared by the views and the command through clusterExpertise():
// the features that show expertise are composed elsewhere (registerPaceSetter) and take only
// their own dependencies, so they ask for it here rather than have it passed down.

const CACHE_PREFIX = 'clusterLessons.expertise.';
const cacheKey = (clusterId: string): string => `${CACHE_PREFIX}${clusterId}`;
const FIRST_REFRESH_MS = 4_000;
const REFRESH_EVERY_MS = 10 * 60 * 1000;

export class ClusterExpertise implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the id of the cluster whose list changed. */
  readonly onDidChange = this.changed.event;
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /** Clusters whose last fetch failed, so an offline week logs one line, not one every ten minutes. */
  private readonly failing = new Set<string>();
  private readonly first: ReturnType<typeof setTimeout>;
  private readonly every: ReturnType<typeof setInterval>;
  private readonly subscription: vscode.Disposable;
  private disposed = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly accounts: ClusterAccounts,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.first = setTimeout(() => void this.refreshAll(), FIRST_REFRESH_MS);
    this.every = setInterval(() => void this.refreshAll(), REFRESH_EVERY_MS);
    this.subscription = accounts.onDidChange(() => {
      void this.forgetLeft();
      void this.refreshAll();
    });
  }

  /** The cluster's expertise as last fetched (this device's copy); empty if never fetched. */
  get(clusterId: string): readonly Expertise[] {
    return this.context.globalState.get<Expertise[]>(cacheKey(clusterId), []);
  }

  /** A member's own topics as last fetched. */
  topicsOf(clusterId: string, memberId: string): readonly string[] {
    return this.get(clusterId).find((e) => e.memberId === memberId)?.topics ?? [];
  }

  refreshAll(): Promise<void> {
    return Promise.all(this.accounts.list().map((c) => this.refresh(c.clusterId))).then(() => undefined);
  }

  /** Asks the server again; resolves to whether it answered. Keeps this device's copy when it did not. */
  refresh(clusterId: string): Promise<boolean> {
    let running = this.inFlight.get(clusterId);
    if (!running) {
      running = this.fetch(clusterId).finally(() => this.inFlight.delete(clusterId));
      this.inFlight.set(clusterId, running);
    }
    return running;
  }

  /** Shows what the server kept of this member's topics at once, then fetches the whole list again. */
  async saved(clusterId: string, mine: Expertise): Promise<void> {
    const others = this.get(clusterId).filter((e) => e.memberId !== mine.memberId);
    const list = mine.topics.length > 0 ? [...others, mine] : others;
    await this.store(clusterId, list);
    await this.refresh(clusterId);
  }

  private async fetch(clusterId: string): Promise<boolean> {
    const cluster = this.accounts.get(clusterId);
    const token = cluster ? await this.accounts.token(clusterId) : undefined;
    if (!cluster || !token) return false;
    try {
      const { expertise } = await new ServerApi(cluster.serverUrl, token).expertise();
      if (this.disposed || !this.accounts.get(clusterId)) return false;
      this.failing.delete(clusterId);
      await this.store(clusterId, Array.isArray(expertise) ? expertise : []);
      return true;
    } catch (error) {
      if (!this.failing.has(clusterId)) {
        this.failing.add(clusterId);
        const why = error instanceof ServerApiError ? `${error.status} ${error.message}` : String(error);
        this.log.info(`Expertise of ${clusterId}: kept this device's copy (server not reached: ${why})`);
      }
      return false;
    }
  }

  private async store(clusterId: string, list: readonly Expertise[]): Promise<void> {
    if (JSON.stringify(this.get(clusterId)) === JSON.stringify(list)) return;
    await this.context.globalState.update(cacheKey(clusterId), list);
    if (!this.disposed) this.changed.fire(clusterId);
  }

  /** Drops this device's copy for clusters it left. */
  private async forgetLeft(): Promise<void> {
    const joined = new Set(this.accounts.list().map((c) => cacheKey(c.clusterId)));
    for (const key of this.context.globalState.keys()) {
      if (key.startsWith(CACHE_PREFIX) && !joined.has(key)) {
        await this.context.globalState.update(key, undefined);
        this.changed.fire(key.slice(CACHE_PREFIX.length));
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.first);
    clearInterval(this.every);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

const shared = new WeakMap<ClusterAccounts, ClusterExpertise>();

/** This activation's ClusterExpertise (made on first use, disposed with the extension). */
export function clusterExpertise(
  context: vscode.ExtensionContext,
  accounts: ClusterAccounts,
  log: vscode.LogOutputChannel,
): ClusterExpertise {
  let found = shared.get(accounts);
  if (!found) {
    found = new ClusterExpertise(context, accounts, log);
    shared.set(accounts, found);
    context.subscriptions.push(found);
  }
  return found;
}
