import * as vscode from 'vscode';
import type { SyncState } from '../core/sync/syncState';

export const SYNC_STATUS_ID = 'clusterLessons.syncStatus';

export interface SyncStatus extends vscode.Disposable {
  show(state: SyncState, detail?: string): void;
  /** What clicking the item does. */
  setCommand(command: string): void;
}

function render(state: SyncState): { text: string; tooltip: string; warning: boolean } {
  switch (state.kind) {
    case 'notConnected':
      return {
        text: `$(cloud) ${vscode.l10n.t('Cluster Lessons')}`,
        tooltip: vscode.l10n.t('Not connected to a cluster server.'),
        warning: false,
      };
    case 'connecting':
      return {
        text: `$(sync~spin) ${vscode.l10n.t('Connecting…')}`,
        tooltip: vscode.l10n.t('Connecting to the cluster server.'),
        warning: false,
      };
    case 'synced':
      return {
        text: `$(check) ${vscode.l10n.t('Synced')}`,
        tooltip: vscode.l10n.t('All your changes are on the cluster server.'),
        warning: false,
      };
    case 'syncing':
      return {
        text: `$(sync~spin) ${vscode.l10n.t('Syncing…')}`,
        tooltip: vscode.l10n.t('Sending and receiving changes.'),
        warning: false,
      };
    case 'offline':
      return {
        text:
          state.pendingChanges > 0
            ? `$(cloud-offline) ${vscode.l10n.t('Offline ({0} waiting)', state.pendingChanges)}`
            : `$(cloud-offline) ${vscode.l10n.t('Offline')}`,
        tooltip: vscode.l10n.t(
          'The cluster server cannot be reached. Your changes are saved on this device and will be sent when the connection returns.',
        ),
        warning: true,
      };
    case 'outOfSync':
      return {
        text: `$(warning) ${vscode.l10n.t('Out of sync')}`,
        tooltip: vscode.l10n.t(
          'This document differs from the server copy. Click to reload it from the server.',
        ),
        warning: true,
      };
    case 'denied':
      return {
        text: `$(lock) ${vscode.l10n.t('Permission denied')}`,
        tooltip: state.reason,
        warning: true,
      };
  }
}

/** The one status bar item that always says which sync state the teacher is in. */
export function registerSyncStatus(): SyncStatus {
  const item = vscode.window.createStatusBarItem(SYNC_STATUS_ID, vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Cluster Lessons Sync');
  item.command = 'clusterLessons.checkServer';
  const show = (state: SyncState, detail?: string): void => {
    const view = render(state);
    item.text = view.text;
    item.tooltip = detail ? `${view.tooltip}\n${detail}` : view.tooltip;
    item.backgroundColor = view.warning
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    item.accessibilityInformation = {
      label: `${vscode.l10n.t('Cluster Lessons')}: ${view.text.replace(/\$\([^)]*\)\s*/g, '')}`,
    };
  };
  show({ kind: 'notConnected' });
  item.show();
  return {
    show,
    setCommand: (command) => {
      item.command = command;
    },
    dispose: () => item.dispose(),
  };
}
