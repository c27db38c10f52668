import * as vscode from 'vscode';
import { lookup, pathOf } from '../../core/plan/catalog';
import type { ClusterCatalog } from '../clusters/clusterCatalog';
import { CLUSTER_SCHEME, segmentsOf } from './clusterUri';

/** The `cluster:` URI at which a plan currently appears in the explorer. */
export function planUri(catalog: ClusterCatalog, clusterId: string, planId: string): vscode.Uri | undefined {
  const segments = pathOf(catalog.root(), planId);
  return segments
    ? vscode.Uri.from({ scheme: CLUSTER_SCHEME, authority: clusterId, path: `/${segments.join('/')}` })
    : undefined;
}

/** The plan behind a `cluster:` URI, if it is one. */
export function planIdAt(catalog: ClusterCatalog, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== CLUSTER_SCHEME) return undefined;
  const node = lookup(catalog.root(), segmentsOf(uri));
  return node?.kind === 'plan' ? node.plan.id : undefined;
}
