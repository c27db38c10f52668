import * as vscode from 'vscode';
import type { ClusterAccounts } from './clusters/accounts';

/** The walkthrough contributed in package.json (`contributes.walkthroughs`). */
const WALKTHROUGH = 'gettingStarted';
/** Set once the walkthrough has opened by itself on this device (or was not needed). */
const SHOWN_KEY = 'clusterLessons.walkthroughShownOnFirstStart';
const SETTING = 'openWalkthroughOnFirstStart';
/** In the log, so one can tell it was ours that opened it (VS Code also restores open editors); tests read it. */
const OPENED_LOG_LINE = 'Opening Get Started with Cluster Lessons: the first start on this device';

/**
 * A teacher who starts Cluster Lessons for the first time on a device, and has joined no cluster
 * here, lands on "Get Started with Cluster Lessons": its first step asks for her cluster. VS Code
 * opens a walkthrough by itself only when an extension is installed from the Marketplace or a
 * .vsix, not when it comes with the workbench, as in VS Code for the Web run by `npm start` or
 * hosted by a district; there she would see VS Code's own welcome page and nothing of ours.
 * Once per device, and never over a file she already has open.
 */
export async function openWalkthroughOnFirstStart(
  context: vscode.ExtensionContext,
  accounts: ClusterAccounts,
  log: vscode.LogOutputChannel,
): Promise<void> {
  try {
    if (context.globalState.get<boolean>(SHOWN_KEY) === true) return;
    if (!vscode.workspace.getConfiguration('clusterLessons').get<boolean>(SETTING, true)) return;
    if (accounts.list().length > 0) {
      await context.globalState.update(SHOWN_KEY, true);
      return;
    }
    // Files open already (a window restored, or opened on a file): not now; the next start asks
    // again. The Output panel counts as a text editor to extensions, but covers no file.
    if (vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme !== 'output')) return;
    // Logged before anything is awaited, so it comes before activation's own (long) line.
    log.info(OPENED_LOG_LINE);
    await context.globalState.update(SHOWN_KEY, true);
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      `${context.extension.id}#${WALKTHROUGH}`,
      false,
    );
  } catch (error) {
    // Only a convenience: the walkthrough is still in the palette and on the Welcome page.
    log.warn(`Could not open the walkthrough: ${String(error)}`);
  }
}
