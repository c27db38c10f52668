import * as vscode from 'vscode';
import { explainServerError, type ClusterWorkspace } from '../clusters/clusterWorkspace';
import { planIdAt } from '../fs/planUri';

/** "Restore Plan" on a plan in Trash (deleted plans can be restored for 30 days). */
export function registerRestorePlan(workspace: ClusterWorkspace): vscode.Disposable {
  return vscode.commands.registerCommand('clusterLessons.restorePlan', async (uri?: vscode.Uri) => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const planId = target && planIdAt(workspace.catalog(target.authority), target);
    if (!target || !planId) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Choose a plan in the Trash folder of your cluster to restore it.'),
      );
      return;
    }
    await restorePlanAndSay(workspace, target.authority, planId);
  });
}

/** Brings a plan back from Trash and tells the teacher how that went (command and notification). */
export async function restorePlanAndSay(
  workspace: ClusterWorkspace,
  clusterId: string,
  planId: string,
): Promise<void> {
  try {
    await workspace.restorePlan(clusterId, planId);
    void vscode.window.showInformationMessage(vscode.l10n.t('The plan is back in its folder.'));
  } catch (error) {
    void vscode.window.showErrorMessage(
      error instanceof vscode.FileSystemError ? error.message : explainServerError(error),
    );
  }
}
