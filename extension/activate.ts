import * as vscode from 'vscode';
import { registerCheckServer } from './commands/checkServer';
import { registerShowLog } from './commands/showLog';
import { createLog } from './log';
import type { Platform } from './platform';
import { registerSyncStatus } from './statusBar';

/** Shared by both hosts: composes the features, each a disposable. */
export async function activateShared(context: vscode.ExtensionContext, platform: Platform): Promise<void> {
  const started = Date.now();
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const status = registerSyncStatus();
    context.subscriptions.push(status, registerShowLog(log), registerCheckServer({ log, status, platform }));
    log.info(`Activated in the ${platform.host} extension host in ${Date.now() - started} ms`);
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
