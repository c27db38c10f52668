// Entry for VS Code for the Web's web worker extension host.
import type * as vscode from 'vscode';
import { activateShared, type ClusterLessonsApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<ClusterLessonsApi> {
  return activateShared(context, { host: 'web', WebSocket: globalThis.WebSocket });
}

export function deactivate(): void {}
