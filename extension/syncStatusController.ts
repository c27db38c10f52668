import * as vscode from 'vscode';
import type { PlanBindings } from './editor/planBindings';
import type { SyncStatus } from './statusBar';

/** Keeps the status bar on the state of the plan in the active editor. */
export function registerSyncStatusController(status: SyncStatus, bindings: PlanBindings): vscode.Disposable {
  let showingPlan = false;
  const refresh = (): void => {
    const editor = vscode.window.activeTextEditor;
    const plan = editor && bindings.get(editor.document.uri);
    if (!plan) {
      // Leave alone what "Check Server Connection" said, unless a plan's state is still showing.
      if (showingPlan) {
        status.show({ kind: 'notConnected' });
        status.setCommand('clusterLessons.checkServer');
      }
      showingPlan = false;
      return;
    }
    showingPlan = true;
    const state = bindings.stateOf(plan);
    status.show(state);
    status.setCommand(
      state.kind === 'outOfSync'
        ? 'clusterLessons.reloadFromServer'
        : state.kind === 'offline'
          ? 'clusterLessons.reconnect'
          : 'clusterLessons.showLog',
    );
  };
  const reload = vscode.commands.registerCommand('clusterLessons.reloadFromServer', async () => {
    const editor = vscode.window.activeTextEditor;
    const plan = editor && bindings.get(editor.document.uri);
    if (plan) await bindings.reload(plan);
    refresh();
  });
  const reconnect = vscode.commands.registerCommand('clusterLessons.reconnect', () => {
    const editor = vscode.window.activeTextEditor;
    editor && bindings.get(editor.document.uri)?.session.reconnectNow();
  });
  const subs = [
    vscode.window.onDidChangeActiveTextEditor(refresh),
    bindings.onDidChange(refresh),
    reload,
    reconnect,
  ];
  // States also change while nothing else happens (a reconnect in the background).
  const timer = setInterval(refresh, 1_000);
  refresh();
  return new vscode.Disposable(() => {
    clearInterval(timer);
    for (const s of subs) s.dispose();
  });
}
