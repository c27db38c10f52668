import * as vscode from 'vscode';
import type { ClusterAccounts, JoinedCluster } from '../clusters/accounts';

export async function pickCluster(
  accounts: ClusterAccounts,
  placeHolder: string,
): Promise<JoinedCluster | undefined> {
  const clusters = accounts.list();
  if (clusters.length === 0) {
    const join = vscode.l10n.t('Join a Cluster…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('You have not joined a cluster on this device yet.'),
      join,
    );
    if (choice === join) await vscode.commands.executeCommand('clusterLessons.joinCluster');
    return undefined;
  }
  if (clusters.length === 1) return clusters[0];
  const picked = await vscode.window.showQuickPick(
    clusters.map((c) => ({ label: c.clusterName, description: c.member.school, cluster: c })),
    { placeHolder },
  );
  return picked?.cluster;
}

/** "Leave Cluster": forgets a cluster's token on this device. The work stays on the server. */
export function registerLeaveCluster(accounts: ClusterAccounts): vscode.Disposable {
  return vscode.commands.registerCommand('clusterLessons.leaveCluster', async () => {
    const cluster = await pickCluster(
      accounts,
      vscode.l10n.t('Which cluster do you want to leave on this device?'),
    );
    if (!cluster) return;
    const leave = vscode.l10n.t('Leave');
    const ok = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Leave {0} on this device? Your plans stay on the cluster server; you will need a new invite code to come back.',
        cluster.clusterName,
      ),
      { modal: true },
      leave,
    );
    if (ok !== leave) return;
    await accounts.remove(cluster.clusterId);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('You left {0} on this device.', cluster.clusterName),
    );
  });
}
