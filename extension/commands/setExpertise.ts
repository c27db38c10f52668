import * as vscode from 'vscode';
import type { Expertise } from '../../core/pacesetter/types';
import type { ClusterAccounts, JoinedCluster } from '../clusters/accounts';
import { clusterExpertise } from '../clusters/clusterExpertise';
import { ServerApi, ServerApiError } from '../clusters/serverApi';
import { pickCluster } from './leaveCluster';

// "Set My Expertise…": the topics this member is confident to help colleagues with. Colleagues
// see them in This Week and in the pace-setter beside a week's topic ("Can help: …"), and the
// cluster leader picks INSET presenters from them. Saved on the server (PUT /api/me/expertise),
// which is what counts; the limits here only spare a round trip and say the same thing.

/** The server's limits (server/directory/expertiseStore.ts). */
const MAX_TOPICS = 20;
const MAX_TOPIC_CHARS = 80;

/** Topics typed in one line: separated by commas (also the Arabic-script comma) or semicolons. */
export function parseTopics(text: string): string[] {
  const seen = new Set<string>();
  const topics: string[] = [];
  for (const part of text.split(/[,،;]/)) {
    const topic = part.replace(/\s+/g, ' ').trim();
    const key = topic.toLocaleLowerCase();
    if (topic === '' || seen.has(key)) continue;
    seen.add(key);
    topics.push(topic);
  }
  return topics;
}

function problemWith(topics: readonly string[]): string | undefined {
  const long = topics.find((t) => [...t].length > MAX_TOPIC_CHARS);
  if (long) {
    return vscode.l10n.t(
      'Each topic can be at most {0} characters; "{1}…" is longer. Separate topics with commas.',
      MAX_TOPIC_CHARS,
      [...long].slice(0, 30).join(''),
    );
  }
  if (topics.length > MAX_TOPICS) {
    return vscode.l10n.t(
      'At most {0} topics, please ({1} now): keep the ones you are most confident to help with.',
      MAX_TOPICS,
      topics.length,
    );
  }
  return undefined;
}

export function registerSetExpertise(
  context: vscode.ExtensionContext,
  accounts: ClusterAccounts,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const expertise = clusterExpertise(context, accounts, log);
  return vscode.commands.registerCommand('clusterLessons.setExpertise', async () => {
    const cluster = await pickCluster(accounts, vscode.l10n.t('In which cluster?'));
    if (!cluster) return;
    const token = await accounts.token(cluster.clusterId);
    if (!token) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'This device has no sign-in for {0} any more. Join the cluster again, then set your expertise.',
          cluster.clusterName,
        ),
      );
      return;
    }
    // The latest list if the server answers quickly; this device's copy otherwise.
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading your expertise…') },
      () => Promise.race([expertise.refresh(cluster.clusterId), new Promise((r) => setTimeout(r, 3_000))]),
    );
    let value = expertise.topicsOf(cluster.clusterId, cluster.member.id).join(', ');
    for (;;) {
      const typed = await vscode.window.showInputBox({
        title: vscode.l10n.t('Set My Expertise ({0})', cluster.clusterName),
        prompt: vscode.l10n.t(
          'Topics you are confident to help colleagues with, e.g. electric circuits, photosynthesis; colleagues see them in This Week and may ask you to present at a cluster workshop. Separate topics with commas; leave empty to clear.',
        ),
        placeHolder: vscode.l10n.t('e.g. electric circuits, photosynthesis, starch test'),
        value,
        ignoreFocusOut: true,
        validateInput: (text) => problemWith(parseTopics(text)),
      });
      if (typed === undefined) return;
      value = typed;
      const saved = await save(cluster, token, parseTopics(typed), log);
      if (saved === 'retry') continue;
      if (saved === undefined) return;
      await expertise.saved(cluster.clusterId, saved);
      void vscode.window.showInformationMessage(
        saved.topics.length > 0
          ? vscode.l10n.t(
              'Saved. Colleagues in {0} see that you can help with: {1}.',
              cluster.clusterName,
              saved.topics.join(', '),
            )
          : vscode.l10n.t(
              'Saved. You are no longer listed as able to help with a topic in {0}.',
              cluster.clusterName,
            ),
      );
      return;
    }
  });
}

/** Saves the topics; the member as the server kept them, 'retry' to edit again, or undefined. */
async function save(
  cluster: JoinedCluster,
  token: string,
  topics: readonly string[],
  log: vscode.LogOutputChannel,
): Promise<Expertise | 'retry' | undefined> {
  const tryAgain = vscode.l10n.t('Try Again');
  try {
    const answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving your expertise…') },
      () => new ServerApi(cluster.serverUrl, token).setMyExpertise(topics),
    );
    return answer.expertise;
  } catch (error) {
    log.warn(`Saving expertise in ${cluster.clusterId} failed: ${String(error)}`);
    const choice = await vscode.window.showErrorMessage(
      error instanceof ServerApiError
        ? vscode.l10n.t('The cluster server did not save your expertise: {0}', error.message)
        : vscode.l10n.t(
            'Cannot reach the cluster server at {0}. Saving your expertise needs a connection; try again when you are online.',
            cluster.serverUrl,
          ),
      tryAgain,
    );
    return choice === tryAgain ? 'retry' : undefined;
  }
}
