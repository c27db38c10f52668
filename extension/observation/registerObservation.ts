import * as vscode from 'vscode';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import type { PlanBindings } from '../editor/planBindings';
import { ClusterRounds } from './clusterRounds';
import { DiscussionDocs } from './discussionDocs';
import { registerFeedbackCommands } from './feedbackCommands';
import { FeedbackThreads } from './feedbackThreads';
import { registerNextSteps, remindOfOverdueSteps } from './nextStepsView';
import { ReviewDocs } from './reviewDocs';
import { registerRoundCommands } from './roundCommands';
import { registerRoundsView } from './roundsView';
import { registerSnapshots } from './snapshots';

const FIRST_LOOK_MS = 4_000;

/**
 * Peer observation (DOMAIN.md practices 3–5): rounds the teacher opens, feedback as comment
 * threads on the plan, the post-lesson discussion, next steps followed up until done, and
 * lesson study. What a person may read or write is the server's decision; this only shows it.
 */
export function registerObservation(
  context: vscode.ExtensionContext,
  workspace: ClusterWorkspace,
  bindings: PlanBindings,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const rounds = new ClusterRounds(context, workspace, log);
  const reviews = new ReviewDocs(rounds, workspace.pool, log);
  const threads = new FeedbackThreads(bindings, rounds, reviews, log);
  const deps = { workspace, bindings, rounds, reviews, threads, extensionUri: context.extensionUri };
  const proposalsSeen = new Set<string>();

  /** A proposal to observe my lesson is a question to me: ask it once, where I will see it. */
  const askAboutProposals = (): void => {
    for (const known of rounds.all()) {
      if (known.round.status !== 'proposed' || known.round.teacher !== known.me) continue;
      if (proposalsSeen.has(known.round.id)) continue;
      proposalsSeen.add(known.round.id);
      const accept = vscode.l10n.t('Accept');
      const decline = vscode.l10n.t('Decline');
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t(
            '{0} proposes to observe your lesson on {1} with {2}. It is your choice.',
            known.round.proposedBy
              ? rounds.nameOf(known.clusterId, known.round.proposedBy)
              : vscode.l10n.t('Your cluster leader'),
            known.round.date,
            known.round.observers.map((id) => rounds.nameOf(known.clusterId, id)).join(', '),
          ),
          accept,
          decline,
        )
        .then((answer) => {
          const node = { kind: 'round' as const, known };
          if (answer === accept) void vscode.commands.executeCommand('clusterLessons.acceptRound', node);
          if (answer === decline) void vscode.commands.executeCommand('clusterLessons.declineRound', node);
        });
    }
  };

  const firstLook = setTimeout(() => {
    void rounds.refresh().then(async () => {
      askAboutProposals();
      await remindOfOverdueSteps(context, rounds, reviews);
    });
  }, FIRST_LOOK_MS);

  return vscode.Disposable.from(
    rounds,
    reviews,
    threads,
    new DiscussionDocs(rounds, reviews, log),
    registerSnapshots(rounds, reviews),
    registerFeedbackCommands(deps),
    registerRoundCommands(deps),
    registerNextSteps(rounds, reviews),
    registerRoundsView(rounds, reviews, workspace),
    rounds.onDidChange(askAboutProposals),
    // Opening a plan is when a person cares whether a round is on it: ask the server then (at most every 20 s).
    bindings.onDidChange(() => rounds.refreshSoon()),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) rounds.refreshSoon();
    }),
    new vscode.Disposable(() => clearTimeout(firstLook)),
  );
}
