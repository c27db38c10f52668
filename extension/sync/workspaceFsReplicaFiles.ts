import * as vscode from 'vscode';
import type { ReplicaFiles } from '../../core/replica/replicaFiles';

/** ReplicaFiles in the extension's global storage, through workspace.fs (works on desktop and web). */
export function workspaceFsReplicaFiles(root: vscode.Uri): ReplicaFiles {
  const at = (p: string): vscode.Uri => vscode.Uri.joinPath(root, ...p.split('/'));
  const made = new Set<string>();
  return {
    async read(p) {
      try {
        return await vscode.workspace.fs.readFile(at(p));
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
        throw error;
      }
    },
    async write(p, data) {
      const dir = p.split('/').slice(0, -1).join('/');
      if (!made.has(dir)) {
        await vscode.workspace.fs.createDirectory(at(dir));
        made.add(dir);
      }
      await vscode.workspace.fs.writeFile(at(p), data);
    },
    async delete(p) {
      try {
        await vscode.workspace.fs.delete(at(p), { useTrash: false });
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
      }
    },
    async list(dir) {
      try {
        return (await vscode.workspace.fs.readDirectory(at(dir))).map(([name]) => name);
      } catch {
        return [];
      }
    },
  };
}
