import * as vscode from 'vscode';
import type { Member } from '../../core/cluster/model';

/** A cluster this VS Code has joined. The token is not here: it lives in SecretStorage. */
export interface JoinedCluster {
  readonly serverUrl: string;
  readonly clusterId: string;
  readonly clusterName: string;
  readonly member: Member;
}

const LIST_KEY = 'clusterLessons.joinedClusters';
const secretKey = (clusterId: string): string => `clusterLessons.token.${clusterId}`;

/** The clusters a teacher has joined, with their tokens kept in VS Code's SecretStorage. */
export class ClusterAccounts implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  list(): JoinedCluster[] {
    return this.context.globalState.get<JoinedCluster[]>(LIST_KEY, []);
  }

  get(clusterId: string): JoinedCluster | undefined {
    return this.list().find((c) => c.clusterId === clusterId);
  }

  token(clusterId: string): Thenable<string | undefined> {
    return this.context.secrets.get(secretKey(clusterId));
  }

  async add(cluster: JoinedCluster, token: string): Promise<void> {
    await this.context.secrets.store(secretKey(cluster.clusterId), token);
    const others = this.list().filter((c) => c.clusterId !== cluster.clusterId);
    await this.context.globalState.update(LIST_KEY, [...others, cluster]);
    this.changed.fire();
  }

  async remove(clusterId: string): Promise<void> {
    await this.context.secrets.delete(secretKey(clusterId));
    await this.context.globalState.update(
      LIST_KEY,
      this.list().filter((c) => c.clusterId !== clusterId),
    );
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
