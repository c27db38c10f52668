import * as vscode from 'vscode';
import { whoKnows } from '../../core/pacesetter/expertise';
import { localIsoDate } from '../../core/pacesetter/isoDate';
import { readPaceSetter } from '../../core/pacesetter/model';
import { thisWeek } from '../../core/pacesetter/thisWeek';
import type { EntryView, PaceSetterView } from '../../core/pacesetter/types';
import type { CatalogNode, PlanSummary } from '../../core/plan/catalog';
import { type ClusterExpertise, clusterExpertise } from '../clusters/clusterExpertise';
import { describe } from '../pacesetter/clusterPaceSetters';
import { metaDocName, paceSetterDocName } from '../pacesetter/docNames';
import type { LiveDoc } from '../pacesetter/liveDocs';
import type { PaceSetterDeps } from '../pacesetter/livePaceSetter';
import { readRegistry } from '../pacesetter/registry';
import { planUri } from '../fs/planUri';

// "This Week": for each pace-setter of the clusters this device joined, the topic(s) of today's
// teaching week, the lesson plans for them, the next common assessment and who can help.
//
// Plans are matched by their catalog entry (subject, grade, term and week), because the server's
// plan list does not carry the front matter's `entry` link; a plan moved to another week with its
// entry is therefore not found here until its front matter's week follows.
// Who can help: members whose expertise (the server's list, this device's copy offline; see
// clusters/clusterExpertise.ts) matches the topic or its sub-topics.

type Node =
  | { kind: 'pacesetter'; clusterId: string; id: string; title: string }
  | { kind: 'topic'; clusterId: string; docName: string; pacesetter: PaceSetterView; entry: EntryView }
  | { kind: 'plan'; clusterId: string; plan: PlanSummary }
  | { kind: 'newPlan'; docName: string; entry: EntryView }
  | { kind: 'line'; label: string; icon: string; tooltip?: string };

const REFRESH_MS = 300;

class ThisWeekProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly held = new Map<string, { doc: LiveDoc; sub: vscode.Disposable }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    private readonly deps: PaceSetterDeps,
    /** Who can help with what, per cluster. */
    private readonly expertise: ClusterExpertise,
  ) {}

  refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire(undefined);
    }, REFRESH_MS);
  }

  /** Keeps a document open while the view shows it, and redraws when it changes. */
  private live(clusterId: string, docName: string): LiveDoc {
    let held = this.held.get(docName);
    if (!held) {
      const doc = this.deps.docs.hold(clusterId, docName);
      held = { doc, sub: doc.onDidChange(() => this.refresh()) };
      this.held.set(docName, held);
    }
    return held.doc;
  }

  /** Lets go of documents of clusters this device left. */
  forgetOthers(): void {
    const joined = new Set(this.deps.workspace.accounts.list().map((c) => c.clusterId));
    for (const [name, held] of this.held) {
      if (joined.has(held.doc.clusterId)) continue;
      held.sub.dispose();
      held.doc.release();
      this.held.delete(name);
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.roots();
    if (node.kind === 'pacesetter') return this.weekOf(node);
    if (node.kind === 'topic') return this.plansOf(node);
    return [];
  }

  private async roots(): Promise<Node[]> {
    const nodes: Node[] = [];
    for (const cluster of this.deps.workspace.accounts.list()) {
      const meta = this.live(cluster.clusterId, metaDocName(cluster.clusterId));
      try {
        const session = await meta.ready();
        for (const p of readRegistry(session.doc))
          nodes.push({ kind: 'pacesetter', clusterId: cluster.clusterId, id: p.id, title: describe(p) });
      } catch (error) {
        this.deps.log.warn(
          `This Week: the pace-setters of ${cluster.clusterId} could not be read: ${String(error)}`,
        );
      }
    }
    return nodes;
  }

  private async weekOf(node: Node & { kind: 'pacesetter' }): Promise<Node[]> {
    const docName = paceSetterDocName(node.clusterId, node.id);
    const session = await this.live(node.clusterId, docName).ready();
    const pacesetter = readPaceSetter(session.doc, node.id);
    const today = localIsoDate(new Date());
    const now = thisWeek(pacesetter, today);
    const nodes: Node[] = [];
    if (now.entries.length > 0) {
      for (const entry of now.entries)
        nodes.push({ kind: 'topic', clusterId: node.clusterId, docName, pacesetter, entry });
    } else {
      const label =
        now.place.kind === 'break'
          ? vscode.l10n.t('A break in term {0}', now.place.term)
          : now.place.kind === 'week'
            ? vscode.l10n.t('Nothing planned for term {0}, week {1}', now.place.term, now.place.week)
            : vscode.l10n.t('School holidays');
      nodes.push({ kind: 'line', label, icon: 'calendar' });
    }
    if (now.nextCommon) {
      const { formal, entry } = now.nextCommon;
      nodes.push({
        kind: 'line',
        label: vscode.l10n.t('Next common assessment: {0} on {1}', formal.type, formal.date),
        icon: 'milestone',
        tooltip: vscode.l10n.t(
          '{0}, {1}% of the term mark, on {2}: {3}',
          formal.type,
          formal.weight,
          formal.date,
          entry.topic,
        ),
      });
    } else {
      nodes.push({
        kind: 'line',
        label: vscode.l10n.t('No common assessment planned from today'),
        icon: 'milestone',
      });
    }
    const expertise = this.expertise.get(node.clusterId);
    for (const entry of now.entries) {
      for (const match of whoKnows(expertise, [entry.topic, ...entry.subTopics])) {
        nodes.push({
          kind: 'line',
          label: vscode.l10n.t(
            'Can help with {0}: {1} ({2})',
            entry.topic,
            match.member.name,
            match.member.school,
          ),
          icon: 'person',
          tooltip: vscode.l10n.t(
            '{0} is confident to help with: {1}. Ask them, or ask them to present it at a cluster workshop.',
            match.member.name,
            match.member.topics.join(', '),
          ),
        });
      }
    }
    return nodes;
  }

  private plansOf(node: Node & { kind: 'topic' }): Node[] {
    const { meta } = node.pacesetter;
    const same = (a: string | undefined, b: string) =>
      (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();
    const plans = allPlans(this.deps.workspace.catalog(node.clusterId).root()).filter(
      (p) =>
        p.deletedAt === undefined &&
        !p.isTemplate &&
        same(p.subject, meta.subject) &&
        same(p.grade, meta.grade) &&
        p.term === node.entry.term &&
        p.week === node.entry.week,
    );
    return [
      ...plans.map((plan): Node => ({ kind: 'plan', clusterId: node.clusterId, plan })),
      { kind: 'newPlan', docName: node.docName, entry: node.entry },
    ];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'pacesetter': {
        const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('calendar');
        item.contextValue = 'pacesetter';
        item.id = `${node.clusterId}/${node.id}`;
        item.command = {
          command: 'clusterLessons.openPaceSetter',
          title: vscode.l10n.t('Open Pace-Setter'),
          arguments: [paceSetterDocName(node.clusterId, node.id)],
        };
        return item;
      }
      case 'topic': {
        const item = new vscode.TreeItem(node.entry.topic, vscode.TreeItemCollapsibleState.Expanded);
        item.description = vscode.l10n.t('term {0}, week {1}', node.entry.term, node.entry.week);
        item.iconPath = new vscode.ThemeIcon('book');
        item.tooltip = [node.entry.topic, ...node.entry.subTopics.map((s) => `• ${s}`), node.entry.reference]
          .filter((s) => s)
          .join('\n');
        item.contextValue = 'thisWeekTopic';
        item.id = `${node.docName}#${node.entry.id}`;
        return item;
      }
      case 'plan': {
        const item = new vscode.TreeItem(node.plan.title, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('file-text');
        const uri = planUri(this.deps.workspace.catalog(node.clusterId), node.clusterId, node.plan.id);
        if (uri) {
          item.resourceUri = uri;
          item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
        }
        return item;
      }
      case 'newPlan': {
        const item = new vscode.TreeItem(
          vscode.l10n.t('New Plan for This Entry…'),
          vscode.TreeItemCollapsibleState.None,
        );
        item.iconPath = new vscode.ThemeIcon('add');
        item.command = {
          command: 'clusterLessons.newPlanForEntry',
          title: vscode.l10n.t('New Plan for This Entry…'),
          arguments: [node.docName, node.entry.id],
        };
        return item;
      }
      case 'line': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.tooltip) item.tooltip = node.tooltip;
        return item;
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const held of this.held.values()) {
      held.sub.dispose();
      held.doc.release();
    }
    this.held.clear();
    this.changed.dispose();
  }
}

function allPlans(node: CatalogNode): PlanSummary[] {
  return node.kind === 'plan' ? [node.plan] : [...node.children.values()].flatMap(allPlans);
}

export function registerThisWeekView(deps: PaceSetterDeps): vscode.Disposable {
  const expertise = clusterExpertise(deps.context, deps.workspace.accounts, deps.log);
  const provider = new ThisWeekProvider(deps, expertise);
  const view = vscode.window.createTreeView('clusterLessons.thisWeek', { treeDataProvider: provider });
  const catalogSubs = new Map<string, vscode.Disposable>();
  const watchCatalogs = (): void => {
    for (const cluster of deps.workspace.accounts.list()) {
      if (catalogSubs.has(cluster.clusterId)) continue;
      catalogSubs.set(
        cluster.clusterId,
        deps.workspace.catalog(cluster.clusterId).onDidChange(() => provider.refresh()),
      );
    }
  };
  const updateMessage = (): void => {
    view.message =
      deps.workspace.accounts.list().length === 0
        ? vscode.l10n.t('Join a cluster to see what your cluster teaches this week.')
        : undefined;
  };
  watchCatalogs();
  updateMessage();
  // The week turns over while VS Code stays open (a laptop left on over the weekend).
  const hourly = setInterval(() => provider.refresh(), 60 * 60 * 1000);
  return vscode.Disposable.from(
    deps.workspace.accounts.onDidChange(() => {
      provider.forgetOthers();
      watchCatalogs();
      updateMessage();
      provider.refresh();
    }),
    expertise.onDidChange(() => provider.refresh()),
    vscode.commands.registerCommand('clusterLessons.refreshThisWeek', () => {
      provider.refresh();
      void expertise.refreshAll();
    }),
    new vscode.Disposable(() => {
      clearInterval(hourly);
      for (const s of catalogSubs.values()) s.dispose();
    }),
    view,
    provider,
  );
}
