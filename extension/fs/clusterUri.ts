import * as vscode from 'vscode';

export const CLUSTER_SCHEME = 'cluster';

/** `cluster://<clusterId>/<folders…>/<file>`: the authority names the cluster. */
export function clusterRoot(clusterId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CLUSTER_SCHEME, authority: clusterId, path: '/' });
}

export function segmentsOf(uri: vscode.Uri): string[] {
  return uri.path.split('/').filter((s) => s.length > 0);
}

export function planDocName(clusterId: string, planId: string): string {
  return `${clusterId}/plan/${planId}`;
}
