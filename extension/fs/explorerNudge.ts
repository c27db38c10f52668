import * as vscode from 'vscode';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import type { ClusterFileSystem } from './clusterFileSystem';
import { CLUSTER_SCHEME } from './clusterUri';

const ATTEMPTS = 5;
const EVERY_MS = 3_000;

/**
 * At start-up the explorer can resolve a `cluster:` folder before this extension has registered
 * its file system (the window reloads when a folder is added), keep it as empty, and not ask
 * again. Until it has listed every cluster folder, ask it to refresh, a few times at most.
 */
export function registerExplorerNudge(
  workspace: ClusterWorkspace,
  fileSystem: ClusterFileSystem,
): vscode.Disposable {
  const clusters = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === CLUSTER_SCHEME)
    .map((f) => f.uri.authority);
  if (clusters.length === 0) return new vscode.Disposable(() => undefined);
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const nudge = async (): Promise<void> => {
    await Promise.all(clusters.map((id) => workspace.catalog(id).refresh()));
    if (clusters.every((id) => fileSystem.listed.has(id)) || attempts++ >= ATTEMPTS) return;
    await vscode.commands.executeCommand('workbench.files.action.refreshFilesExplorer');
    timer = setTimeout(() => void nudge(), EVERY_MS);
  };
  void nudge();
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
  });
}
