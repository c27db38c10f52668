import * as vscode from 'vscode';
import type { ClusterAccounts } from '../clusters/accounts';
import { clusterRoot } from '../fs/clusterUri';
import { pickCluster } from './leaveCluster';

/** "Open Cluster": the cluster's plans as a folder in the explorer (a `cluster:` virtual workspace folder). */
export function registerOpenCluster(accounts: ClusterAccounts): vscode.Disposable {
  return vscode.commands.registerCommand('clusterLessons.openCluster', async (clusterId?: string) => {
    const cluster = clusterId
      ? accounts.get(clusterId)
      : await pickCluster(accounts, vscode.l10n.t('Which cluster do you want to open?'));
    if (!cluster) return;
    const uri = clusterRoot(cluster.clusterId);
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.some((f) => f.uri.toString() === uri.toString())) {
      await vscode.commands.executeCommand('workbench.view.explorer');
      return;
    }
    if (folders.length === 0) {
      // With no folder open, the cluster becomes the window's folder (the window reloads with it).
      await vscode.commands.executeCommand('vscode.openFolder', uri, { forceReuseWindow: true });
      return;
    }
    // Added after the existing folders: VS Code restarts extensions only when the first folder changes.
    vscode.workspace.updateWorkspaceFolders(folders.length, 0, { uri, name: cluster.clusterName });
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
}
