import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { planHeaderPlugin } from '../core/plan/planMarkdown';
import { ClusterAccounts } from './clusters/accounts';
import { ClusterWorkspace } from './clusters/clusterWorkspace';
import { registerCheckServer } from './commands/checkServer';
import { registerDeviceCode } from './commands/deviceCode';
import { registerJoinCluster } from './commands/joinCluster';
import { registerLeaveCluster } from './commands/leaveCluster';
import { registerNewPlan } from './commands/newPlan';
import { registerOpenCluster } from './commands/openCluster';
import { registerRestorePlan } from './commands/restorePlan';
import { registerSetExpertise } from './commands/setExpertise';
import { registerShowLog } from './commands/showLog';
import { PlanBindings } from './editor/planBindings';
import { registerPresence } from './editor/presence';
import { ClusterFileSystem } from './fs/clusterFileSystem';
import { registerExplorerNudge } from './fs/explorerNudge';
import { CLUSTER_SCHEME } from './fs/clusterUri';
import { createLog } from './log';
import { registerObservation } from './observation/registerObservation';
import { registerPaceSetter } from './pacesetter/registerPaceSetter';
import type { Platform } from './platform';
import { planLabels, registerPrintPlan } from './print/printPlan';
import { registerSyncStatus } from './statusBar';
import { SessionPool } from './sync/sessionPool';
import { registerPeopleView } from './views/peopleView';
import { registerSyncStatusController } from './syncStatusController';
import { openWalkthroughOnFirstStart } from './walkthroughOnFirstStart';

/** What the extension gives VS Code: the markdown-it plugin for the built-in preview. */
export interface ClusterLessonsApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/** Shared by both hosts: composes the features, each a disposable. */
export async function activateShared(
  context: vscode.ExtensionContext,
  platform: Platform,
): Promise<ClusterLessonsApi> {
  const started = Date.now();
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const status = registerSyncStatus();
    const accounts = new ClusterAccounts(context);
    const pool = new SessionPool(context, accounts, platform, log);
    const workspace = new ClusterWorkspace(context, accounts, pool, log);
    const fileSystem = new ClusterFileSystem(workspace, log);
    const bindings = new PlanBindings(workspace, log);
    context.subscriptions.push(
      status,
      accounts,
      pool,
      workspace,
      vscode.workspace.registerFileSystemProvider(CLUSTER_SCHEME, fileSystem, { isCaseSensitive: true }),
      workspace.onDidChangeTree((root) => fileSystem.fireTreeChanged(root)),
      bindings,
      registerSyncStatusController(status, bindings),
      registerPresence(bindings, accounts),
      registerPeopleView(bindings),
      registerShowLog(log),
      registerCheckServer({ log, status, platform }),
      registerJoinCluster({ accounts, log }),
      registerLeaveCluster(accounts),
      registerDeviceCode(accounts),
      registerSetExpertise(context, accounts, log),
      registerOpenCluster(accounts),
      registerNewPlan(workspace),
      registerRestorePlan(workspace),
      registerPrintPlan(context.extensionUri),
      registerPaceSetter(context, workspace, log),
      registerObservation(context, workspace, bindings, log),
    );
    context.subscriptions.push(registerExplorerNudge(workspace, fileSystem));
    void openWalkthroughOnFirstStart(context, accounts, log);
    log.info(
      `Activated in the ${platform.host} extension host in ${Date.now() - started} ms; clusters joined on this device: ${accounts.list().length}; folders: ${(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()).join(', ')}`,
    );
    return { extendMarkdownIt: (md) => md.use(planHeaderPlugin, planLabels()) };
  } catch (error) {
    // Activation failures must reach the person, not only the log; rethrow so VS Code records it too.
    log.error('Activation failed', error);
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Cluster Lessons could not start: {0}. See the Cluster Lessons log for details.',
        String(error),
      ),
    );
    throw error;
  }
}
