import * as vscode from 'vscode';
import { addDays, isIsoDate, localIsoDate } from '../../core/pacesetter/isoDate';
import {
  addNextStep,
  closeNextStep,
  isOverdue,
  readNextSteps,
  reopenNextStep,
} from '../../core/review/reviewDoc';
import type { NextStepView, Person } from '../../core/review/types';
import type { ClusterRounds, KnownRound } from './clusterRounds';
import type { ReviewDocs } from './reviewDocs';

export const NEXT_STEPS_VIEW = 'clusterLessons.nextSteps';

type Group = { readonly kind: 'group'; readonly id: 'mine' | 'shared' | 'done'; readonly steps: StepNode[] };
export type StepNode = { readonly kind: 'step'; readonly known: KnownRound; readonly step: NextStepView };
type Node = Group | StepNode;

/** Every next step of the rounds this person can read, read from the review documents. */
export async function collectSteps(rounds: ClusterRounds, reviews: ReviewDocs): Promise<StepNode[]> {
  const out: StepNode[] = [];
  for (const known of rounds.readable()) {
    try {
      const doc = await reviews.doc(known);
      for (const step of readNextSteps(doc)) out.push({ kind: 'step', known, step });
    } catch {
      // A round whose document cannot be opened now (never downloaded, no connection) shows nothing yet.
    }
  }
  return out;
}

const isMine = (n: StepNode): boolean =>
  n.step.owner.id === n.known.me || n.step.supporter?.id === n.known.me;

/**
 * "Next Steps": the steps agreed after observed lessons, so they are followed up until done
 * (a Sindh mentoring programme lost its gains for want of this). Mine first; for leaders and
 * advisors also those of rounds teachers shared with them; overdue ones are flagged.
 */
class NextStepsProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly rounds: ClusterRounds,
    private readonly reviews: ReviewDocs,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'group') return node.steps;
    if (node) return [];
    const steps = await collectSteps(this.rounds, this.reviews);
    const byDue = (a: StepNode, b: StepNode): number => a.step.due.localeCompare(b.step.due);
    const open = steps.filter((s) => s.step.status === 'open').sort(byDue);
    const groups: Group[] = [
      { kind: 'group', id: 'mine', steps: open.filter(isMine) },
      { kind: 'group', id: 'shared', steps: open.filter((s) => !isMine(s)) },
      {
        kind: 'group',
        id: 'done',
        steps: steps
          .filter((s) => s.step.status === 'done')
          .sort(byDue)
          .reverse(),
      },
    ];
    return groups.filter((g) => g.steps.length > 0);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const label =
        node.id === 'mine'
          ? vscode.l10n.t('Mine ({0})', node.steps.length)
          : node.id === 'shared'
            ? vscode.l10n.t("Colleagues' steps ({0})", node.steps.length)
            : vscode.l10n.t('Done ({0})', node.steps.length);
      const item = new vscode.TreeItem(
        label,
        node.id === 'done'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.Expanded,
      );
      item.id = `group/${node.id}`;
      return item;
    }
    const { step, known } = node;
    const overdue = isOverdue(step, localIsoDate(new Date()));
    const item = new vscode.TreeItem(step.text);
    item.id = `${known.round.id}/${step.id}`;
    const who = step.supporter
      ? vscode.l10n.t('{0}, supported by {1}', step.owner.name, step.supporter.name)
      : step.owner.name;
    item.description =
      step.status === 'done'
        ? vscode.l10n.t('done · {0}', who)
        : overdue
          ? vscode.l10n.t('overdue since {0} · {1}', step.due, who)
          : vscode.l10n.t('due {0} · {1}', step.due, who);
    item.iconPath =
      step.status === 'done'
        ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
        : overdue
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon('circle-large-outline');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(step.text);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(
      vscode.l10n.t(
        'Agreed after the lesson observed on {0} ({1}).',
        known.round.date,
        this.rounds.nameOf(known.clusterId, known.round.teacher),
      ),
    );
    if (step.outcome) {
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(vscode.l10n.t('Outcome: {0}', step.outcome));
    }
    item.tooltip = tooltip;
    item.contextValue = `step;${step.status};${known.mayWrite ? 'writable' : 'readonly'}`;
    item.accessibilityInformation = {
      label: `${step.text}, ${String(item.description)}`,
    };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function person(known: KnownRound, rounds: ClusterRounds, id: string): Person {
  return { id, name: rounds.nameOf(known.clusterId, id) };
}

export function registerNextSteps(rounds: ClusterRounds, reviews: ReviewDocs): vscode.Disposable {
  const provider = new NextStepsProvider(rounds, reviews);
  const view = vscode.window.createTreeView(NEXT_STEPS_VIEW, {
    treeDataProvider: provider,
    showCollapseAll: false,
  });
  const refresh = (): void => provider.refresh();
  const register = vscode.commands.registerCommand;

  const close = async (node?: StepNode): Promise<void> => {
    if (!node) return;
    const outcome = await vscode.window.showInputBox({
      title: vscode.l10n.t('Close next step: {0}', node.step.text),
      prompt: vscode.l10n.t(
        'What happened? A step is closed with its outcome, so the cluster learns from it.',
      ),
      ignoreFocusOut: true,
      validateInput: (v) =>
        v.trim() ? undefined : vscode.l10n.t('Write the outcome first: a step cannot be closed without one.'),
    });
    if (!outcome?.trim()) return;
    closeNextStep(
      await reviews.doc(node.known),
      node.step.id,
      outcome.trim(),
      person(node.known, rounds, node.known.me),
      Date.now(),
    );
  };

  const reopen = async (node?: StepNode): Promise<void> => {
    if (node) reopenNextStep(await reviews.doc(node.known), node.step.id);
  };

  return vscode.Disposable.from(
    view,
    provider,
    rounds.onDidChange(refresh),
    reviews.onDidChange(refresh),
    register('clusterLessons.refreshNextSteps', async () => {
      await rounds.refresh();
      refresh();
    }),
    register('clusterLessons.closeNextStep', close),
    register('clusterLessons.reopenNextStep', reopen),
  );
}

/** Asks for a next step's text, owner, due date and optional supporter, and stores it in the round. */
export async function askAndAddNextStep(
  known: KnownRound,
  rounds: ClusterRounds,
  reviews: ReviewDocs,
): Promise<boolean> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('New next step'),
    prompt: vscode.l10n.t('What will be done, concretely? (e.g. "Use pair talk before the experiment")'),
    ignoreFocusOut: true,
    validateInput: (v) =>
      v.trim() ? undefined : vscode.l10n.t('Write the step, or press Escape to cancel.'),
  });
  if (!text?.trim()) return false;
  const people = [known.round.teacher, ...known.round.observers];
  const items = people.map((id) => ({ label: rounds.nameOf(known.clusterId, id), id }));
  const owner = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Who will do it?') });
  if (!owner) return false;
  const suggested = addDays(localIsoDate(new Date()), 14);
  const due = await vscode.window.showInputBox({
    title: vscode.l10n.t('By when? (YYYY-MM-DD)'),
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (v) =>
      isIsoDate(v.trim()) ? undefined : vscode.l10n.t('Write a date like {0}.', suggested),
  });
  if (!due) return false;
  const none = { label: vscode.l10n.t('Nobody'), id: '' };
  const supporter = await vscode.window.showQuickPick(
    [
      none,
      ...rounds.members(known.clusterId).map((m) => ({ label: m.name, description: m.school, id: m.id })),
    ].filter((i) => i.id !== owner.id),
    { title: vscode.l10n.t('Who will support {0}? (optional)', owner.label) },
  );
  addNextStep(await reviews.doc(known), {
    text: text.trim(),
    owner: person(known, rounds, owner.id),
    due: due.trim(),
    ...(supporter?.id ? { supporter: person(known, rounds, supporter.id) } : {}),
    at: Date.now(),
  });
  return true;
}

/** Once a day, when VS Code starts: a gentle word if one of my steps is overdue. */
export async function remindOfOverdueSteps(
  context: vscode.ExtensionContext,
  rounds: ClusterRounds,
  reviews: ReviewDocs,
): Promise<void> {
  const today = localIsoDate(new Date());
  if (context.globalState.get<string>('clusterLessons.overdueReminder') === today) return;
  const mine = (await collectSteps(rounds, reviews)).filter((n) => isMine(n) && isOverdue(n.step, today));
  if (mine.length === 0) return;
  await context.globalState.update('clusterLessons.overdueReminder', today);
  const show = vscode.l10n.t('Show Next Steps');
  const first = mine[0]?.step;
  const message =
    mine.length === 1 && first
      ? vscode.l10n.t('A next step of yours is overdue: "{0}" (due {1}).', first.text, first.due)
      : vscode.l10n.t('{0} of your next steps are overdue.', mine.length);
  if ((await vscode.window.showWarningMessage(message, show)) === show)
    await vscode.commands.executeCommand(`${NEXT_STEPS_VIEW}.focus`);
}
