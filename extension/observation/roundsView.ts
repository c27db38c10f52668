import * as vscode from 'vscode';
import { readCycles, readNextSteps, readThreads } from '../../core/review/reviewDoc';
import { type CycleView, DISCUSSION_PARTS, type DiscussionPart } from '../../core/review/types';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import type { ClusterRounds, KnownRound } from './clusterRounds';
import { discussionUri } from './discussionDocs';
import { partLabel, statusLabel } from './labels';
import type { ReviewDocs } from './reviewDocs';
import { snapshotUri } from './snapshots';

export const ROUNDS_VIEW = 'clusterLessons.rounds';

export type RoundNode = { readonly kind: 'round'; readonly known: KnownRound };
type PartNode = { readonly kind: 'part'; readonly known: KnownRound; readonly part: DiscussionPart };
type InfoNode = {
  readonly kind: 'info';
  readonly known: KnownRound;
  readonly id: string;
  readonly label: string;
  readonly icon: string;
};
export type CycleNode = {
  readonly kind: 'cycle';
  readonly known: KnownRound;
  readonly cycle: CycleView;
  readonly previous?: CycleView;
};
type Node = RoundNode | PartNode | InfoNode | CycleNode;

/** The person's part in a round, for menus: what they may do with it. */
export function roleIn(known: KnownRound): 'teacher' | 'observer' | 'audience' | 'proposer' {
  const { round, me } = known;
  if (round.teacher === me) return 'teacher';
  if (round.observers.includes(me)) return 'observer';
  if (round.sharedWith.includes(me)) return 'audience';
  return 'proposer';
}

export function planTitle(workspace: ClusterWorkspace, known: KnownRound): string {
  const planId = known.round.plan?.split('/').pop();
  return (planId && workspace.catalog(known.clusterId).get(planId)?.title) || vscode.l10n.t('a lesson');
}

/** "Observation Rounds": the rounds I teach, observe, proposed or was shown, and what is in each. */
class RoundsProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly rounds: ClusterRounds,
    private readonly reviews: ReviewDocs,
    private readonly workspace: ClusterWorkspace,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      return this.rounds
        .all()
        .sort((a, b) => b.round.date.localeCompare(a.round.date))
        .map((known) => ({ kind: 'round', known }));
    }
    if (node.kind !== 'round') return [];
    const { known } = node;
    if (known.round.status === 'proposed' || known.round.status === 'declined') return [];
    const readable = this.rounds.readable().some((r) => r.round.id === known.round.id);
    if (!readable) return [];
    const doc = await this.reviews.doc(known);
    const threads = readThreads(doc);
    const steps = readNextSteps(doc);
    const open = steps.filter((s) => s.status === 'open').length;
    const children: Node[] = [
      {
        kind: 'info',
        known,
        id: 'feedback',
        label: vscode.l10n.t(
          'Feedback: {0} threads, {1} resolved',
          threads.length,
          threads.filter((t) => t.resolved).length,
        ),
        icon: 'comment-discussion',
      },
      ...DISCUSSION_PARTS.map((part): PartNode => ({ kind: 'part', known, part })),
      {
        kind: 'info',
        known,
        id: 'steps',
        label: vscode.l10n.t('Next steps: {0} open of {1}', open, steps.length),
        icon: 'checklist',
      },
    ];
    const cycles = readCycles(doc);
    cycles.forEach((cycle, i) => {
      const previous = cycles[i - 1];
      children.push({ kind: 'cycle', known, cycle, ...(previous ? { previous } : {}) });
    });
    return children;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const { known } = node;
    switch (node.kind) {
      case 'round': {
        const { round } = known;
        const item = new vscode.TreeItem(
          vscode.l10n.t('{0} — {1}', planTitle(this.workspace, known), round.date),
          round.status === 'open' || round.status === 'completed'
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `round/${round.id}`;
        const teacher = this.rounds.nameOf(known.clusterId, round.teacher);
        item.description = [teacher, round.className, statusLabel(round.status)].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(
          round.status === 'proposed'
            ? 'mail'
            : round.status === 'completed'
              ? 'pass'
              : round.status === 'declined'
                ? 'circle-slash'
                : 'eye',
        );
        const tooltip = new vscode.MarkdownString();
        tooltip.appendText(
          vscode.l10n.t(
            'Observers: {0}',
            round.observers.map((id) => this.rounds.nameOf(known.clusterId, id)).join(', ') || '—',
          ),
        );
        for (const q of round.focusQuestions) tooltip.appendMarkdown('\n\n- ').appendText(q);
        if (round.developmental)
          tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Developmental — not for appraisal.'));
        item.tooltip = tooltip;
        item.contextValue = `round;${round.status};${roleIn(known)}${round.lessonStudy ? ';lessonStudy' : ''}`;
        return item;
      }
      case 'part': {
        const item = new vscode.TreeItem(partLabel(node.part));
        item.id = `part/${known.round.id}/${node.part}`;
        item.iconPath = new vscode.ThemeIcon('note');
        item.command = {
          command: 'vscode.open',
          title: vscode.l10n.t('Open'),
          arguments: [discussionUri(known, node.part)],
        };
        return item;
      }
      case 'info': {
        const item = new vscode.TreeItem(node.label);
        item.id = `${node.id}/${known.round.id}`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.id === 'feedback')
          item.command = {
            command: 'clusterLessons.openRoundPlan',
            title: vscode.l10n.t('Open the plan'),
            arguments: [{ kind: 'round', known }],
          };
        if (node.id === 'steps')
          item.command = {
            command: 'clusterLessons.nextSteps.focus',
            title: vscode.l10n.t('Show Next Steps'),
          };
        return item;
      }
      case 'cycle': {
        const { cycle } = node;
        const item = new vscode.TreeItem(
          vscode.l10n.t('Cycle {0}: taught {1} at {2}', cycle.n, cycle.taughtOn, cycle.school),
        );
        item.id = `cycle/${known.round.id}/${cycle.id}`;
        item.description = cycle.teacher.name;
        item.tooltip = cycle.note || undefined;
        item.iconPath = new vscode.ThemeIcon('history');
        item.contextValue = node.previous ? 'cycle;hasPrevious' : 'cycle';
        item.command = {
          command: 'vscode.open',
          title: vscode.l10n.t('Open'),
          arguments: [snapshotUri(known, cycle)],
        };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerRoundsView(
  rounds: ClusterRounds,
  reviews: ReviewDocs,
  workspace: ClusterWorkspace,
): vscode.Disposable {
  const provider = new RoundsProvider(rounds, reviews, workspace);
  const view = vscode.window.createTreeView(ROUNDS_VIEW, { treeDataProvider: provider });
  return vscode.Disposable.from(
    view,
    provider,
    rounds.onDidChange(() => provider.refresh()),
    reviews.onDidChange(() => provider.refresh()),
  );
}
