import type * as vscode from 'vscode';
import type { School } from '../../webview/pacesetter/protocol';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';

const cacheKey = (clusterId: string): string => `clusterLessons.schools.${clusterId}`;

/**
 * The cluster's schools (the grid's columns and the coverage documents to open), from the server
 * (GET /api/me), kept for offline use. Offline on a device that never asked, only the member's
 * own school is known.
 */
export async function clusterSchools(
  context: vscode.ExtensionContext,
  workspace: ClusterWorkspace,
  clusterId: string,
  log: vscode.LogOutputChannel,
): Promise<School[]> {
  try {
    const { cluster } = await (await workspace.api(clusterId)).me();
    const schools = cluster.schoolIds.map((id, i) => ({ id, name: cluster.schools[i] ?? id }));
    await context.globalState.update(cacheKey(clusterId), schools);
    return schools;
  } catch (error) {
    log.info(`Schools of ${clusterId} from this device's copy (server not reached: ${String(error)})`);
    const cached = context.globalState.get<School[]>(cacheKey(clusterId));
    if (cached?.length) return cached;
    const me = workspace.member(clusterId);
    return me ? [{ id: me.schoolId, name: me.school }] : [];
  }
}
