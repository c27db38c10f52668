import * as vscode from 'vscode';
import type { Member } from '../../core/cluster/model';
import type { RoundInfo } from '../../core/review/types';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';

/** A round with the cluster it belongs to and what the person using this VS Code is in it. */
export interface KnownRound {
  readonly clusterId: string;
  readonly round: RoundInfo;
  readonly me: string;
  /** May write the review document: the observed teacher or an invited observer. */
  readonly mayWrite: boolean;
}

interface Cached {
  readonly rounds: RoundInfo[];
  readonly members: Member[];
  readonly at: number;
}

const cacheKey = (clusterId: string): string => `clusterLessons.rounds.${clusterId}`;
const REFRESH_MS = 5 * 60_000;

/**
 * The observation rounds this person is part of, in every joined cluster, as the server lists
 * them (the server decides who sees a round; this is only its answer). The last answer is kept
 * on the device, so the views and the overdue reminder work offline.
 */
export class ClusterRounds implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly timer: ReturnType<typeof setInterval>;
  private refreshing: Promise<void> | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly workspace: ClusterWorkspace,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.subs.push(workspace.accounts.onDidChange(() => void this.refresh()));
  }

  all(): KnownRound[] {
    const out: KnownRound[] = [];
    for (const cluster of this.workspace.accounts.list()) {
      const me = cluster.member.id;
      for (const round of this.cached(cluster.clusterId).rounds) {
        const mayWrite =
          (round.status === 'open' || round.status === 'completed') &&
          (round.teacher === me || round.observers.includes(me));
        out.push({ clusterId: cluster.clusterId, round, me, mayWrite });
      }
    }
    return out;
  }

  find(roundId: string): KnownRound | undefined {
    return this.all().find((r) => r.round.id === roundId);
  }

  /** Rounds whose review document this person may open (open or completed, and part of its audience). */
  readable(): KnownRound[] {
    return this.all().filter(
      (r) =>
        (r.round.status === 'open' || r.round.status === 'completed') &&
        (r.round.teacher === r.me || r.round.observers.includes(r.me) || r.round.sharedWith.includes(r.me)),
    );
  }

  /** Readable rounds on one plan document (`<cluster>/plan/<id>`). */
  onPlan(planDoc: string): KnownRound[] {
    return this.readable().filter((r) => r.round.plan === planDoc);
  }

  members(clusterId: string): Member[] {
    return this.cached(clusterId).members;
  }

  nameOf(clusterId: string, memberId: string): string {
    return (
      this.members(clusterId).find((m) => m.id === memberId)?.name ??
      (this.workspace.member(clusterId)?.id === memberId
        ? this.workspace.member(clusterId)?.name
        : undefined) ??
      vscode.l10n.t('a colleague')
    );
  }

  /** Asks every cluster's server again; keeps the last answer of a server that cannot be reached. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    this.lastAsked = Date.now();
    let changed = false;
    for (const cluster of this.workspace.accounts.list()) {
      try {
        const api = await this.workspace.api(cluster.clusterId);
        const [{ rounds }, { members }] = await Promise.all([api.listRounds(), api.members()]);
        const before = JSON.stringify(this.cached(cluster.clusterId).rounds);
        await this.context.globalState.update(cacheKey(cluster.clusterId), {
          rounds,
          members,
          at: Date.now(),
        } satisfies Cached);
        if (before !== JSON.stringify(rounds)) changed = true;
      } catch (error) {
        this.log.info(`Observation rounds of ${cluster.clusterId}: kept the last list (${String(error)})`);
      }
    }
    if (changed) this.changed.fire();
  }

  private lastAsked = 0;

  /** A refresh unless one happened in the last 20 seconds: for events that may come in bursts. */
  refreshSoon(): void {
    if (Date.now() - this.lastAsked < 20_000) return;
    void this.refresh();
  }

  /** Puts one round the server just answered with into the list, without waiting for a refresh. */
  async remember(clusterId: string, round: RoundInfo): Promise<void> {
    const cached = this.cached(clusterId);
    const rounds = [round, ...cached.rounds.filter((r) => r.id !== round.id)];
    await this.context.globalState.update(cacheKey(clusterId), { ...cached, rounds } satisfies Cached);
    this.changed.fire();
  }

  private cached(clusterId: string): Cached {
    return this.context.globalState.get<Cached>(cacheKey(clusterId), { rounds: [], members: [], at: 0 });
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}
