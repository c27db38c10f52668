import * as vscode from 'vscode';
import type { Platform } from '../platform';
import type { SyncStatus } from '../statusBar';

interface Deps {
  readonly log: vscode.LogOutputChannel;
  readonly status: SyncStatus;
  readonly platform: Platform;
}

export function serverUrl(): string {
  const configured = vscode.workspace.getConfiguration('clusterLessons').get<string>('serverUrl');
  return (configured || 'http://localhost:1234').replace(/\/+$/, '');
}

/** "Check Server Connection": asks the configured server's /healthz and says plainly what happened. */
export function registerCheckServer({ log, status }: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('clusterLessons.checkServer', async () => {
    const url = serverUrl();
    status.show({ kind: 'connecting' });
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { version?: string };
      log.info(`Server ${url} answered /healthz (version ${body.version ?? 'unknown'})`);
      status.show({ kind: 'notConnected' }, vscode.l10n.t('Server {0} is reachable.', url));
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The cluster server at {0} is reachable (version {1}).', url, body.version ?? '?'),
      );
    } catch (error) {
      log.warn(`Server ${url} did not answer /healthz: ${String(error)}`);
      status.show({ kind: 'offline', pendingChanges: 0 });
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Cannot reach the cluster server at {0}. Check the address in the setting "clusterLessons.serverUrl" and your connection, then try again.',
          url,
        ),
      );
    }
  });
}
