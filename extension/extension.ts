// Entry for VS Code's Node extension host (desktop VS Code, code-server).
import type * as vscode from 'vscode';
import WebSocket from 'ws';
import { activateShared, type ClusterLessonsApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<ClusterLessonsApi> {
  // Older Node runtimes inside VS Code have no global WebSocket; `ws` speaks the same API.
  return activateShared(context, {
    host: 'node',
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

export function deactivate(): void {}
