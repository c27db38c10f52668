// Entry for VS Code's Node extension host (desktop VS Code, code-server).
import type * as vscode from 'vscode';
import { activateShared, type ClusterLessonsApi } from './activate';
import { DesktopWebSocket } from './desktopWebSocket';

export function activate(context: vscode.ExtensionContext): Promise<ClusterLessonsApi> {
  return activateShared(context, {
    host: 'node',
    WebSocket: DesktopWebSocket as unknown as typeof globalThis.WebSocket,
  });
}

export function deactivate(): void {}
