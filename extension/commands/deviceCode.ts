import * as vscode from 'vscode';
import type { ClusterAccounts } from '../clusters/accounts';
import { ServerApi, ServerApiError } from '../clusters/serverApi';
import { pickCluster } from './leaveCluster';

/**
 * "Get a Code to Sign In on Another Device": a one-time device code for the member this device
 * is signed in as. Typed into "Join a Cluster…" on the other device, it signs in as the same
 * member, so their plans, rounds and next steps come along.
 */
export function registerDeviceCode(accounts: ClusterAccounts): vscode.Disposable {
  return vscode.commands.registerCommand('clusterLessons.deviceCode', async () => {
    const cluster = await pickCluster(
      accounts,
      vscode.l10n.t('For which cluster do you want to sign in on another device?'),
    );
    if (!cluster) return;
    const token = await accounts.token(cluster.clusterId);
    if (!token) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'This device has no sign-in for {0} any more. Join the cluster again, then get a code.',
          cluster.clusterName,
        ),
      );
      return;
    }
    let issued: { code: string; expiresAt: string };
    try {
      issued = await new ServerApi(cluster.serverUrl, token).deviceCode();
    } catch (error) {
      void vscode.window.showErrorMessage(
        error instanceof ServerApiError
          ? vscode.l10n.t('The cluster server could not give a code: {0}', error.message)
          : vscode.l10n.t(
              'Cannot reach the cluster server at {0}. A code needs a connection; try again when you are online.',
              cluster.serverUrl,
            ),
      );
      return;
    }
    const expires = new Date(issued.expiresAt).toLocaleString(vscode.env.language);
    const copy = vscode.l10n.t('Copy');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Your code to sign in on another device: {0}', issued.code),
      {
        modal: true,
        detail: vscode.l10n.t(
          'On the other device, run "Join a Cluster…" with the server address {0} and type this code. It signs you in to {1} as {2}, works once, and expires {3}. Keep it to yourself.',
          cluster.serverUrl,
          cluster.clusterName,
          cluster.member.name,
          expires,
        ),
      },
      copy,
    );
    if (choice === copy) {
      await vscode.env.clipboard.writeText(issued.code);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Code copied'), 3000);
    }
  });
}
