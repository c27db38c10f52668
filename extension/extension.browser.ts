// Entry for VS Code for the Web's web worker extension host.
import type * as vscode from 'vscode';
import { activateShared } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateShared(context, { host: 'web', WebSocket: globalThis.WebSocket });
}

export function deactivate(): void {}
